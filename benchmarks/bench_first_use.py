"""First use by many processes at once: how many `odop-bot ask` processes answer.

Starts N processes together on a fresh SQLite file (and, with --postgres URL, a fresh
PostgreSQL schema), `--tries` times, and counts the processes that answered. Before seeding ran
under the database's lock (issue 7 item 1), 2 processes both answered in 0 of 10 tries.

    .venv/bin/python benchmarks/bench_first_use.py --processes 2,20 --tries 10 \
        [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.db import connect  # noqa: E402


def ask_together(url: str, processes: int) -> tuple[int, set[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ODOP_DATABASE_URL", None)
    started = [subprocess.Popen([sys.executable, "-m", "bot.cli", "--db", url, "ask", "--json",
                                 "agra"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env) for _ in range(processes)]
    answered, errors = 0, set()
    for proc in started:
        out, err = proc.communicate()
        if proc.returncode == 0 and b'"Agra"' in out:
            answered += 1
        else:
            errors.add((err.decode(errors="replace").strip().splitlines() or ["?"])[-1])
    return answered, errors


def sqlite_round(processes: int) -> tuple[int, set[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        return ask_together(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}", processes)


def postgres_round(base: str, processes: int) -> tuple[int, set[str]]:
    schema = f"odop_bench_{uuid.uuid4().hex[:12]}"
    admin = connect(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in base else "?"
        return ask_together(f"{base}{separator}options={quote(f'-csearch_path={schema}')}",
                            processes)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", default="2,20", help="comma-separated counts")
    parser.add_argument("--tries", type=int, default=10)
    parser.add_argument("--postgres", metavar="URL", help="also run on a fresh schema here")
    args = parser.parse_args()
    backends = [("sqlite", sqlite_round)]
    if args.postgres:
        backends.append(("postgresql", lambda n: postgres_round(args.postgres, n)))
    for name, run_round in backends:
        for processes in (int(p) for p in args.processes.split(",")):
            all_answered = answered = 0
            errors: set[str] = set()
            for _ in range(args.tries):
                got, errs = run_round(processes)
                answered += got
                all_answered += got == processes
                errors |= errs
            print(f"{name} {processes} processes: all answered in {all_answered}/{args.tries} "
                  f"tries, {answered}/{processes * args.tries} answered"
                  + (f"; errors: {sorted(errors)[:3]}" if errors else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
