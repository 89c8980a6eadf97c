"""knowledge/glossary.py: every phrase of ours that the data feeds into a reply has its Hindi.

The Hindi test reads answers for runs of three English words; this one also catches the short
labels (a scope "district news", a sector "Dairy") for every value the loaded data holds."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import re

from bot.bootstrap import Knowledge
from knowledge.glossary import to_hindi
from tests.bot_fixtures import knowledge  # noqa: F401 (fixture)

PLAIN = re.compile(r"^(\d{4}(-\d{2}){0,2})?$|^\d[\d,]*\+?$")


def _phrases(kb: Knowledge) -> dict[str, set[str]]:
    c = kb.catalog
    plans = [r for rows in c.plans_by_district.values() for r in rows]
    return {
        "plan scope": {r.scope for r in plans},
        "plan date": {r.as_of for r in plans},
        "jurisdiction evidence": {j.evidence_type for a in c.authorities for j in a.jurisdictions},
        "council sector": {x.sector for x in c.councils},
        "figure": {s.metric for s in c.stats} | {s.value for s in c.stats}
        | {s.as_of for s in c.stats},
        "category and sector": {p.category for p in c.products} | {p.sector for p in c.products},
        "committee role": {f"{kind} {r.role}" for (kind, _s, _d), roles in c.committees.items()
                           for r in roles},
    }


def test_every_phrase_the_data_feeds_a_reply_has_hindi(knowledge: Knowledge) -> None:
    missing = {kind: sorted(p for p in phrases if not PLAIN.match(p) and to_hindi(p) is None)
               for kind, phrases in _phrases(knowledge).items()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_a_note_is_translated_piece_by_piece_and_places_keep_their_english() -> None:
    assert to_hindi("news; district document") == "समाचार; ज़िले का दस्तावेज़"
    assert to_hindi("news; something new") is None
    assert to_hindi("District Collector / DM / DC of Agra", lambda p: f"आगरा ({p})") == (
        "आगरा (Agra) के ज़िलाधिकारी (कलेक्टर / DM / DC)")
    assert to_hindi("as reported (2021-10)") == "स्रोत में बताए अनुसार (2021-10)"
