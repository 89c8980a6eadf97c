"""Fuzzy matching scores only the names whose length can reach the cutoff: the same best match
(and the same ties, in the same order) as scoring every name with the same first letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from knowledge import index, store
from knowledge.db import connect


@pytest.fixture(scope="module")
def idx(seeded_sqlite_template: Path) -> index.Index:
    engine = connect(f"sqlite:///{seeded_sqlite_template}")
    with Session(engine) as session:
        catalog = store.load_catalog(session)
    engine.dispose()
    return index.Index(catalog)


def _all(group: index._Group) -> list[str]:
    """The group's names in their first order, as one extractOne would read them."""
    names: list[str] = [""] * sum(len(n) for n, _ in group.by_length.values())
    for found, places in group.by_length.values():
        for name, place in zip(found, places, strict=True):
            names[place] = name
    return names


def _typed(name: str) -> list[str]:
    """A name, and slips of it: a letter dropped, one added, two swapped, a short fragment."""
    swapped = name[:1] + name[2:3] + name[1:2] + name[3:] if len(name) > 3 else name
    return [name, name[:-1], name + "a", swapped, name[:2] + name[3:], name[:4], name[0] + "xq"]


@pytest.mark.parametrize("kind", ["_fuzzy_places", "_fuzzy_products"])
def test_length_bounded_matching_finds_what_scoring_every_name_finds(
    idx: index.Index, kind: str
) -> None:
    checked = 0
    for group in getattr(idx, kind).values():
        names = _all(group)
        for name in names[::7]:
            for typed in _typed(name):
                for cutoff in (60.0, 80.0, 83.0, 88.0):
                    one = process.extractOne(typed, names, scorer=fuzz.ratio, score_cutoff=cutoff)
                    assert index._best(typed, group, cutoff) == (one and (one[0], one[1]))
                every = process.extract(typed, names, scorer=fuzz.ratio, limit=3, score_cutoff=60)
                assert index._closest(typed, group, 60, 3) == [(h[0], h[1]) for h in every]
                checked += 1
    assert checked > 500
