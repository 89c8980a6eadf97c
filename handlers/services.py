"""What handlers reach through `context.services`: the engine and the bot's own records.

Nothing a second replica needs is kept here alone: language choices are read from the database
for every update (handlers/choices.py), and the engine is swapped for a new one within a second
or two of a change to the knowledge made by any process (`keep_current`).

Every call here that touches the database runs in a worker thread (`asyncio.to_thread`) with
its own session, so no handler waits on I/O on the event loop. Questions are logged in memory
and written in batches, not one INSERT per message.

The engine is called directly: it answers from an immutable in-memory snapshot, pure Python
with no I/O (over every row of tests/queries.tsv and every district and State name: median
0.05 ms, p99 0.4 ms, slowest 6 ms). A thread would not run it in parallel (the GIL) and the hop
costs more than the call: in benchmarks/bench_bot.py it took about 13% more CPU per update.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from telegram import User

from handlers.buttons import Subject
from handlers.choices import LanguageChoices
from handlers.flood import FloodGate
from handlers.strings import Lang, language_of
from knowledge import activity, concepts, store, version
from knowledge.answer import Answer, DistrictRef, Intent, Page, ProductFact
from knowledge.engine import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")

FLUSH_EVERY = 2.0  # seconds between writes of the question log
MAX_PENDING = 10_000  # questions kept in memory if the database is unreachable
KNOWLEDGE_POLL = 1.0  # seconds between looks at the knowledge's version


class QuestionLogUnavailable(Exception):
    """The question log could not be written now; the questions are kept for the next try."""


@dataclass
class Services:
    engine: Engine
    sessions: sessionmaker[Session]
    admin_ids: frozenset[int] = frozenset()
    officer_ids: frozenset[int] = frozenset()
    # What an admin's /broadcast preview states (the worker sends at this pace).
    broadcast_rate: float = 25.0
    paid_broadcast: bool = False
    flood: FloodGate = field(default_factory=FloodGate)
    # Wall-clock seconds since the epoch (a test's fake clock): "now" for a broadcast's schedule.
    clock: Callable[[], float] = time.time
    flush_every: float = FLUSH_EVERY
    # The version of the knowledge the engine was built from (knowledge/version.py), and how
    # often to look whether another process changed it.
    knowledge_version: int = 0
    knowledge_poll: float = KNOWLEDGE_POLL
    reloads: int = 0  # engines swapped in since start
    _choices: LanguageChoices = field(init=False)
    _reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _pending: list[activity.Asked] = field(default_factory=list)
    _flush_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _products: tuple[Engine, dict[int, ProductFact]] | None = None
    dropped_questions: int = 0  # logged questions the database refused, since start
    # Told of every question logged, with whether it was answered (the process's metrics).
    on_question: Callable[[str, bool], None] | None = None

    def __post_init__(self) -> None:
        self._choices = LanguageChoices(self.sessions)

    # --- running blocking work ------------------------------------------------------------

    async def _write(self, fn: Callable[[Session], T]) -> T:
        def work() -> T:
            with self.sessions.begin() as session:
                return fn(session)

        return await asyncio.to_thread(work)

    async def _read(self, fn: Callable[[Session], T]) -> T:
        def work() -> T:
            with self.sessions() as session:
                return fn(session)

        return await asyncio.to_thread(work)

    async def write(self, fn: Callable[[Session], T]) -> T:
        """Run `fn` in one transaction, in a worker thread."""
        return await self._write(fn)

    async def read(self, fn: Callable[[Session], T]) -> T:
        return await self._read(fn)

    # --- the engine ------------------------------------------------------------------------

    async def reload(self, at_least: int = 0) -> bool:
        """Build a new engine from the knowledge as stored and swap it in whole, unless the
        one in use is already of version `at_least` or newer; True if it was swapped."""
        async with self._reload_lock:  # one build at a time; a second caller finds it done
            if at_least and self.knowledge_version >= at_least:
                return False

            def build() -> tuple[int, Engine]:
                with self.sessions() as session:
                    found, catalog = version.read_consistent(session, store.load_catalog)
                return found, Engine(catalog, previous=self.engine)

            built, engine = await asyncio.to_thread(build)
            self.engine, self.knowledge_version = engine, built
            self.reloads += 1
            return True

    async def knowledge_changed(self) -> int:
        """The stored knowledge's version if it is newer than the engine's, else 0."""
        stored = await self._read(version.current)
        return stored if stored != self.knowledge_version else 0

    async def keep_current(self) -> None:
        """Swap in a new engine whenever the knowledge's version moves, until cancelled.

        The look is one primary-key read every `knowledge_poll` seconds; a change made by any
        process (another replica's officer, `odop-bot kb import`) is answered from here within
        that and the time to build the engine.
        """
        failing = False
        while True:
            await asyncio.sleep(self.knowledge_poll)
            try:
                newer = await self.knowledge_changed()
                if newer:
                    await self.reload(newer)
                    log.info("knowledge version %d loaded", self.knowledge_version)
            except Exception as exc:
                if not failing:
                    log.warning("cannot look for knowledge changes (%s); will retry", exc,
                                exc_info=not isinstance(exc, SQLAlchemyError))
                failing = True
            else:
                if failing:
                    log.info("looking for knowledge changes again")
                failing = False

    def is_officer(self, user_id: int) -> bool:
        """Officers and admins may change the knowledge from the chat."""
        return user_id in self.officer_ids or user_id in self.admin_ids

    def ask(self, text: str, hint: Intent | None = None, page: Page | None = None) -> Answer:
        return self.engine.ask(text, hint, page)

    def by_lgd(self, code: int) -> DistrictRef | None:
        return self.engine.by_lgd(code)

    def district(self, district_id: int, intent: Intent = "district_products") -> Answer:
        return self.engine.district(district_id, intent)

    def suggest(self, text: str, limit: int) -> list[Answer]:
        return self.engine.suggest(text, limit)

    def rebuild(self, subject: Subject, page: Page | None = None) -> Answer:
        """Return the answer a button names (intent "unknown" if it no longer exists); with
        `page`, that page of a long list."""
        engine = self.engine
        if subject.kind == "d":
            return engine.district(subject.ident, subject.intent)
        if subject.kind == "s":
            return engine.state(subject.ident, subject.intent, page)
        if subject.kind == "p":
            product = self._product_by_id(subject.ident)
            if product is None:
                return Answer(query=str(subject.ident), intent="unknown")
            return engine.product(product.name, page=page)
        if subject.kind == "t":
            state = subject.ident if subject.ident in engine.catalog.state_by_id else None
            answer = engine.product(subject.topic, state, page)
            if not answer.products:
                return Answer(query=subject.topic, intent="unknown")
            return replace(answer, written=subject.written) if subject.written else answer
        return engine.ask("", subject.intent, page)

    def product_concept(self, words: str) -> concepts.Concept | None:
        """The product word `words` names, read as a question would read it (typos too)."""
        index = self.engine.index
        found = concepts.concept(words, index)
        if found is None:
            answer = self.engine.ask(words, "product_districts")
            if answer.intent == "product_districts" and answer.topic and not answer.clarify:
                found = concepts.concept(answer.topic, index)
        return found

    def product_concept_by_id(self, product_id: int) -> concepts.Concept | None:
        product = self._product_by_id(product_id)
        return None if product is None else concepts.concept(product.name, self.engine.index)

    def product_suggestions(self, words: str) -> list[str]:
        return concepts.suggestions(words, self.engine.index)

    def _product_by_id(self, product_id: int) -> ProductFact | None:
        if self._products is None or self._products[0] is not self.engine:
            self._products = (self.engine, {p.id: p for p in self.engine.catalog.products})
        return self._products[1].get(product_id)

    # --- language --------------------------------------------------------------------------

    async def language(self, user: User | None) -> Lang:
        """Return the user's chosen language, else the one their Telegram app uses."""
        if user is None:
            return "en"
        return _lang(await self._choices.get(user.id)) or language_of(user.language_code)

    async def choose_language(self, user_id: int, lang: Lang) -> None:
        await self._choices.save(user_id, lang)

    # --- the question log, votes, stats ---------------------------------------------------

    def log_question(self, kind: str, lang: Lang, text: str, answer: Answer) -> None:
        """Remember a question; it is written with the next batch."""
        if len(self._pending) >= MAX_PENDING:
            del self._pending[: MAX_PENDING // 10]
        asked = activity.asked(kind, lang, text, answer)
        self._pending.append(asked)
        if self.on_question is not None:
            self.on_question(answer.intent, asked.answered)

    async def flush(self) -> int:
        """Write the questions logged so far; return how many were stored.

        Rows the database refuses are dropped and counted (`dropped_questions`); if it cannot
        be reached, the rest are kept for the next try and QuestionLogUnavailable is raised.
        """
        async with self._flush_lock:
            batch, self._pending = self._pending, []
            if not batch:
                return 0
            written = await asyncio.to_thread(activity.write_queries, self.sessions, batch)
            self._pending[:0] = written.left  # keep them for the next try
            if written.dropped:
                self.dropped_questions += written.dropped
                log.warning("question log: dropped %d question(s) the database refused (%s)",
                            written.dropped, written.error)
            if written.left:
                raise QuestionLogUnavailable(written.error)
            return written.stored

    async def keep_flushing(self) -> None:
        """Write the question log every few seconds until cancelled (one line per outage)."""
        failing = False
        while True:
            await asyncio.sleep(self.flush_every)
            try:
                await self.flush()
            except Exception as exc:
                if not failing:  # an unexpected error shows its traceback, once
                    log.warning("could not write the question log (%s); will retry", exc,
                                exc_info=not isinstance(exc, QuestionLogUnavailable))
                failing = True
            else:
                if failing:
                    log.info("question log written again")
                failing = False

    async def close(self) -> None:
        """Write what is left of the question log (on shutdown)."""
        try:
            await self.flush()
        except Exception as exc:
            log.warning("could not write the question log on shutdown (%s)", exc)

    async def vote(
        self, *, user_id: int, chat_id: int, message_id: int, up: bool, subject: str
    ) -> None:
        await self._write(
            lambda s: activity.record_vote(
                s,
                user_id=user_id,
                chat_id=chat_id,
                message_id=message_id,
                vote=1 if up else -1,
                subject=subject,
            )
        )

    async def stats(self) -> activity.Summary:
        await self.flush()
        return await self._read(activity.summary)


def _lang(saved: str | None) -> Lang | None:
    return "hi" if saved == "hi" else "en" if saved == "en" else None
