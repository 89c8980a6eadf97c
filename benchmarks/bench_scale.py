"""The engine on a synthetic knowledge base N times today's, and a cold `odop-bot ask`.

    .venv/bin/python benchmarks/bench_scale.py                 # 100x, 5 passes, 5 cold starts
    .venv/bin/python benchmarks/bench_scale.py --times 10 --passes 2 --cold 0

Seeds a fresh temp SQLite from knowledge/data, then builds a catalog with --times copies of
every district (with its aliases and Hindi name), product, plan row, committee and DGFT office.
Copy 0 is today's data unchanged; copy k > 0 renames each with a made-up syllable suffix
("Moradabad" -> "Moradabadvelo"), so names stay distinct and the vocabulary grows with the copies
as it would with real districts. States stay as they are. It then times Engine(catalog) and
engine.ask over every query of tests/queries.tsv, each asked as the bot asks it (the first page
of a long list) and whole (as `odop-bot ask` does: the baseline) (targets, on the paged asks:
build <= 3 s, p99 <= 2 ms at 100x).

The cold start runs `odop-bot ask moradabad` as a new process on an already seeded database,
alternating with `python -c pass` so that both see the same machine load (target: <= 0.3 s).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.bootstrap import open_knowledge  # noqa: E402
from handlers.render import page  # noqa: E402
from knowledge import snapshot  # noqa: E402
from knowledge.catalog import Catalog  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from tests.test_engine_queries import load_rows  # noqa: E402

BUILD_TARGET_S = 3.0
P99_TARGET_MS = 2.0
COLD_TARGET_S = 0.3
_LATIN = ["".join(p) for p in itertools.product("bdklmnrstv", "aeiou", "lmnrs", "aeiou")]
_DEVANAGARI = ["".join(p) for p in itertools.product("कगजडतदनपबमरलवसह", "ािुेो", "नमरल")]


def suffix(k: int) -> tuple[str, str]:
    """The made-up Latin and Devanagari endings of copy k (copy 0 has none)."""
    return ("", "") if k == 0 else (_LATIN[k - 1], _DEVANAGARI[k - 1])


def scaled(catalog: Catalog, times: int) -> Catalog:
    """`catalog` with `times` renamed copies of everything that grows with more districts."""
    step = max(d.id for d in catalog.districts) + 1
    pstep = max(p.id for p in catalog.products) + 1
    districts, products, plans, offices = [], [], [], []
    committees = dict(catalog.committees)
    for k in range(times):
        latin, deva = suffix(k)
        ids = {d.id: d.id + k * step for d in catalog.districts}
        names = {}
        for d in catalog.districts:
            name = d.name + latin
            names[d.id] = name
            aliases = tuple((a + (latin if a.isascii() else deva), kind) for a, kind in d.aliases)
            districts.append(dataclasses.replace(
                d, id=ids[d.id], name=name, aliases=aliases,
                name_hi=d.name_hi + deva if d.name_hi else None,
                lgd_code=d.lgd_code + k * 10_000 if d.lgd_code is not None else None))
        for p in catalog.products:
            first, _, rest = p.name.partition(" ")
            products.append(dataclasses.replace(
                p, id=p.id + k * pstep, district_id=ids[p.district_id],
                district=names[p.district_id], name=f"{first}{latin} {rest}".strip()))
        for plan in catalog.plans:
            moved = ids.get(plan.district_id) if plan.district_id is not None else None
            plans.append(dataclasses.replace(plan, district_id=moved))
        for (kind, state_id, district_id), roles in catalog.committees.items():
            if district_id is not None and k:
                committees[(kind, state_id, ids[district_id])] = roles
        for ra in catalog.authorities:
            offices.append(dataclasses.replace(
                ra, id=ra.id + k * 1000, city=ra.city + latin,
                jurisdictions=tuple(j._replace(scope=j.scope + latin) for j in ra.jurisdictions)))
    return dataclasses.replace(
        catalog, districts=districts, products=products, plans=plans, committees=committees,
        authorities=offices,
    )


def _percentile(sorted_values: list[float], q: float) -> float:
    rank = max(1, round(q / 100 * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def _stats(wall: list[float], cpu: list[float]) -> dict[str, float]:
    wall, cpu = sorted(wall), sorted(cpu)
    return {"p50_ms": _percentile(wall, 50), "p99_ms": _percentile(wall, 99), "max_ms": wall[-1],
            "cpu_p50_ms": _percentile(cpu, 50), "cpu_p99_ms": _percentile(cpu, 99)}


def bench_engine(catalog: Catalog, queries: list[str], passes: int) -> dict[str, Any]:
    """Build and query times, wall clock and this process's CPU time.

    Each pass asks every question as the bot asks it (the first page of a long list,
    `render.page(0)`), then every question whole, as `odop-bot ask` and `--json` do (the
    baseline).
    On a shared machine the wall clock also counts time other processes held the CPU; the CPU
    time is what the engine itself costs, and what the targets are checked against.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    engine = Engine(catalog)
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    first = page(0)
    for q in queries:
        engine.ask(q, None, first)
        engine.ask(q)
    times: dict[str, tuple[list[float], list[float]]] = {"paged": ([], []), "full": ([], [])}
    slow: dict[str, list[float]] = {q: [] for q in queries}
    for _ in range(passes):
        # each kind a pass of its own: the garbage of a whole list (tens of thousands of
        # objects at 100x) would otherwise be collected during the next paged question
        for kind, asked in (("paged", first), ("full", None)):
            for q in queries:
                t, c = time.perf_counter_ns(), time.process_time_ns()
                engine.ask(q, None, asked)
                cpu = (time.process_time_ns() - c) / 1e6
                times[kind][1].append(cpu)
                times[kind][0].append((time.perf_counter_ns() - t) / 1e6)
                if kind == "paged":
                    slow[q].append(cpu)
    slowest = sorted(slow, key=lambda q: statistics.median(slow[q]), reverse=True)[:5]
    return {"build_s": build, "build_cpu_s": build_cpu,
            "paged": _stats(*times["paged"]), "full": _stats(*times["full"]),
            "slowest": [(q, statistics.median(slow[q])) for q in slowest]}


def bench_reload(catalog: Catalog, again: Catalog) -> dict[str, float]:
    """CPU seconds of a reload after a plan status changed (`again`: the same names, read
    anew, as new objects), beside a build from nothing: the new engine reuses the old one's
    matching index (median of 3)."""
    old = Engine(catalog)
    times: dict[str, list[float]] = {"reload": [], "build": []}
    for _ in range(3):
        for key, previous in (("reload", old), ("build", None)):
            c0 = time.process_time()
            Engine(again, previous=previous)
            times[key].append(time.process_time() - c0)
    return {k: statistics.median(v) for k, v in times.items()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_cold(data_home: str, runs: int) -> dict[str, float]:
    """Median wall and CPU time of `odop-bot ask moradabad` answering from the engine snapshot
    (the usual case), of the same with the snapshot deleted before each run (it reads the
    database and builds the engine, as every run did before snapshots), and of `python -c pass`.

    Our modules are compiled to bytecode first, as `pip install` does: with an editable install
    and PYTHONDONTWRITEBYTECODE (set on the development machine) every start would compile
    them from source instead, about 0.1 s more.
    """
    env = {**os.environ, "XDG_DATA_HOME": data_home}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "bot", "handlers", "knowledge"],
                   cwd=ROOT, check=True, capture_output=True)
    odop = [str(Path(sys.executable).with_name("odop-bot")), "ask", "moradabad"]
    bare = [sys.executable, "-c", "pass"]
    subprocess.run(odop, env=env, capture_output=True, check=True)  # seeds the database
    time.sleep(snapshot.SETTLED_SECONDS)  # a database written a moment ago is not snapshotted
    subprocess.run(odop, env=env, capture_output=True, check=True)  # saves the snapshot
    saved = snapshot.path_for(Path(data_home) / "odop-bot" / "odop.sqlite3")
    if not saved.exists():
        raise SystemExit("no engine snapshot was saved")
    kept = saved.read_bytes()
    times: dict[str, list[float]] = {k: [] for k in (
        "ask", "ask_cpu", "build", "build_cpu", "pass", "pass_cpu")}
    for _ in range(runs):
        for command, key in ((odop, "ask"), (odop, "build"), (bare, "pass")):
            if key == "build":
                saved.unlink()
            t0, c0 = time.perf_counter(), _children_cpu()
            subprocess.run(command, env=env, capture_output=True, check=True)
            times[key].append(time.perf_counter() - t0)
            times[f"{key}_cpu"].append(_children_cpu() - c0)
            saved.write_bytes(kept)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=100, help="copies of today's knowledge")
    ap.add_argument("--passes", type=int, default=5, help="passes over the query table")
    ap.add_argument("--cold", type=int, default=5, help="cold `odop-bot ask` runs (0: none)")
    args = ap.parse_args(argv)
    if not 1 <= args.times <= len(_LATIN) + 1:
        print(f"--times must be 1..{len(_LATIN) + 1}", file=sys.stderr)
        return 2
    queries = [r.query for r in load_rows()]
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = open_knowledge(f"sqlite:///{Path(tmp) / 'odop.sqlite3'}")
        base = knowledge.catalog
        knowledge.db.dispose()
        today = bench_engine(base, queries, args.passes)
        big = scaled(base, args.times)
        grown = bench_engine(big, queries, args.passes)
        print(f"catalog x1: {len(base.districts)} districts, {len(base.products)} products; "
              f"x{args.times}: {len(big.districts)} districts, {len(big.products)} products")
        print(f"{'':12}{'build s':>9}{'cpu s':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
              f"{'cpu p50':>9}{'cpu p99':>9}")
        for label, r in (("x1", today), (f"x{args.times}", grown)):
            for kind in ("paged", "full"):
                q = r[kind]
                build = (f"{r['build_s']:9.2f}{r['build_cpu_s']:8.2f}" if kind == "paged"
                         else f"{'':17}")
                print(f"{label + ' ' + kind:12}{build}{q['p50_ms']:9.3f}{q['p99_ms']:9.3f}"
                      f"{q['max_ms']:9.2f}{q['cpu_p50_ms']:9.3f}{q['cpu_p99_ms']:9.3f}")
        r = bench_reload(big, scaled(base, args.times))
        print(f"reload at x{args.times} after a status change (CPU, median of 3): "
              f"{r['reload']:.2f} s, beside {r['build']:.2f} s built from nothing "
              f"({r['build'] / r['reload']:.1f}x)")
        print(f"slowest at x{args.times}, paged (median CPU ms): " + "; ".join(
            f"{q!r} {ms:.2f}" for q, ms in grown["slowest"]))
        print(f"targets at x{args.times} (CPU time, paged as the bot asks): build <= "
              f"{BUILD_TARGET_S} s "
              + ("met" if grown["build_cpu_s"] <= BUILD_TARGET_S else "NOT met")
              + f", p99 <= {P99_TARGET_MS} ms "
              + ("met" if grown["paged"]["cpu_p99_ms"] <= P99_TARGET_MS else "NOT met"))
        if args.cold:
            c = bench_cold(str(Path(tmp) / "data"), args.cold)
            print(f"cold `odop-bot ask moradabad` (median of {args.cold}, CPU; wall in brackets):"
                  f" from the snapshot {c['ask_cpu']:.3f} s ({c['ask']:.3f});"
                  f" without it {c['build_cpu']:.3f} s ({c['build']:.3f});"
                  f" `python -c pass` {c['pass_cpu']:.3f} s ({c['pass']:.3f})")
            print(f"  ratios: snapshot / pass {c['ask_cpu'] / c['pass_cpu']:.1f}x, without / "
                  f"with snapshot {c['build_cpu'] / c['ask_cpu']:.1f}x; target <= "
                  f"{COLD_TARGET_S} s CPU: "
                  + ("met" if c["ask_cpu"] <= COLD_TARGET_S else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
