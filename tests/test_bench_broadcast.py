"""benchmarks/bench_broadcast.py still runs, with tiny numbers (its figures are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_broadcast_runs_with_tiny_numbers() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_broadcast.py", "--subscribers", "20", "--rate",
         "200", "--memory-sizes", "100", "--fanout", "100"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line.split(":")[0] for line in done.stdout.splitlines()][:3] == [
        "rate", "memory", "fanout sqlite"]
