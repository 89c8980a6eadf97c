"""The `odop-bot` command: ask questions, chat, manage the knowledge base, run the bot."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from bot import cli_broadcast, cli_db, cli_status, console
from bot.bootstrap import Knowledge, KnowledgeUnavailable, open_knowledge
from knowledge import importer, quality
from knowledge.answer import Answer
from knowledge.normalise import ascii_int
from knowledge.reply import compose, to_text
from knowledge.schema import SchemaError
from knowledge.wording import district_label

PROG = "odop-bot"


class CliError(Exception):
    """A failure to report as one line on stderr."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    console.use_utf8()
    args = console.clean_arguments(_parser().parse_args(argv))
    try:
        return int(args.func(args))
    except (CliError, SchemaError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except importer.RemovalsNeedConsent as exc:
        print(exc.planned.format())
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        return 1
    except importer.ImportFailed as exc:
        errors = exc.report.errors if exc.report else []
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        for issue in errors[1:]:
            print(f"  line {issue.line}: {issue.message}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"{PROG}: database error: {reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not our failure.
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
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
    return parser


def _open(args: argparse.Namespace) -> Knowledge:
    try:
        return open_knowledge(args.db)
    except KnowledgeUnavailable as exc:
        raise CliError(f"cannot open the knowledge base: {exc}") from exc


def render(answer: Answer, lang: str = "en") -> str:
    return to_text(compose(answer, lang))


def as_json(answer: Answer, lang: str = "en") -> str:
    return json.dumps(answer.to_public(render(answer, lang)), ensure_ascii=False)


def _ask(args: argparse.Namespace) -> int:
    knowledge = _open(args)
    lang: str = args.lang
    emit: Callable[[Answer], str] = (
        (lambda a: as_json(a, lang)) if args.json else (lambda a: render(a, lang))
    )
    if args.text == "-":
        _answer_lines(knowledge, sys.stdin, sys.stdout, emit, blank_between=not args.json)
    else:
        print(emit(knowledge.engine.ask(args.text)))
    return 0


def _answer_lines(
    knowledge: Knowledge, lines: Iterable[str], out: TextIO, emit: Callable[[Answer], str],
    blank_between: bool,
) -> None:
    for n, line in enumerate(lines):
        if blank_between and n:
            out.write("\n")
        out.write(emit(knowledge.engine.ask(line.rstrip("\r\n"))) + "\n")
        out.flush()


def _chat(args: argparse.Namespace) -> int:
    knowledge = _open(args)
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
        answer = knowledge.engine.ask(line)
        print(render(answer, args.lang))
        for n, option in enumerate(answer.clarify, 1):
            print(f"  {n}. {district_label(option.district, args.lang)}")
        chosen = _pick(knowledge, answer) if answer.clarify else None
        if chosen is not None:
            print(render(chosen, args.lang))
        print()


def _pick(knowledge: Knowledge, answer: Answer) -> Answer | None:
    try:
        choice = input("number> ").strip()
    except EOFError:
        return None
    number = ascii_int(choice)
    if number is None or not 1 <= number <= len(answer.clarify):
        return None
    district = answer.clarify[number - 1].district
    return knowledge.engine.district(district.id, answer.intent if answer.intent in (
        "plan_status", "committee", "contact") else "district_products")


def _kb_import(args: argparse.Namespace) -> int:
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
    knowledge = _open(args)
    with knowledge.sessions() as session:
        print(quality.check_report(session))
    return 0


def _kb_stats(args: argparse.Namespace) -> int:
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
