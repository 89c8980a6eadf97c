"""`odop-bot kb set-status | import-status | history`: people keep plan status current.

Registered from `bot/cli.py` under `kb`. Every change is written with its audit entry (and the
alerts to the district's followers) in one transaction; errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bot.bootstrap import Knowledge
from knowledge import audit, status, store, updates
from knowledge.audit import Actor
from knowledge.importer import ImportFailed, ImportReport
from knowledge.status_import import StatusImportFailed, import_status
from knowledge.updates import InvalidUpdate, Reported

PROG = "odop-bot"
Opener = Callable[[argparse.Namespace], Knowledge]


def register(kb_sub: argparse._SubParsersAction[argparse.ArgumentParser], opener: Opener) -> None:
    """Add the subcommands to `odop-bot kb`; `opener` opens the knowledge base for them."""
    steps = ", ".join(status.STEPS)
    cmd = kb_sub.add_parser("set-status", help="record a district's export plan status",
                            description=f"STATUS is one of: {steps}")
    cmd.add_argument("district", help="district name (add the State if shared) or LGD code")
    cmd.add_argument("status", help=f"one of: {steps}")
    cmd.add_argument("--date", required=True, help="date of that step, YYYY-MM-DD")
    cmd.add_argument("--source", required=True, help="a link or the document's reference")
    cmd.add_argument("--by", required=True, metavar="NAME", help="who reports it (audit log)")
    cmd.set_defaults(func=lambda args: _set_status(args, opener))

    imp = kb_sub.add_parser("import-status", help="import plan status evidence (CSV)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--by", metavar="NAME", help="who imports it (default: your login)")
    imp.set_defaults(func=lambda args: _import_status(args, opener))

    hist = kb_sub.add_parser("history", help="changes people made to a district, newest first")
    hist.add_argument("district", help="district name (add the State if shared) or LGD code")
    hist.add_argument("--limit", type=int, default=audit.HISTORY_LIMIT)
    hist.set_defaults(func=lambda args: _history(args, opener))


def audit_import(session: Session, report: ImportReport, by: str | None) -> int:
    """Audit what a product import changed and alert its followers (in its transaction)."""
    if not report.written or not report.diff:
        return 0
    source = store.get_meta(session).get("products_source", report.file)
    actor = Actor("cli", " ".join((by or getpass.getuser()).split()))
    return updates.record_products(session, report.diff, actor, source)


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _place(knowledge: Knowledge, text: str) -> updates.Place | str:
    """The district named, or the one-line reason it cannot be used."""
    found = updates.find_district(knowledge.engine, text)
    if found.options:
        names = " or ".join(f"{d.name} ({d.state})" for d in found.options)
        return f"{text!r} is {names}: add the State, e.g. '{found.options[0].name}, " \
               f"{found.options[0].state}', or give the LGD code"
    if found.district is None:
        return f"no district named {text!r}"
    with knowledge.sessions() as session:
        where = updates.place(session, found.district.id)
    return where if where is not None else f"no district named {text!r}"


def _set_status(args: argparse.Namespace, opener: Opener) -> int:
    try:
        step = updates.parse_step(args.status)
        day = updates.parse_date(args.date, date.today())
        source = updates.check_source(args.source)
    except InvalidUpdate as exc:
        return _fail(str(exc))
    by = " ".join(args.by.split())
    if not by:
        return _fail("--by is empty: say who reports this")
    knowledge = opener(args)
    where = _place(knowledge, args.district)
    if isinstance(where, str):
        return _fail(where)
    with knowledge.sessions.begin() as session:
        change = updates.record(session, where, Reported(step, day.isoformat(), source),
                                Actor("cli", by))
    if change is None:
        print(f"{where.label}: already recorded, nothing changed")
        return 0
    print(f"{where.label}: {updates.describe(change.old, change.old_as_of)} -> "
          f"{updates.describe(step, day.isoformat())}; recorded by {by}")
    return 0


def _import_status(args: argparse.Namespace, opener: Opener) -> int:
    path: Path = args.file
    if not path.is_file():
        return _fail(f"cannot read {path}: no such file")
    knowledge = opener(args)
    actor = Actor("cli", " ".join((args.by or getpass.getuser()).split()))
    try:
        with knowledge.sessions.begin() as session:
            report = import_status(session, path, actor)
    except StatusImportFailed as exc:
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        for issue in exc.status_report.errors[1:]:
            print(f"  line {issue.line}: {issue.message}", file=sys.stderr)
        return 1
    except ImportFailed as exc:
        print(f"{PROG}: import refused, nothing changed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        return _fail(f"cannot read {path}: {exc.strerror or exc}")
    print(report.format())
    return 0


def _history(args: argparse.Namespace, opener: Opener) -> int:
    knowledge = opener(args)
    where = _place(knowledge, args.district)
    if isinstance(where, str):
        return _fail(where)
    with knowledge.sessions() as session:
        changes = audit.history(session, where.id, max(1, args.limit))
    print(f"{where.label} — changes made by people, newest first")
    if not changes:
        print("No changes recorded.")
    for c in changes:
        print(f"{c.at:%Y-%m-%d %H:%M} UTC  {c.actor.describe()}: {c.what}: {c.old} -> {c.new}"
              f"  [source: {c.source}]")
    return 0
