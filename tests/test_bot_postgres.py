"""End to end on PostgreSQL: the same bot, with the knowledge base and its records in Postgres."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.bootstrap import Knowledge
from handlers.strings import HI
from tests.bot_fixtures import ADMIN_ID, api, start_bot  # noqa: F401 (fixture)
from tests.botapi import BotApiServer, User
from tests.conftest import seeded_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_knowledge(pg_url: str) -> Iterator[Knowledge]:
    """The shipped knowledge base seeded into a fresh schema, opened by the real bootstrap."""
    with seeded_schema(pg_url, "odop_bot") as kb:
        yield kb


async def test_the_bot_answers_votes_and_remembers_on_postgres(
    api: BotApiServer, pg_knowledge: Knowledge
) -> None:
    runner, _ = await start_bot(api, pg_knowledge)
    try:
        user = User(5_000_000_001)  # ids beyond 32 bits are real on Telegram
        card = await api.reply_to(user, "moradabad")
        assert "Moradabad Metal Craft" in card.text
        await api.click(user, card, "👎")
        await api.reply_to(user, "/language hi")
        await api.reply_to(user, "qwzx plorb")
        stats = await api.reply_to(User(ADMIN_ID), "/stats")
        assert "Questions: 2 (1 answered, 1 unanswered)" in stats.text
        assert "👎 1" in stats.text
    finally:
        await runner.stop()
    runner, _ = await start_bot(api, pg_knowledge)  # a restart keeps the language
    try:
        reply = await api.reply_to(user, "/help")
        assert HI["help_title"] in reply.text
    finally:
        await runner.stop()
