"""The README stays true: every command is documented and the test command is the CI's."""

from __future__ import annotations

import re
from pathlib import Path

from handlers.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_bot_command_is_in_the_readme() -> None:
    documented = set(re.findall(r"`/([a-z_]+)", README))
    assert {c.name for c in COMMANDS} <= documented


def test_every_cli_command_is_in_the_readme() -> None:
    for command in ("ask", "chat", "kb import", "kb check", "kb stats", "kb set-status",
                    "kb import-status", "kb history", "run", "worker", "broadcast --audience",
                    "broadcast list", "subscribers import", "subscribers export", "db upgrade",
                    "db current"):
        assert f"odop-bot {command}" in README


def test_ci_runs_the_readme_test_command() -> None:
    command = re.search(r"\.venv/bin/python -m pytest -q", README)
    assert command is not None
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '-m pytest -q' in ci
    assert "ODOP_TEST_POSTGRES_URL" in ci
