"""End to end: /setstatus and /history through the real bot, against the fake Bot API."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap import Knowledge, open_knowledge
from handlers.strings import EN, HI
from knowledge import audit, drafts
from knowledge.delivery import subscriptions
from knowledge.delivery.models import DISTRICT, STATE, Broadcast, Delivery, Subscriber
from knowledge.delivery.outbox import Target
from knowledge.models import District, State
from tests.bot_fixtures import ADMIN_ID, Harness, api, start_bot  # noqa: F401 (fixtures)
from tests.botapi import BotApiServer, Call, User
from tests.conftest import BACKENDS, seeded_schema
from tests.english import english_runs, visible

OFFICER = User(7001, first_name="Asha")
HINDI_OFFICER = User(7002, first_name="Ravi", language_code="hi")
STRANGER = User(7003, first_name="Mallory")


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


@pytest.fixture
def officer_kb(seeded_sqlite_template: Path, tmp_path: Path) -> Iterator[Knowledge]:
    """A knowledge base of its own: these tests change it."""
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    kb = open_knowledge(f"sqlite:///{path}")
    yield kb
    kb.db.dispose()


@pytest.fixture
async def bot(api: BotApiServer, officer_kb: Knowledge) -> AsyncIterator[Harness]:
    runner, harness = await start_bot(api, officer_kb, odop_officer_ids="7001 7002")
    try:
        yield harness
    finally:
        await runner.stop()


async def edited(bot: Harness, chat_id: int, count: int = 1) -> Call:
    calls = await bot.api.wait_for("editMessageText", lambda c: c.chat_id == chat_id,
                                   count=count)
    return calls[count - 1]


def district_id(kb: Knowledge, name: str, state: str) -> int:
    with kb.sessions() as session:
        ident = session.scalar(select(District.id).join(State).where(
            District.name == name, State.name == state))
    assert ident is not None
    return ident


async def test_an_officer_records_a_status_step_by_step(bot: Harness) -> None:
    ask = await bot.api.reply_to(OFFICER, "/setstatus")
    assert ask.text == EN["ss_ask_district"]
    pick = await bot.api.reply_to(OFFICER, "aurangabad")
    assert [b["text"] for b in pick.buttons] == [
        "Aurangabad (Bihar)", "Aurangabad (Maharashtra)", EN["btn_cancel"]]
    await bot.api.click(OFFICER, pick, "Bihar")
    steps = await edited(bot, OFFICER.id)
    assert "Aurangabad (Bihar)" in steps.text
    assert "Last recorded: nothing recorded" in steps.text
    assert [b["text"] for b in steps.buttons][:7] == [
        "products identified", "DEPC met", "plan in preparation", "draft prepared",
        "approved/finalised by the DEPC", "notified", "published"]
    await bot.api.click(OFFICER, steps, "approved")
    when = await edited(bot, OFFICER.id, 2)
    assert "On what date" in when.text
    bad = await bot.api.reply_to(OFFICER, "2099-01-01")
    assert "not a date I can record" in bad.text
    source_prompt = await bot.api.reply_to(OFFICER, "21-07-2025")
    assert "approved/finalised by the DEPC (2025-07-21)" in source_prompt.text
    preview = await bot.api.reply_to(OFFICER, "DEPC minutes no. 7/2025")
    assert "Please check before recording" in preview.text
    assert "nothing recorded → <b>approved/finalised by the DEPC (2025-07-21)</b>" in (
        preview.text)
    assert "Source: DEPC minutes no. 7/2025" in preview.text
    assert "Reported by an officer: Asha" in preview.text
    await bot.api.click(OFFICER, preview, "Confirm")
    saved = await edited(bot, OFFICER.id, 3)
    assert saved.text.startswith("✅ Recorded for Aurangabad (Bihar)")

    ident = district_id(bot.knowledge, "Aurangabad", "Bihar")
    with bot.knowledge.sessions() as session:
        [change] = audit.history(session, ident)
    assert (change.actor.channel, change.actor.id, change.actor.name) == ("telegram", 7001,
                                                                           "Asha")
    assert (change.what, change.old, change.new, change.source) == (
        "plan status", "nothing recorded", "approved/finalised by the DEPC (2025-07-21)",
        "DEPC minutes no. 7/2025")
    # The answer now carries the officer's report at once (the engine was reloaded).
    answer = await bot.api.reply_to(STRANGER, "export plan of aurangabad bihar")
    assert ("<b>approved/finalised by the DEPC</b> (2025-07-21; reported by an officer) — "
            "source: DEPC minutes no. 7/2025") in answer.text


async def test_the_conversation_continues_on_another_replica(
    bot: Harness, api: BotApiServer, officer_kb: Knowledge
) -> None:
    steps = await bot.api.reply_to(OFFICER, "/setstatus Erode")
    await bot.api.click(OFFICER, steps, "notified")
    await edited(bot, OFFICER.id)
    # The first bot goes away; a second one, sharing only the database, takes the next step.
    await bot.runner.stop()
    runner, other = await start_bot(api, officer_kb, odop_officer_ids="7001")
    try:
        source_prompt = await other.api.reply_to(OFFICER, "2025-06-30")
        assert "<b>Erode (Tamil Nadu)</b>: notified (2025-06-30)" in source_prompt.text
    finally:
        await runner.stop()
        await bot.runner.start()


async def test_a_second_confirm_records_nothing_more(bot: Harness) -> None:
    steps = await bot.api.reply_to(OFFICER, "/setstatus 189")  # an LGD code
    await bot.api.click(OFFICER, steps, "draft prepared")
    when = await edited(bot, OFFICER.id)
    before = _today()
    await bot.api.click(OFFICER, when, "Today")
    source_prompt = await edited(bot, OFFICER.id, 2)
    # the day the click was read on (a run may cross midnight between the two looks)
    assert any(f"({day})" in source_prompt.text for day in {before, _today()})
    preview = await bot.api.reply_to(OFFICER, "https://example.org/deap.pdf")
    await bot.api.click(OFFICER, preview, "Confirm")
    again = await bot.api.click(OFFICER, preview, "Confirm")
    assert again.params["text"] == EN["ss_expired"]
    with bot.knowledge.sessions() as session:
        assert len(audit.history(session, district_id(bot.knowledge, "Aurangabad",
                                                        "Bihar"))) == 1


async def test_cancel_records_nothing_and_frees_the_chat(bot: Harness) -> None:
    await bot.api.reply_to(OFFICER, "/setstatus")
    pick = await bot.api.reply_to(OFFICER, "Agra")
    await bot.api.click(OFFICER, pick, "Cancel")
    assert (await edited(bot, OFFICER.id)).text == EN["ss_cancelled"]
    with bot.knowledge.sessions() as session:
        assert drafts.get(session, OFFICER.id, datetime.now(UTC)) is None
    answer = await bot.api.reply_to(OFFICER, "moradabad")  # a question again, not a step
    assert "Moradabad Metal Craft" in answer.text


async def test_an_unknown_district_is_asked_again(bot: Harness) -> None:
    await bot.api.reply_to(OFFICER, "/setstatus")
    again = await bot.api.reply_to(OFFICER, "Atlantis")
    assert again.text == EN["ss_no_district"].format(text="Atlantis")
    steps = await bot.api.reply_to(OFFICER, "Bihar")  # a State is not a district
    assert "I don't know a district called “Bihar”" in steps.text


async def test_the_conversation_in_hindi(bot: Harness) -> None:
    ask = await bot.api.reply_to(HINDI_OFFICER, "/setstatus")
    assert ask.text == HI["ss_ask_district"]
    steps = await bot.api.reply_to(HINDI_OFFICER, "आगरा")
    assert "पिछली दर्ज स्थिति: कुछ दर्ज नहीं" in steps.text
    assert HI["btn_cancel"] in [b["text"] for b in steps.buttons]
    await bot.api.click(HINDI_OFFICER, steps, "अधिसूचित")
    when = await edited(bot, HINDI_OFFICER.id)
    assert "यह किस तारीख़ को हुआ?" in when.text
    await bot.api.reply_to(HINDI_OFFICER, "2025-05-01")
    preview = await bot.api.reply_to(HINDI_OFFICER, "अधिसूचना सं. 12/2025")
    assert "दर्ज करने से पहले जाँच लें" in preview.text
    assert "अधिसूचित (2025-05-01)" in preview.text
    await bot.api.click(HINDI_OFFICER, preview, "पुष्टि करें")
    saved = await edited(bot, HINDI_OFFICER.id, 2)
    assert saved.text.startswith(
        "✅ आगरा (Agra), उत्तर प्रदेश (Uttar Pradesh) के लिए दर्ज किया गया: अधिसूचित")
    answer = await bot.api.reply_to(HINDI_OFFICER, "आगरा की निर्यात योजना")
    assert ("<b>अधिसूचित</b> (2025-05-01; एक अधिकारी द्वारा बताया गया) — स्रोत: अधिसूचना सं. "
            "12/2025" in answer.text)
    history = await bot.api.reply_to(HINDI_OFFICER, "/history आगरा")
    assert "लोगों द्वारा किए गए बदलाव" in history.text
    assert "Ravi (Telegram 7002)" in history.text
    assert "स्रोत: अधिसूचना सं. 12/2025" in history.text
    assert "निर्यात योजना की स्थिति: कुछ दर्ज नहीं → अधिसूचित (2025-05-01)" in history.text
    said = [c for c in bot.api.calls if c.chat_id == HINDI_OFFICER.id
            and c.method in ("sendMessage", "editMessageText")]
    words = [c.text for c in said] + [b["text"] for c in said for b in c.buttons]
    names = ("Agra", "Uttar Pradesh", "Ravi", "Telegram")
    assert {w: r for w in words if (r := english_runs(visible(w), names=names))} == {}


async def test_admins_may_update_too(bot: Harness) -> None:
    admin = User(ADMIN_ID)
    ask = await bot.api.reply_to(admin, "/setstatus")
    assert ask.text == EN["ss_ask_district"]
    help_text = (await bot.api.reply_to(admin, "/help")).text
    assert "/setstatus" in help_text
    assert "/stats" in help_text


async def test_others_are_refused_and_the_attempt_is_logged(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="handlers.officers"):
        refused = await bot.api.reply_to(STRANGER, "/setstatus Agra")
        assert refused.text == EN["not_officer"]
        history = await bot.api.reply_to(STRANGER, "/history Agra")
        assert history.text == EN["not_officer"]
        hindi = await bot.api.reply_to(User(7004, language_code="hi"), "/setstatus")
        assert hindi.text == HI["not_officer"]
        # A forged button is refused too, and records nothing.
        answer = await bot.api.click(STRANGER, refused, data="ss|y")
        assert answer.params["text"] == EN["stale_button"]
    logged = [r.getMessage() for r in caplog.records]
    assert "refused /setstatus from user 7003 (not an officer or admin)" in logged
    assert "refused /history from user 7003 (not an officer or admin)" in logged
    assert "refused a /setstatus button from user 7003" in logged
    with bot.knowledge.sessions() as session:
        assert drafts.get(session, STRANGER.id, datetime.now(UTC)) is None
    assert "/setstatus" not in (await bot.api.reply_to(STRANGER, "/help")).text


async def test_officers_see_their_commands_in_the_menu(bot: Harness) -> None:
    officer_menu = bot.api.commands[("chat", "")]
    assert "setstatus" in [c["command"] for c in officer_menu]
    assert "setstatus" not in [c["command"] for c in bot.api.commands[("default", "")]]


async def test_history_asks_for_a_district_and_names_shared_ones(bot: Harness) -> None:
    assert (await bot.api.reply_to(OFFICER, "/history")).text == EN["ask_history"]
    shared = await bot.api.reply_to(OFFICER, "/history Aurangabad")
    assert "Aurangabad, Bihar, Aurangabad, Maharashtra" in shared.text
    none = await bot.api.reply_to(OFFICER, "/history Erode")
    assert none.text == EN["history_none"].format(district="Erode (Tamil Nadu)")


@pytest.fixture(params=BACKENDS)
def any_kb(request: pytest.FixtureRequest, officer_kb: Knowledge) -> Iterator[Knowledge]:
    """The knowledge base on SQLite, and seeded into a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield officer_kb
        return
    with seeded_schema(request.getfixturevalue("pg_url"), "odop_officers") as kb:
        yield kb


async def test_a_confirmed_update_alerts_exactly_its_followers(
    api: BotApiServer, any_kb: Knowledge
) -> None:
    erode = district_id(any_kb, "Erode", "Tamil Nadu")
    with any_kb.sessions.begin() as session:
        tamil_nadu = session.scalar(select(State.id).where(State.name == "Tamil Nadu")) or 0
        for chat_id, target, lang in (
            (1001, Target(DISTRICT, str(erode)), "hi"),
            (1002, Target(STATE, str(tamil_nadu)), "en"),
            (1003, Target(DISTRICT, str(district_id(any_kb, "Agra", "Uttar Pradesh"))), "en"),
        ):
            subscriptions.subscribe(session, chat_id, target, label="x", now=0.0, lang=lang)
    runner, bot = await start_bot(api, any_kb, odop_officer_ids="7001")
    try:
        steps = await api.reply_to(OFFICER, "/setstatus Erode")
        await api.click(OFFICER, steps, "notified")
        await edited(bot, OFFICER.id)
        await api.reply_to(OFFICER, "2025-06-30")
        preview = await api.reply_to(OFFICER, "G.O. 4/2025")
        await api.click(OFFICER, preview, "Confirm")
        saved = await edited(bot, OFFICER.id, 2)
        assert saved.text.endswith("followers told: 2.")
    finally:
        await runner.stop()
    with any_kb.sessions() as session:
        [alert] = session.scalars(select(Broadcast).where(Broadcast.kind == "alert"))
        chats = session.scalars(select(Subscriber.chat_id).join(
            Delivery, Delivery.subscriber_id == Subscriber.id).where(
            Delivery.broadcast_id == alert.id).order_by(Subscriber.chat_id)).all()
    assert chats == [1001, 1002]
    assert alert.text_en == ("Export action plan of Erode (Tamil Nadu): notified (2025-06-30). "
                             "Source: G.O. 4/2025. Reported by an officer.")
    assert alert.text_hi is not None
    assert alert.text_hi.startswith("इरोड (Erode), तमिलनाडु (Tamil Nadu) की ज़िला निर्यात कार्य "
                                    "योजना: अधिसूचित (2025-06-30)")
