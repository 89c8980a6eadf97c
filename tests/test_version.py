"""The knowledge's version (knowledge/version.py): moved by every change in its transaction,
and followed by a running bot, which swaps in the new knowledge without a restart."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.bootstrap import Knowledge, open_knowledge
from knowledge import importer, store, updates, version
from knowledge.audit import Actor
from knowledge.db import session_factory
from knowledge.updates import Reported
from tests.bot_fixtures import api, start_bot  # noqa: F401 (fixture)
from tests.botapi import BotApiServer, User
from tests.test_updates import place

ROOT = Path(__file__).resolve().parent.parent
CLI = Actor("cli", "test")


def test_every_change_moves_it_and_a_rolled_back_one_does_not(
    db_engine: Engine, tmp_path: Path
) -> None:
    sessions = session_factory(db_engine)
    with sessions() as session:
        start = version.current(session)
    reported = Reported("approved", "2025-07-21", "DEPC minutes 3/2025")
    with sessions.begin() as session:
        erode = place(session, "Erode", "Tamil Nadu")
        assert updates.record(session, erode, reported, CLI) is not None
    with sessions.begin() as session:
        assert updates.record(session, erode, reported, CLI) is None  # nothing new
    with sessions() as session, session.begin():
        updates.record(session, erode, Reported("notified", "2025-08-01", "G.O. 7"), CLI)
        session.rollback()
    with sessions() as session:
        assert version.current(session) == start + 1
    changed = tmp_path / "products.csv"
    original = ROOT / "knowledge" / "data" / "odop_products_v31.csv"
    changed.write_bytes(original.read_bytes().replace(
        b"Moradabad Metal Craft,Moradabad,", b"Moradabad Brassware,Moradabad,"))
    with Session(db_engine) as session:
        importer.import_products(session, changed, dry_run=True)
        assert version.current(session) == start + 1
        importer.import_products(session, changed, dry_run=False)
        assert version.current(session) == start + 2


def test_a_snapshot_read_while_a_change_commits_is_read_again(sqlite_engine: Engine) -> None:
    sessions = session_factory(sqlite_engine)
    reads: list[int] = []

    def read(session: Session) -> int:
        reads.append(len(store.load_catalog(session).products))
        if len(reads) == 1:  # another process commits a change in the middle of the read
            with sessions.begin() as other:
                version.bump(other)
        return reads[-1]

    with sessions() as session:
        before = version.current(session)
        found, _ = version.read_consistent(session, read)
    assert found == before + 1
    assert len(reads) == 2


@pytest.fixture
def own_knowledge(seeded_sqlite_template: Path, tmp_path: Path) -> Iterator[Knowledge]:
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    kb = open_knowledge(f"sqlite:///{path}")
    yield kb
    kb.db.dispose()


async def test_a_running_bot_answers_from_a_change_made_elsewhere(
    api: BotApiServer, own_knowledge: Knowledge
) -> None:
    runner, bot = await start_bot(api, own_knowledge, odop_knowledge_poll=0.2)
    try:
        version_before = bot.services.knowledge_version
        with own_knowledge.sessions.begin() as session:  # as `odop-bot kb set-status` does
            erode = place(session, "Erode", "Tamil Nadu")
            updates.record(session, erode, Reported("notified", "2025-08-01", "G.O. 77"), CLI)
        started = time.monotonic()
        while bot.services.knowledge_version == version_before:
            assert time.monotonic() - started < 5, "the bot did not see the change"
            await asyncio.sleep(0.05)
        answer = await api.reply_to(User(7301), "export plan erode")
        assert "G.O. 77" in answer.text
        assert bot.services.reloads == 1
    finally:
        await runner.stop()
