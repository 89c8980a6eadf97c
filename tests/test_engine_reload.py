"""A reload after a change that leaves every name as it was reuses the matching index; a
change of names builds a new one. Either way the new engine answers from the new knowledge."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.bootstrap import open_knowledge
from knowledge.engine import Engine, same_names

ROOT = Path(__file__).resolve().parents[1]


def _set_status(db_url: str, *args: str) -> None:
    env = {**os.environ, "ODOP_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "kb", "set-status", *args],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_status_change_reuses_the_index_and_answers_with_the_new_status(
    seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, path)
    url = f"sqlite:///{path}"
    knowledge = open_knowledge(url)
    try:
        before = knowledge.engine
        assert "DEPC minutes of July" not in str(before.ask("aurangabad bihar plan status"))
        _set_status(url, "Aurangabad, Bihar", "approved", "--date", "2025-07-01",
                    "--source", "DEPC minutes of July", "--by", "R. Kumar")
        knowledge.reload()
        after = knowledge.engine
        assert after is not before
        assert after.catalog is not before.catalog
        assert same_names(before.catalog, after.catalog)
        # the index is the old one's, pointing at the new catalog
        assert after.index.places is before.index.places
        assert after.index.catalog is after.catalog
        answer = after.ask("aurangabad bihar plan status")
        assert "DEPC minutes of July" in str(answer)
        assert answer.districts[0].name == "Aurangabad"
    finally:
        knowledge.db.dispose()


def test_a_change_of_names_builds_a_new_index(seeded_sqlite_template: Path) -> None:
    knowledge = open_knowledge(f"sqlite:///{seeded_sqlite_template}")
    try:
        old = knowledge.engine
    finally:
        knowledge.db.dispose()
    products = list(old.catalog.products)
    first = products[0]
    products[0] = dataclasses.replace(first, name="Zanzibar Quilts")
    renamed = dataclasses.replace(old.catalog, products=products)
    assert not same_names(old.catalog, renamed)
    new = Engine(renamed, previous=old)
    assert new.index.places is not old.index.places
    assert new.ask("zanzibar quilts").products[0].district == first.district
    assert not old.ask("zanzibar quilts").products
