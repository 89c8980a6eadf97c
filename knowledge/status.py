"""One controlled, ordered vocabulary for the status of a district's export action plan.

Sources describe plans in their own words ("unveiled", "approved by DC in DLEPC", "DEPC meeting
held; plan status not stated"). Every evidence row is mapped to exactly one step by the rules
below, so answers can say what the source said and no more: "unveiled" is *published*, not
*notified*; a committee meeting is *DEPC met*, not a plan; finalising a plan's *products* is not
finalising the plan. Rows that state no plan step at all (a policy, a designation as an export
hub, an instruction to prepare a plan) map to NONE, which ranks below every step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.normalise import fold

Step = Literal[
    "none", "identified", "depc_met", "in_preparation", "draft", "approved", "notified",
    "published",
]
NONE: Step = "none"
# The order a plan moves through; a later step implies the earlier ones happened.
STEPS: tuple[Step, ...] = (
    "identified", "depc_met", "in_preparation", "draft", "approved", "notified", "published",
)
ALL_STEPS: tuple[Step, ...] = (NONE, *STEPS)
_RANK: dict[str, int] = {s: i for i, s in enumerate(ALL_STEPS)}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "none": "no plan step stated",
        "identified": "products identified",
        "depc_met": "DEPC met",
        "in_preparation": "plan in preparation",
        "draft": "draft prepared",
        "approved": "approved/finalised by the DEPC",
        "notified": "notified",
        "published": "published",
    },
    "hi": {
        "none": "योजना का कोई चरण नहीं बताया गया",
        "identified": "उत्पाद चिह्नित",
        "depc_met": "DEPC की बैठक हुई",
        "in_preparation": "योजना तैयार की जा रही है",
        "draft": "मसौदा तैयार",
        "approved": "DEPC द्वारा अनुमोदित/अंतिम रूप दिया गया",
        "notified": "अधिसूचित",
        "published": "प्रकाशित",
    },
}


def label(step: str, lang: str = "en") -> str:
    """The step's name in `lang` (English when the language is not known)."""
    table = LABELS.get(lang, LABELS["en"])
    return table.get(step, step)


def rank(step: str) -> int:
    """Position in the order (NONE = 0); raises KeyError for a word that is not a step."""
    return _RANK[step]


def is_step(value: str) -> bool:
    return value in _RANK


def at_least(step: str, other: str) -> bool:
    """True when `step` is `other` or a later step."""
    return rank(step) >= rank(other)


def highest(steps: list[Step]) -> Step:
    """The furthest step among `steps` (NONE for none)."""
    return max(steps, key=rank, default=NONE)


# --- what a person types (officers' /setstatus, the CLI) --------------------------------------

_TYPED: dict[str, Step] = {
    "identified": "identified", "products identified": "identified",
    "depc met": "depc_met", "depc_met": "depc_met", "met": "depc_met",
    "in preparation": "in_preparation", "in_preparation": "in_preparation",
    "preparation": "in_preparation", "being prepared": "in_preparation",
    "draft": "draft", "draft prepared": "draft", "drafted": "draft",
    "approved": "approved", "finalised": "approved", "finalized": "approved",
    "approved by the depc": "approved", "approved by depc": "approved",
    "notified": "notified", "published": "published",
}


def from_user(text: str) -> Step | None:
    """The step a person typed (a key, an English or Hindi label, a common word), or None."""
    key = " ".join(fold(text).replace("_", " ").split())
    if key in _TYPED:
        return _TYPED[key]
    for table in LABELS.values():
        for step in STEPS:
            if key == " ".join(fold(table[step]).split()):
                return step
    return None


# --- what a source said -----------------------------------------------------------------------

# Clauses that say what is NOT known; they must not trigger the step words they contain.
_NEGATED = re.compile(
    r"(plan|deap)? ?status (draft/final )?not (yet )?stated"
    r"|plan not yet stated|not a deap status|no plan document seen|document not seen"
    r"|not explicitly a deap approval|not (a )?completion|not a count|not deap"
)


@dataclass(frozen=True)
class Rule:
    step: Step
    pattern: re.Pattern[str]
    why: str


def _rule(step: Step, pattern: str, why: str) -> Rule:
    return Rule(step, re.compile(pattern), why)


# First match wins, so the narrow exceptions come before the words they contain.
RULES: tuple[Rule, ...] = (
    _rule(NONE, r"to be (prepared|formulated)|\bmandated\b|announcement|asked to|provides for"
          r"|\b(formed|constituted|set up)\b|monitoring portal",
          "an intention, an instruction or a committee set up: no plan step yet"),
    _rule(NONE, r"export hubs?\b.*(shortlist|designat)|(shortlist|designat).*export hubs?"
          r"|export hubs?: phase", "a Districts-as-Export-Hubs designation is not a plan step"),
    _rule("in_preparation", r"template approved", "approving a template is not approving a plan"),
    _rule("identified", r"finali[sz]ed products|products? (were |was )?finali[sz]ed",
          "finalising the plan's products is identifying them, not finalising the plan"),
    _rule("draft", r"being finali[sz]|\bfinali[sz]ing",
          "a plan being finalised exists as a draft; it is not yet final"),
    _rule("published", r"\b(published|unveil\w*|releas\w*|launch\w*)\b",
          "released publicly: published, which is not the same as notified"),
    _rule("notified", r"\bnotified\b", "the source says notified"),
    _rule("approved", r"\b(approved|finali[sz]ed|अनुमोदित)\b", "approved or finalised"),
    _rule("in_preparation", r"in preparation|being prepared|\bpreparing\b",
          "the source says the plan is being prepared"),
    _rule("draft", r"\bdraft|plans? prepared|prepared (plan|for \d+)|have prepared|presented"
          r"|ppt shown|document (exists|listed)",
          "a plan document exists or was presented: a draft at least"),
    _rule("depc_met", r"(depc|dlepc|committee|council)\b.*\b(met|meeting|meet)\b"
          r"|\b(meeting|met)\b.*\b(depc|dlepc|committee)", "a committee meeting is not a plan"),
    _rule("identified", r"products? identified|selecting products|identified products",
          "products identified"),
)


@dataclass(frozen=True)
class Classified:
    step: Step
    why: str


def classify(status: str, note: str = "", scope: str = "") -> Classified:
    """Map one evidence row to exactly one step, from the source's own words.

    The `status` column decides (the note only when the status is empty); a clause saying
    something is NOT known ("plan status not stated") is ignored. `scope` is kept for rules
    that need it and for callers that pass whole rows.
    """
    # A status in words the rules do not know states no step: the note is read only when
    # the status column is empty, never to raise a status the source did not give.
    text = status if status.strip() else note
    words = _NEGATED.sub(" ", " ".join(text.casefold().split()))
    for rule in RULES:
        if rule.pattern.search(words):
            return Classified(rule.step, rule.why)
    return Classified(NONE, "no plan step in the source's words")


# --- how strong the evidence is ---------------------------------------------------------------

Strength = Literal["document", "official", "officer", "report", "statement"]

# The scope of evidence an officer reported (knowledge.updates): its strength is "officer",
# and answers say "reported by an officer" beside it, in the reader's language.
OFFICER_SCOPE = "officer report"


def strength(scope: str, source: str = "") -> Strength:
    """How much to trust a row: a plan document, an official page, an officer's report, a news
    report, or a statement about a whole State/UT (applied to each of its districts)."""
    scope_ = scope.casefold()
    if "officer" in scope_:
        return "officer"
    if "ut-wide" in scope_ or "state-level" in scope_ or "state-wide" in scope_:
        return "statement"
    if "document" in scope_:
        return "document"
    if "portal" in scope_ or "notification" in scope_:
        return "official"
    return "report"


def is_weak(scope: str, source: str = "") -> bool:
    """News reports and sweeping statements are weak evidence: say so beside them."""
    return strength(scope, source) in ("report", "statement")


# --- dates ------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def sort_date(as_of: str) -> str | None:
    """A comparable "YYYY-MM-DD" prefix of a source's date, None when it is undated.

    "c. 2020-11-20/21 (reported 2020-11-22)" -> "2020-11-20"; "2022 (posted online ...)" ->
    "2022"; "undated (c. 2021)" -> None (a guess at the year is not a date to order by).
    """
    text = as_of.strip().casefold()
    if not text or text.startswith("undated"):
        return None
    found = _DATE.search(text)
    if found is None:
        return None
    return "-".join(g for g in found.groups() if g)


@dataclass(frozen=True)
class Dated:
    """What the conflict check needs of one evidence row."""

    step: str  # a step of this vocabulary
    as_of: str
    source: str


@dataclass(frozen=True)
class Conflict:
    """A later source that says less than an earlier one; both are shown, neither merged."""

    earlier: Dated
    later: Dated


def conflicts(rows: list[Dated]) -> list[Conflict]:
    """Each later dated row whose step is below the furthest step an earlier row stated.

    Undated rows cannot be ordered and never make a conflict; rows on the same date do not
    either (two reports of one day are not "later"). NONE rows state no step.
    """
    dated = sorted(
        ((d, r) for r in rows if r.step != NONE and (d := sort_date(r.as_of)) is not None),
        key=lambda pair: pair[0],
    )
    out: list[Conflict] = []
    best: tuple[str, Dated] | None = None
    for date, row in dated:
        if best is not None and _before(best[0], date) and rank(row.step) < rank(best[1].step):
            out.append(Conflict(best[1], row))
        if best is None or rank(row.step) > rank(best[1].step):
            best = (date, row)
    return out


def _before(a: str, b: str) -> bool:
    """"2022-07-15" is before "2023" but not before "2022": compare the common precision."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]
