"""/broadcast and /broadcasts end to end: compose, preview, send through the worker, progress
edits, the final report with its chart, recall; non-admins refused."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import delete, select, update

from bot.bootstrap import Knowledge
from knowledge.activity import UserPreference
from knowledge.delivery import subscriptions
from knowledge.delivery.models import ALL, Broadcast, Delivery, Pace, Subscriber, Subscription
from knowledge.delivery.outbox import Target
from knowledge.delivery.quiet import IST
from tests.bot_fixtures import ADMIN_ID, Harness, api, knowledge, start_bot  # noqa: F401
from tests.botapi import BotApiServer, Call, User
from tests.english import english_runs, visible

READERS = (81_001, 81_002, 81_003)


@pytest.fixture
async def admin_bot(api: BotApiServer, knowledge: Knowledge,  # noqa: F811
                    request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    extra = getattr(request, "param", {})
    runner, harness = await start_bot(api, knowledge, odop_worker=True, odop_quiet_hours="",
                                      odop_broadcast_rate=50, odop_flood_burst=100, **extra)
    with knowledge.sessions.begin() as session:
        for chat in READERS:
            subscriptions.subscribe(session, chat, Target(ALL), label="everything", now=0)
        subscriptions.set_language(session, READERS[1], "hi")
    try:
        yield harness
    finally:
        await runner.stop()
        with knowledge.sessions.begin() as session:
            for model in (Delivery, Broadcast, Subscription, Subscriber, Pace, UserPreference):
                session.execute(delete(model))


async def test_non_admins_are_refused(admin_bot: Harness) -> None:
    reply = await admin_bot.api.reply_to(admin_bot.user(5), "/broadcast")
    assert "administrators" in reply.text
    reply = await admin_bot.api.reply_to(admin_bot.user(5), "/broadcasts")
    assert "administrators" in reply.text


async def test_compose_preview_send_report_and_recall(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    start = await tg.reply_to(admin, "/broadcast")
    await tg.click(admin, start, label="Everyone")
    [told] = await tg.wait_for("sendMessage", lambda c: "subscribers" in c.text)
    assert "3 subscribers" in told.text
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "Export fair in Agra on 5 March <free entry>")
    ask_hi = (await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                                 count=before + 1))[before]
    assert "Hindi" in ask_hi.text
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "आगरा में 5 मार्च को निर्यात मेला")
    shown = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                               count=before + 3)
    preview_en, preview_hi, summary = shown[before:before + 3]
    assert "&lt;free entry&gt;" in preview_en.text
    assert preview_hi.text.startswith("आगरा")
    assert "3 subscribers" in summary.text
    await tg.click(admin, summary, label="Send now")
    got = await tg.wait_for("sendMessage", lambda c: c.chat_id in READERS, count=3)
    by_chat = {c.chat_id: c for c in got}
    # Exactly what the admin previewed, in each subscriber's language.
    assert by_chat[READERS[0]].text == preview_en.text
    assert by_chat[READERS[1]].text == preview_hi.text
    report = await tg.wait_for("sendPhoto", lambda c: c.chat_id == ADMIN_ID, timeout=30)
    assert "sent 3" in report[0].params["caption"]
    assert tg.photos[-1]["content_type"] == "image/png" or tg.photos[-1]["body"]
    edits = tg.calls_of("editMessageText", ADMIN_ID)
    assert any("sent 3" in c.text for c in edits)
    listing = await tg.reply_to(admin, "/broadcasts")
    await tg.click(admin, listing, label="↩")
    deleted = await tg.wait_for("deleteMessage", count=3, timeout=30)
    assert {int(c.params["chat_id"]) for c in deleted} == set(READERS)


async def _to_preview(tg: BotApiServer, admin: Any) -> Any:
    """Compose a broadcast to everyone in English only; return the preview's summary."""
    start = await tg.reply_to(admin, "/broadcast")
    told = len(tg.calls_of("sendMessage", ADMIN_ID))
    await tg.click(admin, start, data="b|all")  # "Everyone", in either language
    await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, count=told + 1)
    skip = await tg.reply_to(admin, "Export fair in Agra on 5 March")
    before = len(tg.sent(ADMIN_ID))
    await tg.click(admin, skip, data="b|skip")
    shown = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                              count=before + 2)
    return shown[before + 1]


def _scheduled(bot: Harness) -> list[float]:
    with bot.knowledge.sessions() as session:
        return [b.send_at for b in session.scalars(select(Broadcast).order_by(Broadcast.id))]


def _ist(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=IST).timestamp()


async def test_schedule_by_a_choice_or_a_typed_time_in_ist(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    admin_bot.clock.now = _ist("2030-12-03 11:00")  # later than the worker's real clock
    summary = await _to_preview(tg, admin)
    labels = [b["text"] for b in summary.buttons]
    assert [label for label in labels if label.startswith("⏰")] == [
        "⏰ In 1 hour", "⏰ Today 18:00 IST", "⏰ Tomorrow 09:00 IST", "⏰ Tomorrow 18:00 IST",
        "⏰ Another time…"]
    before = len(tg.sent(ADMIN_ID))
    await tg.click(admin, summary, label="Tomorrow 09:00")
    [queued] = (await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                                  count=before + 1))[before:]
    assert "scheduled for Wed 4 Dec 2030, 09:00 IST, to 3 subscribers" in queued.text
    assert _scheduled(admin_bot) == [_ist("2030-12-04 09:00")]

    summary = await _to_preview(tg, admin)
    ask = await tg.click(admin, summary, label="Another time")
    assert ask.params.get("text") is None  # the question comes as a message
    said = await tg.wait_for("sendMessage", lambda c: "India time" in c.text)
    assert "tomorrow 9am" in said[-1].text
    refused = await tg.reply_to(admin, "10:30")
    assert refused.text == ("Tue 3 Dec 2030, 10:30 IST has already passed (it is Tue 3 Dec "
                            "2030, 11:00 IST now). Send a later time.")
    unread = await tg.reply_to(admin, "next week")
    assert "could not read “next week”" in unread.text
    assert len(_scheduled(admin_bot)) == 1  # nothing queued by a refusal
    done = await tg.reply_to(admin, "2030-12-03 12:45")
    assert "scheduled for Tue 3 Dec 2030, 12:45 IST" in done.text
    assert _scheduled(admin_bot)[1] == _ist("2030-12-03 12:45")

    # a choice tapped after its time has passed is refused, not sent at once
    summary = await _to_preview(tg, admin)
    admin_bot.clock.advance(2 * 3600)
    late = await tg.click(admin, summary, label="In 1 hour")
    assert late.ok
    [past] = await tg.wait_for("sendMessage", lambda c: "has already passed" in c.text and
                               "12:00 IST has" in c.text)
    assert "Send a later time" in past.text
    assert len(_scheduled(admin_bot)) == 2


async def test_scheduling_speaks_the_admins_language(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    admin_bot.clock.now = _ist("2030-12-03 19:00")
    await tg.reply_to(admin, "/language hi")
    try:
        summary = await _to_preview(tg, admin)
        labels = [b["text"] for b in summary.buttons if b["text"].startswith("⏰")]
        assert labels == ["⏰ 1 घंटे में", "⏰ कल 09:00 IST", "⏰ कल 18:00 IST", "⏰ कोई और समय…"]
        refused = await tg.reply_to(admin, "आज 18:00")
        assert "बीत चुका है" in refused.text
        done = await tg.reply_to(admin, "कल 18:00")
        assert "तय हुआ" in done.text
        assert _scheduled(admin_bot) == [_ist("2030-12-04 18:00")]
    finally:
        await tg.reply_to(admin, "/language en")


async def compose(tg: BotApiServer, admin: User) -> Call:
    """/broadcast to everyone, English and Hindi texts; return the summary under the preview."""
    start = await tg.reply_to(admin, "/broadcast")
    await tg.click(admin, start, data="b|all")  # "Everyone", in either language
    await tg.wait_for("sendMessage", lambda c: "3 subscribers" in c.text or "3 सदस्य" in c.text)
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "Export fair in Agra on 5 March")
    await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, count=before + 1)
    before = len(tg.sent(ADMIN_ID))
    tg.send(admin, "आगरा में 5 मार्च को निर्यात मेला")
    shown = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, count=before + 3)
    return shown[before + 2]


async def test_an_admin_who_chose_hindi_follows_it_in_hindi(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    await tg.reply_to(admin, "/language hi")
    summary = await compose(tg, admin)
    await tg.click(admin, summary, label="अभी भेजें")
    [queued] = await tg.wait_for("sendMessage", lambda c: "कतार" in c.text)
    assert "3 सदस्यों" in queued.text
    report = await tg.wait_for("sendPhoto", lambda c: c.chat_id == ADMIN_ID, timeout=30)
    caption = report[0].params["caption"]
    assert "पूरा हुआ" in caption
    assert "भेजे गए 3" in caption
    assert "sent" not in caption
    edits = tg.calls_of("editMessageText", ADMIN_ID)
    assert any("भेजे गए 3" in c.text and "गति 50/सेकंड" in c.text for c in edits)


@pytest.mark.parametrize("admin_bot", [{"odop_allow_paid_broadcast": True}], indirect=True)
async def test_paid_broadcast_shows_its_cost_and_asks_telegram_for_it(admin_bot: Harness
                                                                      ) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    summary = await compose(tg, admin)
    assert "up to 0.3 Telegram Stars" in summary.text  # 3 messages at 0.1 Star
    await tg.click(admin, summary, label="Send now")
    got = await tg.wait_for("sendMessage", lambda c: c.chat_id in READERS, count=3)
    assert [str(c.params.get("allow_paid_broadcast")).lower() for c in got] == ["true"] * 3
    assert not [c for c in tg.calls_of("sendMessage")
                if c.chat_id == ADMIN_ID and "allow_paid_broadcast" in c.params]


async def test_without_paid_broadcast_no_cost_and_no_parameter(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    summary = await compose(tg, admin)
    assert "Stars" not in summary.text
    await tg.click(admin, summary, label="Send now")
    got = await tg.wait_for("sendMessage", lambda c: c.chat_id in READERS, count=3)
    assert not [c for c in got if "allow_paid_broadcast" in c.params]


async def test_recall_deletes_what_is_young_and_reports_what_is_too_old(admin_bot: Harness
                                                                        ) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    admin_bot.clock.now = time.time()  # the handlers' clock reads as the worker's does
    summary = await compose(tg, admin)
    await tg.click(admin, summary, label="Send now")
    await tg.wait_for("sendPhoto", lambda c: c.chat_id == ADMIN_ID, timeout=30)
    # One of the three went out 49 hours ago (as far as the outbox knows).
    with admin_bot.knowledge.sessions.begin() as session:
        old = session.scalar(select(Delivery).where(Delivery.chat_id == READERS[0]))
        assert old is not None
        session.execute(update(Delivery).where(Delivery.id == old.id)
                        .values(sent_at=old.sent_at - 49 * 3600))
    listing = await tg.reply_to(admin, "/broadcasts")
    before = len(tg.sent(ADMIN_ID))
    await tg.click(admin, listing, label="↩")
    said = (await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                              count=before + 1))[before]
    assert "2 sent messages are being deleted" in said.text
    assert "1 sent more than 48 hours ago cannot be recalled" in said.text
    deleted = await tg.wait_for("deleteMessage", count=2, timeout=30)
    assert {int(c.params["chat_id"]) for c in deleted} == set(READERS[1:])

    def status() -> str:
        with admin_bot.knowledge.sessions() as session:
            return str(session.scalar(select(Broadcast.status)))

    for _ in range(100):
        if status() == "recalled":
            break
        await asyncio.sleep(0.1)
    assert status() == "recalled"
    assert len(tg.calls_of("deleteMessage")) == 2  # the old one was never attempted


async def test_a_hindi_admin_gets_the_whole_flow_in_hindi(admin_bot: Harness) -> None:
    """Every message and button the bot gives a Hindi admin, from /broadcast to recall, has
    no English sentence of the bot's own (the English preview is for English readers)."""
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    admin_bot.clock.now = time.time()  # the handlers' clock reads as the worker's does
    english_text, hindi_text = "Export fair in Agra on 5 March", "आगरा में 5 मार्च को निर्यात मेला"
    await tg.reply_to(admin, "/language hi")
    first = len(tg.calls)
    try:
        start = await tg.reply_to(admin, "/broadcast")
        await tg.click(admin, start, label="रद्द")
        await tg.wait_for("sendMessage", lambda c: "कतार" in c.text and "रद्द" in c.text)
        start = await tg.reply_to(admin, "/broadcast")
        refused = await tg.reply_to(admin, "state:Atlantis")
        assert "'Atlantis' नाम का कोई राज्य" in visible(refused.text)
        await tg.click(admin, start, label="सभी")
        [chosen] = await tg.wait_for("sendMessage", lambda c: "3 सदस्य" in c.text)
        assert "अंग्रेज़ी पाठ" in chosen.text
        ask_hi = await tg.reply_to(admin, english_text)
        assert "हिन्दी पाठ" in ask_hi.text
        assert ask_hi.button("छोड़ें")
        before = len(tg.sent(ADMIN_ID))
        tg.send(admin, hindi_text)
        shown = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                                  count=before + 3)
        preview_en, summary = shown[before], shown[before + 2]
        assert "3 सदस्य" in summary.text
        assert "50 संदेश प्रति सेकंड" in summary.text
        await tg.click(admin, summary, label="अभी भेजें")
        await tg.wait_for("sendPhoto", lambda c: c.chat_id == ADMIN_ID, timeout=30)
        listing = await tg.reply_to(admin, "/broadcasts")
        assert "प्रसारण" in listing.text
        assert "सभी सदस्य" in listing.text
        before = len(tg.sent(ADMIN_ID))
        await tg.click(admin, listing, label="⏸")
        await tg.click(admin, listing, label="↩")
        said = await tg.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID,
                                 count=before + 2)
        told = " ".join(c.text for c in said[before:])
        assert "प्रसारण" in told
        assert "मिटाए जा रहे" in told
    finally:
        await tg.reply_to(admin, "/language en")
    ours = [c for c in tg.calls[first:] if c.chat_id == ADMIN_ID and c is not preview_en
            and c.method in ("sendMessage", "editMessageText", "sendPhoto")]
    ours = ours[:-1]  # the last is the reply to /language en
    words = [c.text or str(c.params.get("caption", "")) for c in ours]
    words += [b["text"] for c in ours for b in c.buttons]
    assert len(words) > 15
    english = {w: english_runs(visible(w), quoted=[english_text, "Atlantis"]) for w in words}
    assert {w: runs for w, runs in english.items() if runs} == {}


async def test_an_english_admin_still_reads_english(admin_bot: Harness) -> None:
    tg, admin = admin_bot.api, admin_bot.user(ADMIN_ID)
    start = await tg.reply_to(admin, "/broadcast")
    assert start.text.startswith("Who should receive it?")
    assert [b["text"] for b in start.buttons] == ["Everyone", "✖ Cancel"]
    refused = await tg.reply_to(admin, "state:Atlantis")
    assert visible(refused.text) == "no State or UT named 'Atlantis'"
    stopped = await tg.reply_to(admin, "/cancel")
    assert stopped.text == "Cancelled; nothing queued."
    summary = await compose(tg, admin)
    assert summary.text.startswith("<b>Audience:</b> all — 3 subscribers\nAbout ")
    assert [b["text"] for b in summary.buttons][:2] == ["✅ Send now", "🚨 Urgent"]
    await tg.click(admin, summary, label="✖ Cancel")
    await tg.wait_for("sendMessage", lambda c: c.text == "Cancelled; nothing queued.")
