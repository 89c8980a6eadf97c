"""Users' saved language choices, read from the database for every update.

Several replicas may answer one user: a choice made through one must be used by the next
message whichever replica gets it, so no replica may answer from a copy of its own. Reading
per update costs a thread hop and a query; under load the reads of the updates that arrive
together are made as one query (`WHERE user_id IN (...)`), one at a time, so the cost per
update falls as the load rises.

If the database cannot be read, the last choice seen for the user is used (else the language
of their Telegram app): questions are still answered during an outage.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from knowledge import activity

log = logging.getLogger(__name__)

MAX_BATCH = 500  # users read in one query
MAX_REMEMBERED = 100_000  # last choices kept for an outage


@dataclass
class LanguageChoices:
    sessions: sessionmaker[Session]
    _waiting: dict[int, list[asyncio.Future[str | None]]] = field(default_factory=dict)
    _reader: asyncio.Task[None] | None = None
    _last: dict[int, str | None] = field(default_factory=dict)
    _failing: bool = False

    async def get(self, user_id: int) -> str | None:
        """The user's saved choice ("en", "hi"), None if they have made none."""
        future: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(user_id, []).append(future)
        if self._reader is None:
            self._reader = asyncio.create_task(self._read_waiting(), name="language-choices")
        return await future

    async def save(self, user_id: int, lang: str) -> None:
        await asyncio.to_thread(self._save, user_id, lang)
        self._remember({user_id: lang}, [user_id])

    async def _read_waiting(self) -> None:
        try:
            await asyncio.sleep(0)  # the updates started in this turn of the loop join in
            while self._waiting:
                ids = list(self._waiting)[:MAX_BATCH]
                batch = {uid: self._waiting.pop(uid) for uid in ids}
                found = await self._read(ids)
                for uid, futures in batch.items():
                    for future in futures:
                        if not future.done():
                            future.set_result(found.get(uid))
        finally:
            self._reader = None
            if self._waiting:  # cancelled (shutting down): nobody is left to read for them
                for futures in self._waiting.values():
                    for future in futures:
                        future.cancel()
                self._waiting.clear()

    async def _read(self, ids: list[int]) -> dict[int, str | None]:
        try:
            saved = await asyncio.to_thread(self._fetch, ids)
        except Exception as exc:
            if not self._failing:
                log.warning("cannot read language choices (%s); using the last seen", exc)
            self._failing = True
            return {uid: self._last.get(uid) for uid in ids}
        if self._failing:
            log.info("language choices read again")
        self._failing = False
        self._remember(saved, ids)
        return {uid: saved.get(uid) for uid in ids}

    def _fetch(self, ids: list[int]) -> dict[int, str]:
        with self.sessions() as session:
            return activity.languages(session, ids)

    def _save(self, user_id: int, lang: str) -> None:
        with self.sessions.begin() as session:
            activity.set_language(session, user_id, lang)

    def _remember(self, saved: dict[int, str], ids: list[int]) -> None:
        if len(self._last) + len(ids) > MAX_REMEMBERED:
            self._last.clear()
        for uid in ids:
            self._last[uid] = saved.get(uid)
