"""The `odop-bot` command: ask questions, chat, manage the knowledge base, run the bot."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import console
from knowledge.answer import Answer
from knowledge.normalise import ascii_int
from knowledge.reply import compose, to_text
from knowledge.wording import district_label

if TYPE_CHECKING:
    from bot.bootstrap import Knowledge
    from knowledge.engine import Engine

PROG = "odop-bot"
# Commands that only answer questions: their parser is built without the other commands'
# modules (SQLAlchemy, python-telegram-bot, pydantic, Alembic), and they answer from the
# database's engine snapshot when it is current (knowledge.snapshot).
_ANSWERING = frozenset({"ask", "chat"})


class CliError(Exception):
    """A failure to report as one line on stderr."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    console.use_utf8()
    whole_process = argv is None
    argv = sys.argv[1:] if argv is None else argv
    answering = _command(argv) in _ANSWERING
    args = console.clean_arguments(_parser(full=not answering).parse_args(argv))
    status = _dispatch(args)
    if answering and whole_process:
        _exit_now(status)
    return status


def _exit_now(status: int) -> None:
    """End the process without tearing it down: an answering process has nothing left to
    close, and freeing the engine's objects one by one would take a third of its run."""
    for stream in (sys.stdout, sys.stderr):
        # a reader that went away, a stream already closed: nothing more to say to them
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not our failure.
        sys.stderr.close()
        return 0
    except Exception as exc:
        status = _failure(exc)
        if status is None:
            if os.environ.get("ODOP_LOG_LEVEL", "").upper() == "DEBUG":
                raise
            print(f"{PROG}: unexpected error: {type(exc).__name__}: {exc}".splitlines()[0],
                  file=sys.stderr)
            print(f"{PROG}: run again with ODOP_LOG_LEVEL=DEBUG for the details",
                  file=sys.stderr)
            return 1
        return status
    finally:
        # Close what the command opened: a SQLite file whose last connection closes folds
        # its WAL back and is at rest, so the next `ask` can key and keep its snapshot.
        for knowledge in vars(args).get("opened", ()):
            knowledge.db.dispose()


def _failure(exc: Exception) -> int | None:
    """Report a failure of ours in one line (or a few) and return the exit status; None for
    anything else. The modules are imported here, not at start: `ask` may never load them."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.settings import MissingTokenError
    from knowledge import importer
    from knowledge.schema import SchemaError

    if isinstance(exc, SchemaError | MissingTokenError):
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if isinstance(exc, importer.RemovalsNeedConsent):
        print(exc.planned.format())
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        return 1
    if isinstance(exc, importer.ImportFailed):
        errors = exc.report.errors if exc.report else []
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        for issue in errors[1:]:
            print(f"  line {issue.line}: {issue.message}", file=sys.stderr)
        return 1
    if isinstance(exc, SQLAlchemyError):
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"{PROG}: database error: {reason}", file=sys.stderr)
        return 2
    return None


def _command(argv: list[str]) -> str | None:
    """The command `argv` names, when it is plain to see (else None: the full parser reads it)."""
    rest = iter(argv)
    for arg in rest:
        if arg == "--db":
            next(rest, None)
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def _parser(full: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Answers about India's One District One Product (ODOP) list."
    )
    parser.add_argument("--db", metavar="URL", help="database URL (default: ODOP_DATABASE_URL, "
                        "else an embedded SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question ('-' reads one per line from stdin)")
    ask.add_argument("text", help="the question, or - to read questions from standard input")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--lang", choices=("en", "hi"), default="en", help="reply language")
    ask.set_defaults(func=_ask)

    chat = sub.add_parser("chat", help="a conversation in the terminal")
    chat.add_argument("--lang", choices=("en", "hi"), default="en")
    chat.set_defaults(func=_chat)
    if full:
        _add_managing(sub)
    return parser


def _add_managing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The commands that manage the knowledge base, the bot and the database."""
    from bot import cli_broadcast, cli_db, cli_status
    from knowledge import importer

    kb = sub.add_parser("kb", help="manage the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    imp = kb_sub.add_parser("import", help="import the official ODOP product list (CSV)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="report without writing")
    imp.add_argument("--allow-removals", action="store_true",
                     help="allow removing more than "
                     f"{importer.MAX_REMOVED_SHARE:.0%} of the products")
    imp.add_argument("--by", metavar="NAME", help="who imports it (audit log; default: login)")
    imp.set_defaults(func=_kb_import)
    kb_sub.add_parser("check", help="print the data-quality report").set_defaults(func=_kb_check)
    kb_sub.add_parser("stats", help="print the counts").set_defaults(func=_kb_stats)
    cli_status.register(kb_sub, _open)

    run = sub.add_parser("run", help="run the Telegram bot (long polling by default)")
    run.add_argument("--webhook", action="store_true", default=None, help="serve a webhook")
    run.set_defaults(func=_run)
    cli_broadcast.register(sub)
    cli_db.register(sub)


def _open(args: argparse.Namespace) -> Knowledge:
    from bot.bootstrap import KnowledgeUnavailable, open_knowledge

    try:
        knowledge = open_knowledge(args.db)
    except KnowledgeUnavailable as exc:
        raise CliError(f"cannot open the knowledge base: {exc}") from exc
    opened(args, knowledge)
    return knowledge


def opened(args: argparse.Namespace, knowledge: Knowledge) -> None:
    """Note `knowledge` as opened by this command, to be closed when it ends."""
    vars(args).setdefault("opened", []).append(knowledge)


def _engine(args: argparse.Namespace) -> Engine:
    """The query engine: the database's snapshot when it is current, else read and built (and
    then saved as the snapshot, for the next process)."""
    from knowledge import location, snapshot

    path = location.sqlite_file(location.database_url(args.db))
    engine = snapshot.load(path) if path is not None else None
    if engine is not None:
        return engine
    read_at = snapshot.key(path) if path is not None else None
    knowledge = _open(args)
    # The engine needs no connection, and the process ends without teardown (_exit_now):
    # close them now, which also settles a SQLite file before it is keyed again.
    knowledge.db.dispose()
    if path is not None:
        snapshot.save(path, read_at, knowledge.engine)
    return knowledge.engine


def render(answer: Answer, lang: str = "en") -> str:
    return to_text(compose(answer, lang))


def as_json(answer: Answer, lang: str = "en") -> str:
    return json.dumps(answer.to_public(render(answer, lang)), ensure_ascii=False)


def _ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    lang: str = args.lang
    emit: Callable[[Answer], str] = (
        (lambda a: as_json(a, lang)) if args.json else (lambda a: render(a, lang))
    )
    if args.text == "-":
        _answer_lines(engine, sys.stdin, sys.stdout, emit, blank_between=not args.json)
    else:
        print(emit(engine.ask(args.text)))
    return 0


def _answer_lines(
    engine: Engine, lines: Iterable[str], out: TextIO, emit: Callable[[Answer], str],
    blank_between: bool,
) -> None:
    for n, line in enumerate(lines):
        if blank_between and n:
            out.write("\n")
        out.write(emit(engine.ask(line.rstrip("\r\n"))) + "\n")
        out.flush()


class _Current:
    """The engine `odop-bot chat` answers with, read again when the knowledge changed since
    it was read (another process ran `kb set-status` or `kb import`): a SQLite file by its
    snapshot key (a stat, no database read), any other database by its knowledge version."""

    def __init__(self, args: argparse.Namespace) -> None:
        from knowledge import location

        self._args = args
        self._path = location.sqlite_file(location.database_url(args.db))
        self._knowledge: Knowledge | None = None
        self._key: str | None = None
        self.engine = self._read()

    def _read(self) -> Engine:
        from knowledge import snapshot

        if self._path is not None:
            self._key = snapshot.key(self._path)
            return _engine(self._args)
        self._knowledge = _open(self._args)
        return self._knowledge.engine

    def changed(self) -> bool:
        """Read the knowledge again if it changed; True if it did."""
        from knowledge import snapshot, version

        if self._path is not None:
            if snapshot.key(self._path) == self._key:
                return False
            self.engine = self._read()
            return True
        knowledge = self._knowledge
        assert knowledge is not None
        with knowledge.sessions() as session:
            if version.current(session) == knowledge.version:
                return False
        knowledge.reload()
        self.engine = knowledge.engine
        return True


def _chat(args: argparse.Namespace) -> int:
    current = _Current(args)
    print("Ask about ODOP districts, products, States, plans, committees or contacts. "
          "Empty line or Ctrl-D quits.")
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print()
            return 0
        if not line.strip() or line.strip().lower() in ("quit", "exit", "bye"):
            return 0
        if current.changed():
            print("(the knowledge base changed since the last answer: read again)")
        engine = current.engine
        answer = engine.ask(line)
        print(render(answer, args.lang))
        for n, option in enumerate(answer.clarify, 1):
            print(f"  {n}. {district_label(option.district, args.lang)}")
        chosen = _pick(engine, answer) if answer.clarify else None
        if chosen is not None:
            print(render(chosen, args.lang))
        print()


def _pick(engine: Engine, answer: Answer) -> Answer | None:
    try:
        choice = input("number> ").strip()
    except EOFError:
        return None
    number = ascii_int(choice)
    if number is None or not 1 <= number <= len(answer.clarify):
        return None
    district = answer.clarify[number - 1].district
    return engine.district(district.id, answer.intent if answer.intent in (
        "plan_status", "committee", "contact") else "district_products")


def _kb_import(args: argparse.Namespace) -> int:
    from bot import cli_status
    from knowledge import importer

    path: Path = args.file
    if not path.is_file():
        raise CliError(f"cannot read {path}: no such file")
    knowledge = _open(args)
    try:
        # One transaction: the products, their audit entries and the followers' alerts.
        with knowledge.sessions.begin() as session:
            report = importer.import_products(session, path, dry_run=args.dry_run,
                                              allow_removals=args.allow_removals)
            alerted = cli_status.audit_import(session, report, args.by)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    print(report.format())
    if alerted:
        print(f"Alerts queued: {alerted}")
    return 0


def _kb_check(args: argparse.Namespace) -> int:
    from knowledge import quality

    knowledge = _open(args)
    with knowledge.sessions() as session:
        print(quality.check_report(session))
    return 0


def _kb_stats(args: argparse.Namespace) -> int:
    from knowledge import quality

    knowledge = _open(args)
    with knowledge.sessions() as session:
        counts = quality.kb_stats(session)
    width = max(len(k) for k in counts)
    for key, value in counts.items():
        print(f"{key.ljust(width)}  {value:>6}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot import runner  # the Telegram stack loads only when the bot runs

    if args.db:
        import os

        os.environ["ODOP_DATABASE_URL"] = args.db
    return runner.run(webhook=args.webhook)


if __name__ == "__main__":
    raise SystemExit(main())
