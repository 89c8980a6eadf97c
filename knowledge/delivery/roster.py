"""Operators' files: subscribers imported from an earlier list, and exported as CSV.

Store functions: the caller's session, never a commit.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.delivery.models import Subscriber, Subscription, insert_for

CHAT_KINDS = ("private", "group", "supergroup", "channel")


EXPORT_COLUMNS = ("chat_id", "kind", "active", "lang", "follows")


class BadSubscriberFile(ValueError):
    """A row of an import file is unusable (the whole import is refused)."""


def read_import(lines: Iterable[str]) -> Iterator[tuple[int, str, str]]:
    """Yield (chat_id, kind, lang) from a CSV with a `chat_id` column (kind, lang optional)."""
    reader = csv.DictReader(lines)
    if not reader.fieldnames or "chat_id" not in reader.fieldnames:
        raise BadSubscriberFile("the file needs a chat_id column")
    for number, row in enumerate(reader, start=2):
        raw = (row.get("chat_id") or "").strip()
        try:
            chat_id = int(raw)
        except ValueError:
            raise BadSubscriberFile(f"line {number}: chat_id {raw!r} is not a number") from None
        kind = (row.get("kind") or "").strip() or ("private" if chat_id > 0 else "group")
        if kind not in CHAT_KINDS:
            raise BadSubscriberFile(f"line {number}: unknown chat kind {kind!r}")
        lang = (row.get("lang") or "en").strip() or "en"
        if lang not in ("en", "hi"):
            raise BadSubscriberFile(f"line {number}: unknown language {lang!r}")
        yield chat_id, kind, lang


def import_rows(
    session: Session, rows: Iterable[tuple[int, str, str]], *, now: float, batch: int = 1000
) -> int:
    """Subscribe each chat to everything (an earlier list's people wanted every update)."""
    added = 0
    chunk: list[tuple[int, str, str]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            added += _import_chunk(session, chunk, now)
            chunk = []
    if chunk:
        added += _import_chunk(session, chunk, now)
    return added


def _import_chunk(session: Session, chunk: list[tuple[int, str, str]], now: float) -> int:
    session.execute(
        insert_for(session, Subscriber)
        .values([
            {"chat_id": c, "kind": k, "active": True, "lang": lang, "digest": False,
             "next_send_at": 0.0, "created_at": now}
            for c, k, lang in chunk
        ])
        .on_conflict_do_nothing(index_elements=["chat_id"])
    )
    ids = session.scalars(
        select(Subscriber.id).where(Subscriber.chat_id.in_([c for c, _, _ in chunk]))
    ).all()
    added = session.execute(
        insert_for(session, Subscription)
        .values([
            {"subscriber_id": sid, "kind": "all", "key": "", "label": "everything",
             "created_at": now}
            for sid in ids
        ])
        .on_conflict_do_nothing(index_elements=["subscriber_id", "kind", "key"])
        .returning(Subscription.id)
    ).all()
    return len(added)


def export_rows(session: Session) -> Iterator[tuple[int, str, bool, str, str]]:
    """Yield every subscriber with what it follows ("district:12 state:3"), streamed."""
    pair = Subscription.kind + ":" + Subscription.key
    joined = (
        func.string_agg(pair, " ")
        if session.get_bind().dialect.name == "postgresql"
        else func.group_concat(pair, " ")
    )
    follows = func.coalesce(
        select(joined)
        .where(Subscription.subscriber_id == Subscriber.id)
        .scalar_subquery(),
        "",
    )
    statement = select(
        Subscriber.chat_id, Subscriber.kind, Subscriber.active, Subscriber.lang, follows
    ).order_by(Subscriber.id)
    for chat_id, kind, active, lang, what in session.execute(
        statement.execution_options(yield_per=1000)
    ):
        yield int(chat_id), str(kind), bool(active), str(lang), str(what)
