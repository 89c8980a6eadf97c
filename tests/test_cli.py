"""The `odop-bot` command line, run in-process and as a real subprocess."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
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


class _Typing(io.StringIO):
    """What a person types into `odop-bot chat`, with `between` run before the second line is
    read (another process changing the knowledge meanwhile)."""

    def __init__(self, text: str, between: Callable[[], None]) -> None:
        super().__init__(text)
        self._between, self._lines = between, 0

    def readline(self, size: int | None = -1) -> str:
        self._lines += 1
        if self._lines == 2:
            self._between()
        return super().readline(size)


def _chat_follows(url: str, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    def set_status() -> None:
        env = {**os.environ, "ODOP_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "bot.cli", "kb", "set-status", "Agra", "notified", "--date",
             "2025-07-20", "--source", "DEPC notification 7/2025", "--by", "ops"],
            capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr

    question = "agra export plan status\n"
    monkeypatch.setattr(sys, "stdin", _Typing(question * 3 + "\n", set_status))
    assert main(["--db", url, "chat"]) == 0
    answers = capsys.readouterr().out.split("you> ")[1:4]
    assert "DEPC notification 7/2025" not in answers[0]
    assert answers[1].startswith("(the knowledge base changed since the last answer")
    assert "DEPC notification 7/2025" in answers[1]
    assert "notified" in answers[1]
    assert "changed since" not in answers[2]  # said once, when it changed
    assert "DEPC notification 7/2025" in answers[2]


def test_chat_follows_a_status_set_by_another_process(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An officer's `kb set-status` in another terminal shows in an open chat's next answer
    (a SQLite file, answered from its snapshot)."""
    path = tmp_path / "odop.sqlite3"
    shutil.copyfile(db_url.removeprefix("sqlite:///"), path)
    _chat_follows(f"sqlite:///{path}", capsys, monkeypatch)


def test_chat_follows_a_status_set_by_another_process_on_postgres(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same with PostgreSQL, read directly: by its knowledge version."""
    from tests.conftest import postgres_schema, schema_url

    schema = f"odop_chat_{uuid.uuid4().hex[:12]}"
    with postgres_schema(pg_url, schema):
        url = schema_url(pg_url, schema)
        assert main(["--db", url, "kb", "stats"]) == 0  # seeds on first use
        capsys.readouterr()
        _chat_follows(url, capsys, monkeypatch)
