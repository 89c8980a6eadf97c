"""handlers/buttons.py: callback data fits 64 bytes, round-trips, and rejects forgeries."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

from dataclasses import replace

import pytest

from handlers import buttons
from handlers.buttons import INTENT_CODES, Noop, SetLanguage, Show, Subject
from tests.bot_fixtures import knowledge  # noqa: F401 (fixture)

ACTIONS = [
    Noop(),
    SetLanguage("hi"),
    SetLanguage("en"),
    Show("open", Subject("d", 123, "contact")),
    Show("page", Subject("s", 5, "state_overview"), 4),
    Show("page", Subject("p", 812, "product_districts"), 999),
    Show("up", Subject("t", 7, "product_districts", "hand knotted carpet")),
    Show("down", Subject("t", 0, "product_districts", "हस्तशिल्प")),
    Show("open", Subject("g", 0, "stats")),
    *[Show("open", Subject("d", 999_999_999, intent)) for intent in INTENT_CODES],
]


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_round_trip_within_64_bytes(action) -> None:
    data = buttons.encode(action)
    assert len(data.encode()) <= 64
    assert buttons.decode(data) == action


@pytest.mark.parametrize(
    "data",
    [
        None, "", "z", "o|", "o|d:1", "o|d:1:", "o|d:x:p", "o|d:1:pp", "o|d:1:Z",
        "q|d:1:p", "e|d:1:p", "e1000|d:1:p", "o|d:1234567890:p", "o|t::", "o|t:: ",
        "o|t:1:a\nb", "l|de", "xx", "o|g:z", "o|p:", "é" * 40,
    ],
)
def test_forged_data_is_rejected(data) -> None:
    assert buttons.decode(data) is None


def test_too_long_topics_are_refused_by_encode_and_fall_back(knowledge) -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        buttons.encode(Show("page", Subject("t", 1, "product_districts", "क" * 30), 2))
    answer = knowledge.engine.ask("carpets")
    long_topic = replace(answer, topic="कालीन" * 10)
    subject = buttons.subject_of(long_topic)
    assert subject is None or buttons.fits(subject)


@pytest.mark.parametrize(
    ("query", "hint", "kind"),
    [
        ("moradabad", None, "d"),
        ("uttar pradesh", None, "s"),
        ("carpets", None, "t"),
        ("export plan of agra", None, "d"),
        ("jammu and kashmir", "plan_status", "s"),
        ("", "stats", "g"),
        ("", "about", "g"),
    ],
)
def test_answers_name_a_subject_that_rebuilds_them(knowledge, query, hint, kind) -> None:
    answer = knowledge.engine.ask(query, hint)
    subject = buttons.subject_of(answer)
    assert subject is not None
    assert subject.kind == kind
    assert buttons.fits(subject)
    assert subject.intent == answer.intent


def test_clarifications_and_unknowns_have_no_subject(knowledge) -> None:
    assert buttons.subject_of(knowledge.engine.ask("aurangabad")) is None
    assert buttons.subject_of(knowledge.engine.ask("qwzx plorb")) is None


@pytest.mark.parametrize(
    ("payload", "code"),
    [("d_603", 603), ("d_1", 1), ("d_", None), ("d_12a", None), ("x_1", None), ("", None),
     ("d_12345678", None)],
)
def test_deep_link_payloads(payload, code) -> None:
    assert buttons.deep_link_code(payload) == code


def test_deep_links_round_trip() -> None:
    link = buttons.district_link("odop_bot", 603)
    assert link == "https://t.me/odop_bot?start=d_603"
    assert buttons.deep_link_code(link.split("start=")[1]) == 603
