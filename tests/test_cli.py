"""The `odop-bot` command line, run in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from knowledge.answer import INTENTS

KEYS = {"query", "intent", "clarify", "districts", "states", "products", "contacts", "facts",
        "sources", "text"}
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'odop.sqlite3'}"
    assert main(["--db", url, "kb", "stats"]) == 0  # seeds on first use
    return url


def test_ask_prints_a_readable_sourced_answer(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "ask", "moradabad ka odop kya hai"]) == 0
    out = capsys.readouterr().out
    assert "Moradabad (Uttar Pradesh)" in out
    assert "Moradabad Metal Craft" in out
    assert "Source: " in out
    assert "2025-07-07" in out


def test_ask_json_has_every_key(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "ask", "--json", "Aurangabad"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == KEYS
    assert data["intent"] in INTENTS
    assert [c["district"]["state"] for c in data["clarify"]] == ["Bihar", "Maharashtra"]
    assert data["clarify"][0]["district"] == {"name": "Aurangabad", "state": "Bihar",
                                              "lgd_code": 189}
    assert data["districts"] == []
    assert data["products"] == []
    assert "Which one" in data["text"]


def test_ask_json_product_shape(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", db_url, "ask", "--json", "makhana"])
    data = json.loads(capsys.readouterr().out)
    assert data["intent"] == "product_districts"
    assert set(data["products"][0]) == {"name", "district", "state", "gi", "sector", "category"}
    assert "Darbhanga" in {p["district"] for p in data["products"]}


def test_ask_json_lines_from_stdin_in_order(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = ["moradabad", "xyzzy plugh", "haldi kahan hoti hai", "", "बिहार"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    assert main(["--db", db_url, "ask", "--json", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(questions)
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == questions
    assert [r["intent"] for r in rows] == [
        "district_products", "unknown", "product_districts", "unknown", "state_overview"]
    assert all(set(r) == KEYS for r in rows)


def test_hindi_reply(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", db_url, "ask", "--lang", "hi", "varanasi"])
    assert "वाराणसी (Varanasi), उत्तर प्रदेश (Uttar Pradesh) — ODOP उत्पाद" in capsys.readouterr().out


def test_unknown_question_is_not_an_error(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "ask", "what is the capital of france"]) == 0
    assert "don't know" in capsys.readouterr().out


def test_kb_stats_and_check(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "kb", "stats"]) == 0
    out = capsys.readouterr().out
    assert "products" in out
    assert "1241" in out
    assert main(["--db", db_url, "kb", "check"]) == 0
    assert "Mewat" in capsys.readouterr().out


def test_missing_import_file_is_one_line_and_non_zero(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--db", db_url, "kb", "import", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nope.csv" in err


def test_unreachable_database_is_one_line_and_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", "postgresql://postgres@127.0.0.1:1/none", "ask", "moradabad"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("odop-bot: cannot open the knowledge base")
    assert err.count("\n") == 1


def test_chat_answers_and_clarifies(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("hamirpur\n2\nbhadohi\n\n"))
    assert main(["--db", db_url, "chat"]) == 0
    out = capsys.readouterr().out
    assert "1. Hamirpur (Himachal Pradesh)" in out
    assert "Hamirpur (Uttar Pradesh) — ODOP products" in out
    assert "Handmade carpet of Bhadohi" in out


def test_console_script_reads_stdin_as_json_lines(db_url: str) -> None:
    env = {**os.environ, "ODOP_DATABASE_URL": db_url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "-"],
        input="gurgaon\nallahabad\n", capture_output=True, text=True, env=env, check=True,
        timeout=120,
    )
    names = [json.loads(line)["districts"][0]["name"] for line in done.stdout.splitlines()]
    assert names == ["Gurugram", "Prayagraj"]


def test_console_script_without_a_question_fails_with_usage() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "ask"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_refused_import_names_every_bad_line_and_changes_nothing(
    db_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    original = ROOT / "knowledge" / "data" / "odop_products_v31.csv"
    broken = tmp_path / "broken.csv"
    lines = original.read_bytes().split(b"\r\n")
    lines[1] = lines[1].replace(b",Nicobars,", b",Atlantis,")
    lines[3] = lines[3].replace(b"South Andamans", b"Lemuria")
    broken.write_bytes(b"\r\n".join(lines))
    main(["--db", db_url, "kb", "stats"])
    before = capsys.readouterr().out
    assert main(["--db", db_url, "kb", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("odop-bot: import refused, nothing changed: line 2:")
    assert "Atlantis" in err
    assert "Lemuria" in err
    main(["--db", db_url, "kb", "stats"])
    assert capsys.readouterr().out == before


def test_reimporting_the_shipped_list_changes_nothing(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    original = ROOT / "knowledge" / "data" / "odop_products_v31.csv"
    assert main(["--db", db_url, "kb", "import", "--dry-run", str(original)]) == 0
    out = capsys.readouterr().out
    assert "1241" in out.replace(",", "")
