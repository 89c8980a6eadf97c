"""Bytes that are not UTF-8 reach the CLI; every output line is still UTF-8 JSON (issue 7 item 5).

Real processes with the encodings and locales a shell may hand over.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db_url(seeded_sqlite_template: Path) -> str:
    return f"sqlite:///{seeded_sqlite_template}"


def odop(db_url: str, args: list[bytes], stdin: bytes = b"",
         **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    for name in ("ODOP_DATABASE_URL", "PYTHONIOENCODING", "PYTHONUTF8"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run([sys.executable.encode(), b"-m", b"bot.cli", b"--db",
                           db_url.encode(), *args], input=stdin, capture_output=True,
                          env=full, timeout=300)


def json_lines(out: bytes) -> list[dict[str, object]]:
    return [json.loads(line.decode("utf-8")) for line in out.splitlines()]


ENVIRONMENTS = [
    {"PYTHONIOENCODING": "utf-8:strict"},
    {"LC_ALL": "C.UTF-8"},
    {"LC_ALL": "C", "PYTHONUTF8": "0"},
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1:surrogateescape"},
]


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(e.values()))
def test_stdin_bytes_that_are_not_utf8_are_read_with_replacement(
    db_url: str, env: dict[str, str]
) -> None:
    stdin = b"agra\n\xff\nkanpur\xe9 dehat\r\n" + "मुरादाबाद\n".encode()
    done = odop(db_url, [b"ask", b"--json", b"-"], stdin=stdin, **env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    answers = json_lines(done.stdout)
    assert [a["query"] for a in answers] == ["agra", "\ufffd", "kanpur\ufffd dehat",
                                             "मुरादाबाद"]
    assert answers[0]["districts"][0]["name"] == "Agra"
    assert answers[3]["districts"][0]["name"] == "Moradabad"


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(e.values()))
def test_an_argument_that_is_not_utf8_is_read_with_replacement(
    db_url: str, env: dict[str, str]
) -> None:
    done = odop(db_url, [b"ask", b"--json", b"agra\xff"], **env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    [answer] = json_lines(done.stdout)
    assert answer["query"] == "agra\ufffd"


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: ",".join(e.values()))
def test_plain_text_output_is_utf8_too(db_url: str, env: dict[str, str]) -> None:
    done = odop(db_url, [b"ask", "मुरादाबाद".encode(), b"--lang", b"hi"], **env)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8")  # a Hindi reply in UTF-8, whatever the locale says
    assert "मुरादाबाद" in out
