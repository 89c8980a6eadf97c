"""When a broadcast goes out: the choices and typed times, in IST, against a fixed clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.delivery import schedule
from knowledge.delivery.quiet import IST


def ist(text: str) -> float:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=IST).timestamp()


MORNING = ist("2026-12-01 07:10")
NOON = ist("2026-12-01 11:00")
NIGHT = ist("2026-12-01 23:50")


@pytest.mark.parametrize(("now", "expected"), [
    (MORNING, [("in_hour", "2026-12-01 08:10"), ("today_09", "2026-12-01 09:00"),
               ("today_18", "2026-12-01 18:00"), ("tomorrow_09", "2026-12-02 09:00")]),
    (NOON, [("in_hour", "2026-12-01 12:00"), ("today_18", "2026-12-01 18:00"),
            ("tomorrow_09", "2026-12-02 09:00"), ("tomorrow_18", "2026-12-02 18:00")]),
    (ist("2026-12-01 17:50"), [("in_hour", "2026-12-01 18:50"),
                               ("tomorrow_09", "2026-12-02 09:00"),
                               ("tomorrow_18", "2026-12-02 18:00")]),
    (NIGHT, [("in_hour", "2026-12-02 00:50"), ("tomorrow_09", "2026-12-02 09:00"),
             ("tomorrow_18", "2026-12-02 18:00")]),
])
def test_choices_are_ahead_of_now(now: float, expected: list[tuple[str, str]]) -> None:
    assert [(c.key, c.at) for c in schedule.choices(now)] == [(k, ist(t)) for k, t in expected]


def test_in_an_hour_is_a_whole_minute() -> None:
    [first, *_] = schedule.choices(NOON + 20.5)
    assert first.at == ist("2026-12-01 12:01")


@pytest.mark.parametrize(("typed", "at"), [
    ("2026-12-01 12:30", "2026-12-01 12:30"),
    ("2026-12-24 9:05", "2026-12-24 09:05"),
    ("13:15", "2026-12-01 13:15"),
    ("13.15", "2026-12-01 13:15"),
    ("today 18:00", "2026-12-01 18:00"),
    ("tomorrow 10:30", "2026-12-02 10:30"),
    ("tomorrow 9am", "2026-12-02 09:00"),
    ("Tomorrow 9 AM", "2026-12-02 09:00"),
    ("6:30pm", "2026-12-01 18:30"),
    ("12pm", "2026-12-01 12:00"),
    ("कल 18:00", "2026-12-02 18:00"),
    ("आज 20:00", "2026-12-01 20:00"),
])
def test_typed_times_are_india_time(typed: str, at: str) -> None:
    assert schedule.parse(typed, NOON) == ist(at)


@pytest.mark.parametrize(("typed", "reason"), [
    ("10:30", "past"),
    ("2026-12-01 10:59", "past"),
    ("2025-01-01 10:00", "past"),
    ("today 9am", "past"),
    ("2027-06-01 10:00", "far"),
    ("", "format"),
    ("soon", "format"),
    ("10", "format"),
    ("25:00", "format"),
    ("13pm", "format"),
    ("2026-02-30 10:00", "format"),
    ("2026-12-01", "format"),
    ("tomorrow", "format"),
])
def test_bad_times_are_refused_with_a_reason(typed: str, reason: str) -> None:
    with pytest.raises(schedule.BadTime) as err:
        schedule.parse(typed, NOON)
    assert err.value.reason == reason


def test_a_past_time_says_which_time_it_read() -> None:
    with pytest.raises(schedule.BadTime) as err:
        schedule.parse("10:30", NOON)
    assert schedule.shown(err.value.at) == "Tue 1 Dec 2026, 10:30 IST"
