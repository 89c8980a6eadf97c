"""Per-user flood control: a token bucket per user, checked before any handler runs.

Updates over the limit are dropped before they cost an engine call or a reply, so one user
sending hundreds of messages only ever occupies a handful of handler slots.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["ok", "warn", "drop"]


@dataclass
class _Bucket:
    tokens: float
    at: float
    warned: bool = False


@dataclass
class FloodGate:
    """Allow `burst` updates at once per user, refilled at `rate` per second."""

    burst: int = 12
    rate: float = 1.0
    clock: Callable[[], float] = time.monotonic
    max_users: int = 50_000
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def check(self, user_id: int) -> Verdict:
        """Spend one token: "ok"; over the limit: "warn" the first time, then "drop"."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self.max_users:
                self._forget_idle(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return "ok"
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled completely: those users are not flooding."""
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.at) * self.rate >= self.burst
        ]
        for uid in full:
            del self._buckets[uid]
        if len(self._buckets) >= self.max_users:
            self._buckets.clear()
