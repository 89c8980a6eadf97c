"""`odop-bot broadcast` and `odop-bot subscribers` as a script uses them: one line on bad
input, nothing queued; ids and figures on success."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from knowledge.db import session_factory
from knowledge.delivery.models import Broadcast

ODOP = str(Path(sys.executable).with_name("odop-bot"))


def run(engine: Engine, *args: str, stdin: str = "", **env: str
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ODOP, "--db", str(engine.url), *args], capture_output=True,
                          text=True, input=stdin, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "1:x", **env})


def broadcasts(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(Broadcast)) or 0


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    files = {
        "ok": "Export fair in Agra on 5 March.",
        "empty": "  \n",
        "long": "x" * 5000,
    }
    out = {k: tmp_path / f"{k}.txt" for k in files}
    for k, body in files.items():
        out[k].write_text(body, encoding="utf-8")
    out["latin1"] = tmp_path / "latin1.txt"
    out["latin1"].write_bytes("Agra fête".encode("latin-1"))
    out["csv"] = tmp_path / "subs.csv"
    out["csv"].write_text("chat_id,lang\n11,hi\n12,en\n-1003,\n", encoding="utf-8")
    return out


def test_bad_input_is_one_line_and_queues_nothing(sqlite_engine: Engine, texts) -> None:
    cases = [
        (["--audience", "planet:Mars", "--text-file", str(texts["ok"])], "audience must be"),
        (["--audience", "state:Atlantis", "--text-file", str(texts["ok"])], "no State"),
        (["--audience", "district:Aurangabad", "--text-file", str(texts["ok"])], "say which"),
        (["--audience", "all", "--text-file", str(texts["empty"])], "is empty"),
        (["--audience", "all", "--text-file", str(texts["latin1"])], "not UTF-8"),
        (["--audience", "all", "--text-file", str(texts["long"])], "too long"),
        (["--audience", "all", "--text-file", "/nonexistent"], "cannot read"),
        (["--audience", "all", "--text-file", str(texts["ok"]), "--at", "soon"], "ISO"),
    ]
    for args, expected in cases:
        result = run(sqlite_engine, "broadcast", *args, "--yes")
        assert result.returncode == 2, (args, result.stderr)
        assert expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert broadcasts(sqlite_engine) == 0


def test_import_queue_show_pause_and_export(sqlite_engine: Engine, texts) -> None:
    imported = run(sqlite_engine, "subscribers", "import", str(texts["csv"]))
    assert imported.returncode == 0, imported.stderr
    assert "3 new" in imported.stdout
    unconfirmed = run(sqlite_engine, "broadcast", "--audience", "all", "--text-file",
                      str(texts["ok"]))
    assert unconfirmed.returncode == 1
    assert "3 subscribers" in unconfirmed.stdout
    assert broadcasts(sqlite_engine) == 0
    queued = run(sqlite_engine, "broadcast", "--audience", "all", "--text-file",
                 str(texts["ok"]), "--yes")
    assert queued.returncode == 0, queued.stderr
    assert queued.stdout.startswith("broadcast 1 queued for 3 subscribers")
    shown = run(sqlite_engine, "broadcast", "show", "1")
    assert "pending 3" in shown.stdout
    assert run(sqlite_engine, "broadcast", "pause", "1").stdout.strip() == "broadcast 1: paused"
    assert "paused" in run(sqlite_engine, "broadcast", "list").stdout
    missing = run(sqlite_engine, "broadcast", "show", "99")
    assert missing.returncode == 2
    assert "no broadcast 99" in missing.stderr
    exported = run(sqlite_engine, "subscribers", "export").stdout.splitlines()
    assert exported[0] == "chat_id,kind,active,lang,follows"
    assert exported[1:] == ["11,private,True,hi,all:", "12,private,True,en,all:",
                            "-1003,group,True,en,all:"]


def test_the_preview_shows_a_paid_broadcast_cost(sqlite_engine: Engine, texts) -> None:
    assert run(sqlite_engine, "subscribers", "import", str(texts["csv"])).returncode == 0
    free = run(sqlite_engine, "broadcast", "--audience", "all", "--text-file", str(texts["ok"]))
    assert "Stars" not in free.stdout
    paid = run(sqlite_engine, "broadcast", "--audience", "all", "--text-file", str(texts["ok"]),
               ODOP_ALLOW_PAID_BROADCAST="true", ODOP_BROADCAST_RATE="1000")
    assert paid.returncode == 1  # not confirmed: nothing queued
    assert "Paid broadcast is on: up to 0.3 Telegram Stars" in paid.stdout
    assert "at 1000 messages/s" in paid.stdout
    assert broadcasts(sqlite_engine) == 0
