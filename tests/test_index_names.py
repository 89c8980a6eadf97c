"""Every name a district goes by (its name, its Hindi name, each alias) finds it in the index,
and sounds like itself."""

from __future__ import annotations

import pytest

from knowledge import index
from knowledge.catalog import Catalog
from knowledge.normalise import fold, name_key, sound_of_folded


@pytest.fixture(scope="module")
def idx(seeded_catalog: Catalog) -> index.Index:
    return index.Index(seeded_catalog)


def test_every_name_of_every_district_finds_it(idx: index.Index) -> None:
    checked = 0
    for d in idx.catalog.districts:
        names = [d.name, *([d.name_hi] if d.name_hi else []),
                 *(a for a, _kind in d.aliases
                   if len(fold(a).replace(" ", "")) >= index.MIN_ALIAS)]
        for name in names:
            key = name_key(fold(name))
            assert ("d", d.id) in idx.places[key], name
            assert ("d", d.id) in idx.sounded(sound_of_folded(key)), name
            checked += 1
    assert checked > 2 * len(idx.catalog.districts)
