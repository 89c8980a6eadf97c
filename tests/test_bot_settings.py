"""Settings from the environment and .env, the secret token, and `odop-bot run` end to end."""
# ruff: noqa: F811  (pytest fixtures imported from tests.bot_fixtures are test arguments)

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import shutil
import signal
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from bot import runner
from bot.cli import main as cli_main
from bot.redact import RedactingFormatter
from bot.settings import MissingTokenError, Settings
from tests.bot_fixtures import api  # noqa: F401 (fixture)
from tests.botapi import TOKEN, BotApiServer, User

ROOT = Path(__file__).resolve().parent.parent
VARIABLES = [
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_API_FILE_URL", "ODOP_DATABASE_URL",
    "ODOP_ADMIN_IDS", "ODOP_OFFICER_IDS", "ODOP_WEBHOOK", "ODOP_WEBHOOK_URL",
    "ODOP_WEBHOOK_LISTEN", "ODOP_WEBHOOK_PORT", "ODOP_WEBHOOK_PATH", "ODOP_WEBHOOK_SECRET",
    "ODOP_WEBHOOK_MAX_BODY", "ODOP_WEBHOOK_IDLE_TIMEOUT", "ODOP_WEBHOOK_BODY_TIMEOUT",
    "ODOP_CONCURRENT_UPDATES",
    "ODOP_HTTP_CONNECTIONS", "ODOP_POOL_TIMEOUT", "ODOP_HTTP_BACKEND",
    "ODOP_HEALTH_PORT", "ODOP_HEALTH_LISTEN",
    "ODOP_FLOOD_BURST", "ODOP_FLOOD_RATE", "ODOP_RATE_LIMIT_OVERALL", "ODOP_RATE_LIMIT_RETRIES",
    "ODOP_WORKER", "ODOP_BROADCAST_RATE", "ODOP_QUIET_HOURS", "ODOP_WORKER_CONCURRENCY",
    "ODOP_WORKER_LEASE", "ODOP_ALLOW_PAID_BROADCAST", "ODOP_KNOWLEDGE_POLL", "ODOP_LOG_LEVEL",
    "ODOP_LOG_FORMAT", "ODOP_DRAIN_TIMEOUT",
]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No bot variables in the environment, and a working directory without a .env."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_env_example_lists_every_setting() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = {
        line.split("=")[0] for line in example.splitlines() if re.match(r"[A-Z_]+=", line)
    }
    # docker-compose.yml's own, not the bot's (tests/test_deploy.py checks where it is used)
    deploy_only = {"POSTGRES_PASSWORD"}
    assert listed == {name.upper() for name in Settings.model_fields} | deploy_only
    assert set(VARIABLES) == listed - deploy_only


def test_settings_come_from_the_environment(clean_env, monkeypatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("ODOP_ADMIN_IDS", "1, 2 5000000000")
    monkeypatch.setenv("ODOP_WEBHOOK_PATH", "hook/")
    settings = Settings()
    assert settings.token() == TOKEN
    assert settings.telegram_api_base_url == "http://127.0.0.1:9/bot"
    assert settings.odop_admin_ids == {1, 2, 5_000_000_000}
    assert settings.odop_webhook_path == "/hook"
    assert settings.telegram_api_file_url == "https://api.telegram.org/file/bot"


def test_dot_env_is_read(clean_env) -> None:
    (clean_env / ".env").write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nODOP_WEBHOOK=true\n")
    settings = Settings()
    assert settings.token() == TOKEN
    assert settings.odop_webhook is True


def test_the_example_file_works_as_a_dot_env(clean_env) -> None:
    # The README says: copy .env.example to .env and set the token. Its empty values mean
    # "not set", and everything else is the default.
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    token_line = f"TELEGRAM_BOT_TOKEN={TOKEN}"
    (clean_env / ".env").write_text(example.replace("TELEGRAM_BOT_TOKEN=", token_line, 1))
    settings = Settings()
    assert settings.token() == TOKEN
    assert settings.odop_health_port is None
    assert settings.odop_webhook_url is None
    assert settings.odop_http_backend == "aiohttp"


def test_the_token_is_a_secret(clean_env, monkeypatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    settings = Settings()
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        assert TOKEN not in shown


def test_a_missing_token_is_one_clear_line(clean_env, capsys) -> None:
    with pytest.raises(MissingTokenError):
        Settings().token()
    assert runner.run() == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "TELEGRAM_BOT_TOKEN is not set" in err
    assert "Traceback" not in err
    assert cli_main(["run"]) == 2


def test_a_bad_setting_is_one_clear_line(clean_env, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ODOP_ADMIN_IDS", "alice")
    assert runner.run() == 2
    err = capsys.readouterr().err
    assert err.startswith("odop-bot: bad setting ODOP_ADMIN_IDS")
    assert err.count("\n") == 1


def test_webhook_mode_needs_a_public_url(clean_env, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    assert runner.run(webhook=True) == 2
    assert "ODOP_WEBHOOK_URL" in capsys.readouterr().err


def test_the_token_is_redacted_from_log_lines_and_tracebacks() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(RedactingFormatter([TOKEN]))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    url = f"https://api.telegram.org/bot{TOKEN}/getMe"
    try:
        logger.warning("POST %s failed", url)
        try:
            raise RuntimeError(f"cannot reach {url} (%2F: {quote(TOKEN, safe='')})")
        except RuntimeError:
            logger.exception("while calling %s", "getMe", stack_info=True)
        logger.error("another bot's token: 987654321:%s", "A" * 35)
    finally:
        logger.removeHandler(handler)
    text = out.getvalue()
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    assert "bot<token>/getMe" in text
    assert "RuntimeError: cannot reach https://api.telegram.org/bot<token>/getMe" in text
    assert "A" * 35 not in text


async def test_odop_bot_run_polls_answers_and_stops_on_sigterm(
    api: BotApiServer, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    """The real command in a real process, against the fake Bot API."""
    database = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, database)
    env = {
        **{k: v for k, v in os.environ.items() if k not in VARIABLES},
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.base_file_url,
        "ODOP_DATABASE_URL": f"sqlite:///{database}",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        reply = await api.reply_to(User(801), "moradabad")
        assert "Moradabad Metal Craft" in reply.text
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    log = err.decode() + out.decode()
    assert "running (polling)" in log
    assert TOKEN not in log


async def test_a_token_telegram_refuses_is_one_clear_line(
    api: BotApiServer, seeded_sqlite_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "odop.sqlite3"
    shutil.copyfile(seeded_sqlite_template, database)
    wrong = "999:not-the-token"
    env = {
        **{k: v for k, v in os.environ.items() if k not in VARIABLES},
        "TELEGRAM_BOT_TOKEN": wrong,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "ODOP_DATABASE_URL": f"sqlite:///{database}",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert lines[-1] == "odop-bot: Telegram refused TELEGRAM_BOT_TOKEN (check it with @BotFather)"
    assert "Traceback" not in err.decode()
    assert wrong not in err.decode() + out.decode()
