"""Plan-status evidence as facts: newest first, each at its source's own step, never merged.

A later source that says less than an earlier one is a conflict: both stay, dated and sourced,
and the answer says the sources disagree. News reports and statements about a whole State are
weak evidence and are labelled so beside the step they report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge import status
from knowledge.answer import Fact
from knowledge.catalog import PlanRec

PLAN_METRIC = "export plan status"


def newest_first(rows: Iterable[PlanRec]) -> list[PlanRec]:
    """Dated rows newest first, then the undated ones (which cannot be ordered) in file order."""
    listed = list(rows)
    dated = [r for r in listed if status.sort_date(r.as_of) is not None]
    undated = [r for r in listed if status.sort_date(r.as_of) is None]
    dated.sort(key=lambda r: status.sort_date(r.as_of) or "", reverse=True)
    return dated + undated


def evidence_fact(r: PlanRec, place: str = "") -> Fact:
    """One row as a fact: its step, its date and source, its own words and how strong it is.

    `place` names the district or State in a list covering several ("— Kathua").
    """
    # who held the meeting or wrote the plan, and the source's note: the source's words
    quoted = "; ".join(x for x in (r.prepared_by, r.note) if x)
    step = r.status if status.is_step(r.status) else status.classify(r.status_text).step
    metric = f"{PLAN_METRIC} — {place}" if place else PLAN_METRIC
    strength = status.strength(r.scope)
    if strength == "statement" and r.district_id is None:
        # a statement about a whole State is weak for one district; about the State itself it
        # is a report like any other
        strength = "report"
    return Fact(metric, step, r.as_of, r.source, quoted=quoted, words=r.status_text,
                evidence=strength)


def facts_of(rows: Iterable[PlanRec], place: str = "") -> list[Fact]:
    return [evidence_fact(r, place) for r in newest_first(rows)]


# A row that names the district's committee at work (its meeting, its approval).
_COMMITTEE = re.compile(r"\b(?:depc|dlepc|committee|meeting|met)\b", re.IGNORECASE)


def committee_rows(rows: Iterable[PlanRec]) -> list[PlanRec]:
    """The rows that record the district's DEPC at work: a committee's own evidence, shown
    when the committee is asked about ("when did the DEPC meet")."""
    return [r for r in rows
            if _COMMITTEE.search(" ".join((r.status_text, r.prepared_by, r.note)))]


def place_of(fact: Fact) -> str:
    """The place a plan fact names ("" when the answer is about one district)."""
    return fact.metric.partition(" — ")[2] if is_plan(fact) else ""


def is_plan(fact: Fact) -> bool:
    return fact.metric.startswith(PLAN_METRIC)


def conflicts_of(rows: Iterable[PlanRec]) -> tuple[status.Conflict, ...]:
    """Each later source that says less than an earlier one (see `status.conflicts`)."""
    dated = [status.Dated(r.status, r.as_of, r.source) for r in rows
             if status.is_step(r.status)]
    return tuple(status.conflicts(dated))
