"""The shared pace (knowledge/delivery/pace.py) under a fake clock, on SQLite and PostgreSQL.

Its promise: however reservations arrive (one at a time, in batches, after idle time, after a
429), the slots it hands out never put more than `rate` into any 1-second window.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import Engine

from knowledge.db import create_schema, session_factory
from knowledge.delivery import pace
from tests.bot_fixtures import busiest_second

T0 = 1_772_000_000.0


@pytest.mark.parametrize("rate", [25.0, 7.0, 1000.0])
def test_no_second_holds_more_than_the_rate(fresh_engine: Engine, rate: float) -> None:
    create_schema(fresh_engine)
    sessions = session_factory(fresh_engine)
    rng = random.Random(int(rate))
    with sessions.begin() as session:
        pace.ensure(session, rate)
    now, slots, held = T0, [], 0.0
    for _ in range(300 if rate < 1000 else 60):
        now += rng.choice([0.0, 0.0, 0.001, 0.013, 0.04, 0.3, 1.7])  # bursts and idle time
        with sessions.begin() as session:
            roll = rng.random()
            if roll < 0.02:
                held = now + rng.choice([1.0, 3.0])
                pace.hold(session, held)  # a 429: nothing reserved from now on goes before
            elif roll < 0.4:
                batch = pace.reserve_many(session, now, rng.randint(1, 40))
                assert min(batch) >= max(now, held)
                slots += batch
            else:
                slot = pace.reserve(session, now)
                assert slot >= max(now, held)
                slots.append(slot)
    # No burst allowance in the row itself. The window is 0.1 ms short of a second: times
    # since the epoch are floats good to about 0.2 µs, and the row adds them up slot by slot,
    # so the 26th slot of an exact 25/s pace may land a microsecond before t + 1.
    assert busiest_second(slots, window=1.0 - 1e-4) <= rate
    gaps = [b - a for a, b in zip(sorted(slots), sorted(slots)[1:], strict=False)]
    assert min(gaps) >= 1 / rate - 1e-6


def test_late_allowance_is_the_documented_burst() -> None:
    assert pace.late_allowance(25.0) * 25.0 == pytest.approx(pace.BURST)
    assert pace.late_allowance(1000.0) == pace.MIN_LATE  # 20 ms: 2% of a paid pace
