"""The engine's acceptance table: one test per row of tests/queries.tsv.

Each row is what a real user of the bot types (English, Hindi, Hinglish, typos, old place
names, ambiguous names, nonsense) and what they should get back. The expectations were checked
against knowledge/data by benchmarks/check_queries.py. Conventions the table follows:

- A query naming a district is about that district (district_products): "erode turmeric" shows
  Erode's products, and the product word must be among them.
- A product with at most a State named ("carpets in UP") is product_districts; a named town that
  is not a district ("sivakasi crackers") is a product query whose districts must include the
  expected one.
- A name shared by several districts asks which one (clarify lists them all, no district is
  picked), keeping the intent of the question ("DEPC aurangabad" stays a committee question).
- Out-of-scope or meaningless text is "unknown" and names no district, whatever fuzzy matching
  could dredge up.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

TABLE = Path(__file__).with_name("queries.tsv")


@dataclass(frozen=True)
class Row:
    line: int
    query: str
    intent: str
    district: tuple[str, str] | None
    state: str
    clarify: tuple[tuple[str, str], ...]
    product: str
    note: str


def _ref(text: str) -> tuple[str, str]:
    name, _, state = text.partition("|")
    return name.strip(), state.strip()


def load_rows(path: Path = TABLE) -> list[Row]:
    """Read the query table (TSV, header row, no quoting)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Row(
                line=reader.line_num,
                query=r["query"],
                intent=r["intent"].strip(),
                district=_ref(r["district"]) if r["district"].strip() else None,
                state=r["state"].strip(),
                clarify=tuple(_ref(c) for c in r["clarify"].split(",") if c.strip()),
                product=r["product"].strip().lower(),
                note=r["note"].strip(),
            )
            for r in reader
        ]


def check_answer(row: Row, answer: Any) -> list[str]:
    """Return what is wrong with `answer` for `row` (empty when it meets every expectation)."""
    problems: list[str] = []
    if answer.intent != row.intent:
        problems.append(f"intent {answer.intent!r}, expected {row.intent!r}")
    districts = [(d.name, d.state) for d in answer.districts]
    options = [(o.district.name, o.district.state) for o in answer.clarify]
    if row.district:
        if row.intent == "product_districts":
            # The districts making the product: those of the products listed, or the districts
            # the answer names.
            made_in = {(p.district, p.state) for p in answer.products} | set(districts)
            if row.district not in made_in:
                problems.append(f"{_show(row.district)} not among the product's districts")
        elif not districts:
            problems.append(f"no district, expected {_show(row.district)}")
        elif districts[0] != row.district:
            problems.append(f"top district {_show(districts[0])}, expected {_show(row.district)}")
    if row.clarify:
        missing = [c for c in row.clarify if c not in options]
        if missing:
            problems.append("clarification lacks " + ", ".join(_show(c) for c in missing))
        if districts:
            problems.append("picked a district instead of asking: " + _show(districts[0]))
    if row.state and row.state not in [s.name for s in answer.states]:
        problems.append(f"state {row.state!r} not in answer.states")
    if row.product and not any(row.product in p.name.lower() for p in answer.products):
        problems.append(f"no product name containing {row.product!r}")
    if row.intent == "unknown" and (districts or options):
        problems.append("nonsense answered with districts/options")
    return problems


def describe(answer: Any) -> str:
    """One line saying what the engine returned (for failure messages and the eval report)."""
    parts = [f"intent={answer.intent}"]
    if answer.districts:
        parts.append("districts=[" + "; ".join(_show((d.name, d.state))
                                               for d in answer.districts[:3]) + "]")
    if answer.clarify:
        parts.append("clarify=[" + "; ".join(_show((o.district.name, o.district.state))
                                             for o in answer.clarify[:6]) + "]")
    if answer.states:
        parts.append("states=[" + "; ".join(s.name for s in answer.states[:3]) + "]")
    if answer.products:
        names = sorted({p.name for p in answer.products})
        parts.append(f"products({len(answer.products)})=[" + "; ".join(names[:4]) + "]")
    return " ".join(parts)


def _show(ref: tuple[str, str]) -> str:
    return f"{ref[0]}|{ref[1]}"


ROWS = load_rows()


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Any:
    bootstrap = pytest.importorskip("bot.bootstrap")
    path = tmp_path_factory.mktemp("kb") / "odop.sqlite3"
    k = bootstrap.open_knowledge(f"sqlite:///{path}")
    yield k
    k.db.dispose()


@pytest.mark.parametrize("row", ROWS, ids=[r.query for r in ROWS])
def test_query(knowledge: Any, row: Row) -> None:
    answer = knowledge.engine.ask(row.query)
    problems = check_answer(row, answer)
    assert not problems, (
        f"{row.query!r} (queries.tsv line {row.line}; {row.note or 'no note'}): "
        + "; ".join(problems) + f"\n  got: {describe(answer)}"
    )
