"""The benchmark scripts still run: each once with tiny numbers (figures are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_bench_bot_runs_our_bot_beside_the_echo_bots() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_bot.py", "--bots", "echo,echo-aiohttp,odop",
         "--updates", "30", "--rounds", "1", "--warmup", "5", "--users", "10", "--no-json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[2:5]] == ["echo", "echo-aiohttp", "odop"]
    assert any(line.startswith("ratio odop/echo: ") for line in lines)
    assert any(line.startswith("ratio odop/echo-aiohttp: ") for line in lines)


def test_bench_bot_refuses_an_unknown_bot() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_bot.py", "--bots", "echo,nonesuch", "--no-json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2
    assert "unknown bots: nonesuch" in done.stderr


def test_bench_webhook_runs_with_tiny_numbers() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_webhook.py", "--posts", "2", "--mb", "2",
         "--idle", "10", "--idle-timeout", "0.5"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 POSTs of 2 MB without the secret: answers ['403']" in done.stdout
    assert "10 silent connections: 0 still open after 2 s" in done.stdout


def test_bench_worst_times_hostile_inputs_beside_a_normal_question() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_worst.py", "--reps", "1", "--only", "amp,emoji"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("normal question")
    assert [line.split()[0] for line in lines[2:4]] == ["amp", "emoji"]
    assert lines[-1].startswith("worst: ")


def test_bench_scale_builds_a_grown_catalog_and_times_it() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_scale.py", "--times", "2", "--passes", "1",
         "--cold", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("catalog x1: ")
    assert "x2: " in lines[0]
    # the path the bot uses (the first page of a long list) beside the whole list
    assert [line.split()[:2] for line in lines[2:6]] == [
        ["x1", "paged"], ["x1", "full"], ["x2", "paged"], ["x2", "full"]]
    assert lines[-1].startswith("targets at x2 (CPU time, paged as the bot asks): ")
    assert any(line.startswith("reload at x2 after a status change") for line in lines)


def test_bench_first_use_runs_with_tiny_numbers() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_first_use.py", "--processes", "2", "--tries", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("sqlite 2 processes: all answered in 1/1 tries")


def test_bench_capacity_runs_with_tiny_numbers() -> None:
    url = os.environ.get("ODOP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("ODOP_TEST_POSTGRES_URL not set: bench_capacity needs PostgreSQL")
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_capacity.py", "--postgres", url,
         "--updates", "20", "--deliveries", "20"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[1].startswith("updates/s, 1 replica: ")
    assert " = " in lines[2]
    assert lines[2].endswith("x one")
    assert lines[4].startswith("deliveries/s, 2 workers: ")
    assert lines[5].startswith("memory: replica ")
