"""First use by many processes at once: every one answers (issue 7 item 1).

Real processes on a fresh SQLite file and a fresh PostgreSQL schema, all started together;
seeding runs under the database's lock, so the losers wait and then find it seeded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from knowledge.db import connect
from tests.conftest import postgres_schema

ROOT = Path(__file__).resolve().parents[1]


def ask_together(url: str, processes: int) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ODOP_DATABASE_URL", None)
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "--db", url, "ask", "--json", "agra"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for _ in range(processes)
    ]
    done = []
    for proc in started:
        out, err = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def assert_all_answer(done: list[subprocess.CompletedProcess[str]]) -> None:
    failed = [d.stderr.strip().splitlines()[-1:] for d in done if d.returncode != 0]
    assert failed == []
    assert all(json.loads(d.stdout)["districts"][0]["name"] == "Agra" for d in done)


@pytest.mark.parametrize("processes", [2, 20])
def test_processes_seed_a_fresh_sqlite_file_together(tmp_path: Path, processes: int) -> None:
    url = f"sqlite:///{tmp_path / 'odop.sqlite3'}"
    assert_all_answer(ask_together(url, processes))
    engine = connect(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM products")).scalar_one() == 1241
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("processes", [2, 20])
def test_processes_seed_a_fresh_postgres_schema_together(pg_url: str, processes: int) -> None:
    schema = f"odop_test_{uuid.uuid4().hex[:12]}"
    with postgres_schema(pg_url, schema) as engine:
        sep = "&" if "?" in pg_url else "?"
        assert_all_answer(ask_together(f"{pg_url}{sep}options=-csearch_path%3D{schema}",
                                       processes))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM products")).scalar_one() == 1241
