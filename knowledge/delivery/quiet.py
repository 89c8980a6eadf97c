"""Quiet hours and the daily digest, in India Standard Time; pure functions of `now`."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

IST = timezone(timedelta(hours=5, minutes=30), "IST")
DEFAULT_QUIET = "21:00-08:00"
DIGEST_AT = (9, 0)  # the daily digest goes out at 09:00 IST, after the default quiet hours
_SPEC = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$")


class BadQuietHours(ValueError):
    def __str__(self) -> str:
        return f"quiet hours must look like 21:00-08:00 (IST), not {self.args[0]!r}"


def parse(spec: str) -> tuple[int, int] | None:
    """Return (start, end) in minutes after midnight IST, or None for "" / "off"."""
    spec = spec.strip().replace(" ", "").replace("–", "-")
    if spec.lower() in ("", "off", "none"):
        return None
    match = _SPEC.match(spec)
    if not match:
        raise BadQuietHours(spec)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return None if start == end else (start, end)


def quiet_until(now: float, spec: str) -> float | None:
    """Return when the quiet hours around `now` end, or None if `now` is not quiet."""
    span = parse(spec)
    if span is None:
        return None
    start, end = span
    local = datetime.fromtimestamp(now, IST)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else minute >= start or minute < end
    if not inside:
        return None
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    ends = midnight + timedelta(minutes=end)
    if ends <= local:  # e.g. 23:00 in 21:00-08:00 ends tomorrow
        ends += timedelta(days=1)
    return ends.astimezone(UTC).timestamp()


def next_digest(now: float) -> float:
    """Return the next daily digest time after `now`."""
    local = datetime.fromtimestamp(now, IST)
    at = local.replace(hour=DIGEST_AT[0], minute=DIGEST_AT[1], second=0, microsecond=0)
    if at <= local:
        at += timedelta(days=1)
    return at.astimezone(UTC).timestamp()
