"""`odop-bot worker`, `odop-bot broadcast …` and `odop-bot subscribers …` (registered by cli.py).

Bad input (an unknown audience, an empty, non-UTF-8 or too long text, a bad time) is one line
on stderr, exit status 2, and nothing is queued.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from bot import cli
from bot.bootstrap import Knowledge, open_knowledge
from bot.settings import Settings
from handlers.broadcast_texts import duration, paid_stars, progress_lines
from handlers.notices import MAX_MESSAGE, fits, render_text
from knowledge.delivery import audience as audiences
from knowledge.delivery import outbox, quiet, reports, roster
from knowledge.delivery.models import ACTIVE, CANCELLED, PAUSED, Broadcast
from knowledge.delivery.models import create_tables as create_delivery_tables

PROG = "odop-bot"


class Refused(Exception):
    """Reported as one line; nothing was changed."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("worker", help="send queued broadcasts and alerts (no chat)")
    worker.set_defaults(func=_guarded(_worker))

    bc = sub.add_parser("broadcast", help="queue a message to subscribers, or manage them")
    bc.add_argument("action", nargs="?", choices=("list", "show", "pause", "resume", "cancel"),
                    help="manage queued broadcasts instead of queueing one")
    bc.add_argument("id", nargs="?", type=int, help="the broadcast (for show/pause/...)")
    bc.add_argument("--audience", help="all, state:NAME, district:NAME or product:NAME")
    bc.add_argument("--text-file", type=Path, help="the English text (UTF-8)")
    bc.add_argument("--text-file-hi", type=Path, help="the Hindi text (optional)")
    bc.add_argument("--at", help="send later: ISO time, e.g. 2026-03-02T09:30 (IST if no zone)")
    bc.add_argument("--urgent", action="store_true", help="send through quiet hours")
    bc.add_argument("--yes", action="store_true", help="queue without the preview question")
    bc.set_defaults(func=_guarded(_broadcast))

    subs = sub.add_parser("subscribers", help="import or export subscribers (CSV)")
    subs_sub = subs.add_subparsers(dest="subscribers_command", required=True)
    imp = subs_sub.add_parser("import", help="subscribe chat ids from a CSV (chat_id column)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_guarded(_subscribers_import))
    exp = subs_sub.add_parser("export", help="print every subscriber as CSV")
    exp.set_defaults(func=_guarded(_subscribers_export))


def _guarded(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except (Refused, audiences.BadAudience, roster.BadSubscriberFile,
                quiet.BadQuietHours) as err:
            print(f"{PROG}: {err}", file=sys.stderr)
            return 2

    return run


def _open(args: argparse.Namespace) -> Knowledge:
    knowledge = open_knowledge(args.db)
    cli.opened(args, knowledge)
    create_delivery_tables(knowledge.db)
    return knowledge


# --- worker --------------------------------------------------------------------------------


def _worker(args: argparse.Namespace) -> int:
    from bot.logs import configure_logging
    from bot.standalone import serve_worker

    settings = Settings()
    configure_logging(settings.token(), settings.odop_log_level, settings.odop_log_format)
    knowledge = _open(args)
    asyncio.run(serve_worker(settings, knowledge.sessions))
    return 0


# --- broadcast -----------------------------------------------------------------------------


def read_text(path: Path | None, what: str) -> str | None:
    """The file's text; Refused if unreadable, not UTF-8, empty or too long for Telegram."""
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise Refused(f"cannot read {path}: {err.strerror or err}") from err
    try:
        body = raw.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise Refused(f"{what} {path} is not UTF-8 text") from None
    if not body:
        raise Refused(f"{what} {path} is empty")
    if not fits(body):
        raise Refused(f"{what} {path} is too long: Telegram allows {MAX_MESSAGE} characters "
                      f"with the footer ({len(render_text(body, 'en'))} here)")
    return body


def parse_at(value: str | None, now: float) -> float | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"--at {value!r} is not an ISO time like 2026-03-02T09:30") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=quiet.IST)
    when = at.timestamp()
    if when < now - 60:
        raise Refused(f"--at {value} is in the past")
    return when


def _broadcast(args: argparse.Namespace) -> int:
    if args.action:
        return _manage(args)
    if not args.audience or not args.text_file:
        raise Refused("broadcast needs --audience and --text-file (or list/show/pause/...)")
    text_en = read_text(args.text_file, "text file")
    text_hi = read_text(args.text_file_hi, "Hindi text file")
    assert text_en is not None
    now = time.time()
    send_at = parse_at(args.at, now)
    settings = Settings()
    knowledge = _open(args)
    with knowledge.sessions.begin() as session:
        audience = audiences.parse(session, args.audience)
        size = outbox.audience_size(session, audience.targets)
        if not args.yes:
            _preview(audience.label, size, text_en, text_hi, send_at, args.urgent, settings)
            if not _confirm():
                print("nothing queued")
                return 1
        bid, total = outbox.create_broadcast(
            session, targets=audience.targets, audience=audience.label, text_en=text_en,
            text_hi=text_hi, now=now, send_at=send_at, urgent=args.urgent,
            created_by="cli", rate=settings.odop_broadcast_rate,
        )
    print(f"broadcast {bid} queued for {total} subscribers ({audience.label})")
    return 0


def _preview(label: str, size: int, text_en: str, text_hi: str | None, send_at: float | None,
             urgent: bool, settings: Settings) -> None:
    rate = settings.odop_broadcast_rate
    print(f"Audience: {label} — {size} subscribers")
    when = "now" if send_at is None else datetime.fromtimestamp(send_at, quiet.IST).isoformat()
    print(f"Send: {when}{' (urgent: through quiet hours)' if urgent else ''}; "
          f"about {duration(size / rate)} at {rate:g} messages/s")
    if settings.odop_allow_paid_broadcast:
        print(f"Paid broadcast is on: up to {paid_stars(size):g} Telegram Stars")
    print("--- English ---")
    print(text_en)
    if text_hi:
        print("--- Hindi ---")
        print(text_hi)


def _confirm() -> bool:
    if not sys.stdin.isatty():
        print("not confirmed (pass --yes to queue without asking)", file=sys.stderr)
        return False
    return input("Queue it? [y/N] ").strip().lower() in ("y", "yes")


def _manage(args: argparse.Namespace) -> int:
    knowledge = _open(args)
    if args.action == "list":
        with knowledge.sessions() as session:
            rows = session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(20))
            for b in rows:
                print(f"{b.id:>5}  {b.kind:<9} {b.status:<9} {b.total:>7}  "
                      f"{_when(b.created_at)}  {b.audience}")
        return 0
    if args.id is None:
        raise Refused(f"broadcast {args.action} needs the broadcast's id")
    if args.action == "show":
        with knowledge.sessions() as session:
            progress = reports.progress(session, args.id)
        if progress is None:
            raise Refused(f"no broadcast {args.id}")
        print(progress_text(progress))
        return 0
    status = {"pause": PAUSED, "resume": ACTIVE, "cancel": CANCELLED}[args.action]
    with knowledge.sessions.begin() as session:
        if not reports.set_status(session, args.id, status, time.time()):
            raise Refused(f"no broadcast {args.id}")
    print(f"broadcast {args.id}: {status}")
    return 0


def progress_text(p: reports.Progress) -> str:
    """The figures `broadcast show` prints (the admin's progress message shows the same)."""
    return "\n".join(progress_lines(p))


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, quiet.IST).strftime("%Y-%m-%d %H:%M IST")


# --- subscribers ---------------------------------------------------------------------------


def _subscribers_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(roster.read_import(f))
    except OSError as err:
        raise Refused(f"cannot read {path}: {err.strerror or err}") from err
    except UnicodeDecodeError:
        raise Refused(f"{path} is not UTF-8 text") from None
    knowledge = _open(args)
    with knowledge.sessions.begin() as session:
        added = roster.import_rows(session, rows, now=time.time())
    print(f"{len(rows)} rows read; {added} new subscriptions to everything")
    return 0


def _subscribers_export(args: argparse.Namespace) -> int:
    knowledge = _open(args)
    out = csv.writer(sys.stdout)
    out.writerow(roster.EXPORT_COLUMNS)
    with knowledge.sessions() as session:
        for row in roster.export_rows(session):
            out.writerow(row)
    return 0



