"""Every name a district goes by (its name, its Hindi name, each alias) finds it in the index,
and sounds like itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from knowledge import index, store
from knowledge.db import connect
from knowledge.normalise import fold, name_key, sound_of_folded


@pytest.fixture(scope="module")
def idx(seeded_sqlite_template: Path) -> index.Index:
    engine = connect(f"sqlite:///{seeded_sqlite_template}")
    with Session(engine) as session:
        catalog = store.load_catalog(session)
    engine.dispose()
    return index.Index(catalog)


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
