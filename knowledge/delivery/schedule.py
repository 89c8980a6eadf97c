"""When a broadcast goes out: the choices offered to an admin, and a typed time, in IST.

Pure functions of `now` (seconds since the epoch), so tests own the clock. A typed time is
India time: "2026-12-01 10:30", "10:30" (today), "tomorrow 9am", "कल 18:00". A time that has
passed is refused, never quietly moved to tomorrow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from knowledge.delivery.quiet import IST

LATEST = 60 * 86400  # a broadcast is scheduled at most 60 days ahead
_TODAY = {"today", "aaj", "आज"}
_TOMORROW = {"tomorrow", "tmrw", "kal", "कल"}
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class BadTime(ValueError):
    """A time that cannot be read ("format"), has passed ("past") or is too far ("far")."""

    def __init__(self, reason: str, at: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at  # the time read, for "past" and "far"


@dataclass(frozen=True)
class Choice:
    key: str  # "in_hour", "today_09", "tomorrow_09", "today_18", "tomorrow_18"
    at: float


def choices(now: float) -> list[Choice]:
    """In an hour, then the next three of today/tomorrow 09:00 and 18:00 IST still ahead
    (at least a quarter of an hour away, so a tap does not land in the past)."""
    out = [Choice("in_hour", _minute(now + 3600))]
    local = datetime.fromtimestamp(now, IST)
    for day, name in ((0, "today"), (1, "tomorrow")):
        for hour in (9, 18):
            at = (local + timedelta(days=day)).replace(hour=hour, minute=0, second=0,
                                                       microsecond=0)
            if at.timestamp() - now >= 900:
                out.append(Choice(f"{name}_{hour:02d}", at.timestamp()))
    return out[:4]


def parse(typed: str, now: float) -> float:
    """Return the time `typed` names (IST) as seconds since the epoch; raise BadTime."""
    words = typed.strip().lower().replace(",", " ").split()
    if not words:
        raise BadTime("format")
    local = datetime.fromtimestamp(now, IST)
    day = local.date()
    if words[0] in _TODAY | _TOMORROW:
        if words[0] in _TOMORROW:
            day += timedelta(days=1)
        words = words[1:]
    elif date := _DATE.match(words[0]):
        try:
            year, month, mday = (int(g) for g in date.groups())
            day = datetime(year, month, mday).date()
        except ValueError as err:
            raise BadTime("format") from err
        words = words[1:]
    clock = _CLOCK.match(" ".join(words).replace(" ", ""))
    if not words or clock is None:
        raise BadTime("format")
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    half = clock.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise BadTime("format")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif clock.group(2) is None:
        raise BadTime("format")  # "10" alone: ten o'clock or the tenth?
    if hour > 23 or minute > 59:
        raise BadTime("format")
    at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=IST).timestamp()
    if at <= now:
        raise BadTime("past", at)
    if at - now > LATEST:
        raise BadTime("far", at)
    return at


def shown(at: float) -> str:
    """ "Tue 1 Dec 2026, 10:30 IST" (English digits and month: the admin's record)."""
    local = datetime.fromtimestamp(at, IST)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} IST"


def _minute(at: float) -> float:
    """Rounded up to a whole minute."""
    stamp = datetime.fromtimestamp(at, UTC)
    whole = stamp.replace(second=0, microsecond=0)
    return (whole + timedelta(minutes=1) if whole < stamp else whole).timestamp()
