"""Which national figure a counting question asks for ("how many DEAPs are notified").

The figures are rows of data/initiative_stats.csv; their metric wording changed between
sources, so each kind of figure is a family of metric names. A question's words pick the
families; the answer leads with the latest value of each, then a little history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from knowledge.lexicon import words
from knowledge.normalise import stem

# family -> metric names in initiative_stats.csv (oldest wording last)
FAMILIES: dict[str, tuple[str, ...]] = {
    "plans_notified": (
        "District Export Action Plans formally notified by DEPCs",
        "District Action Plans notified by DEPCs",
    ),
    "plans_drafted": (
        "draft District Export Action Plans prepared by DGFT RAs",
        "draft District Action Plans prepared by DGFT RAs",
        "draft District Export Action Plans prepared by DGFT regional authorities",
    ),
    "products": ("ODOP products identified", "ODOP products listed on ODOP digital portal"),
    "districts": (
        "districts covered by ODOP products",
        "ODOP implemented in districts",
        "districts with products identified",
        "districts with products/services with export potential identified",
    ),
    "gem": ("ODOP products sold on GeM ODOP bazaar",),
    "strategy": ("States/UTs with state export strategy prepared",),
    "committees": (
        "States/UTs with SEPC and DEPC constituted",
        "States/UTs with SEPC constituted",
        "States/UTs with DEPC constituted",
        "DEPCs notified",
    ),
    "meetings": ("districts where DEPC meetings held",),
    "nodal": ("States/UTs with state nodal officer",),
}

_PLAN = words(
    "plan plans deap deaps dap daps yojana yojanaye yojanayen योजना योजनाएं योजनाएँ प्लान प्लान्स"
)
_NOTIFIED = words(
    "notified notify notification adopted approved finalised finalized अधिसूचित notifed "
    "नोटिफाई नोटिफाइड"
)
_DRAFT = words("draft drafts drafted prepared मसौदा ड्राफ्ट")
_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    ("gem", words("gem bazaar bazar")),
    ("strategy", words("strategy strategies रणनीति")),
    ("meetings", words("meeting meetings met बैठक बैठकें")),
    ("nodal", words("nodal")),
    ("committees", words("sepc sepcs depc depcs committee committees समिति समितियां")),
    ("gi", words("gi जीआई geographical")),
    ("products", words("product products utpad utpaad उत्पाद item items प्रोडक्ट प्रोडक्ट्स")),
    ("districts", words(
        "district districts zile jile zila jila जिले जिलों जिला डिस्ट्रिक्ट डिस्ट्रिक्ट्स")),
)

# The first families of _CUES are named by words of their own (not "district", "product").
_OWN_WORDS = 4
# "how many districts have products": the word after these names what is counted.
_COUNT_WORDS = words("many kitne kitna kitni कितने कितना कितनी")
_PLAIN = ("districts", "products")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def year_asked(question_words: Iterable[str]) -> str | None:
    """The year a counting question asks about ("notified in 2022", "2021 tak"), if any."""
    return next((w for w in question_words if _YEAR.match(w)), None)


def _counted(question_words: Sequence[str]) -> str | None:
    """The family named right after "how many" / "kitne", when it is one of the plain counts
    (districts or products) that a question may name both of."""
    for before, word in pairwise(question_words):
        if before in _COUNT_WORDS:
            for family, cue in _CUES[_OWN_WORDS:]:
                if family in _PLAIN and (word in cue or stem(word) in cue):
                    return family
    return None


def families(question_words: Sequence[str]) -> list[str]:
    """Return the figure families a counting question asks for, most specific first."""
    asked = {stem(w) for w in question_words} | set(question_words)
    # "how many States prepared an export strategy": a figure named by its own word outranks
    # the verbs plans share ("prepared", "approved"), unless a plan is named too
    for family, cue in _CUES[:_OWN_WORDS]:
        if asked & cue and not asked & _PLAN:
            return [family]
    if asked & _PLAN or asked & _NOTIFIED or asked & _DRAFT:
        notified, draft = bool(asked & _NOTIFIED), bool(asked & _DRAFT)
        if notified and not draft:
            return ["plans_notified"]
        if draft and not notified:
            return ["plans_drafted"]
        if asked & _PLAN or (notified and draft):
            return ["plans_notified", "plans_drafted"]
    counted = _counted(question_words)
    for family, cue in _CUES:
        # of the two plain counts, the one named after "how many" is asked for
        if asked & cue and not (counted and family in _PLAIN and family != counted):
            return [family]
    return []
