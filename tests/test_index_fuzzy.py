"""Fuzzy matching scores only the names whose length can reach the cutoff: the same best match
(and the same ties, in the same order) as scoring every name with the same first letter."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from knowledge import index
from knowledge.catalog import Catalog


@pytest.fixture(scope="module")
def idx(seeded_catalog: Catalog) -> index.Index:
    return index.Index(seeded_catalog)


def _all(group: index._Group) -> list[str]:
    """The group's names in their first order, as one extractOne would read them."""
    names: dict[int, str] = {}
    for by_last, _by_second in group.by_length.values():
        for found, places in by_last.values():
            names.update(zip(places, found, strict=True))
    return [names[place] for place in range(len(names))]


def _typed(name: str) -> list[str]:
    """A name, and one slip of it: a letter dropped, added or changed, two swapped."""
    swapped = name[:1] + name[2:3] + name[1:2] + name[3:] if len(name) > 3 else name
    changed = [name[:i] + "q" + name[i + 1 :] for i in (1, len(name) - 2, len(name) - 1)]
    return [name, name[:-1], name + "a", swapped, name[:2] + name[3:], *changed]


def _one_slip_apart(typed: str, name: str) -> bool:
    return bool(set(typed[-2:]) & set(name[-2:]))


@pytest.mark.parametrize("kind", ["_fuzzy_places", "_fuzzy_products"])
def test_matching_scores_the_names_one_slip_can_reach_and_never_loses_the_name_typed(
    idx: index.Index, kind: str
) -> None:
    checked = 0
    for group in getattr(idx, kind).values():
        names = _all(group)
        for name in names[::7]:
            for typed in _typed(name):
                reachable = [n for n in names if _one_slip_apart(typed, n)]
                assert name in reachable
                for cutoff in (60.0, 80.0, 83.0, 88.0):
                    one = process.extractOne(typed, reachable, scorer=fuzz.ratio,
                                             score_cutoff=cutoff)
                    found = index._best(typed, group, cutoff)
                    assert found == (one and (one[0], one[1]))
                    if fuzz.ratio(typed, name) >= cutoff:
                        assert found is not None
                        assert found[1] >= fuzz.ratio(typed, name)
                every = process.extract(typed, names, scorer=fuzz.ratio, limit=3, score_cutoff=60)
                assert index._closest(typed, group, 60, 3) == [(h[0], h[1]) for h in every]
                checked += 1
    assert checked > 500


def test_a_slip_at_either_end_of_a_name_still_finds_it(idx: index.Index) -> None:
    for typed, meant in [("moradabd", "moradabad"), ("moradabadd", "moradabad"),
                         ("varanasu", "varanasi"), ("varanais", "varanasi"),
                         ("ludhiyana", "ludhiana")]:
        found = idx.fuzzy_place(typed)
        assert found is not None, typed
        assert found.key == meant, typed
