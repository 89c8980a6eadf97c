"""docker-compose.yml, deploy/Caddyfile and the Dockerfile, kept honest without Docker.

Docker cannot run here, so these tests read the files and run what they say: the same
commands, with the environment compose would give each service (the `.env` from
`.env.example`, then the service's `environment:`), as processes on one host against
PostgreSQL, and the same health checks. What one host forces to differ from compose's
network is listed in HOST_ONLY and nothing else is changed: the database's host name, and
the ports and addresses each process listens on. Caddy (Debian's `caddy`) and
`docker-compose config` (Debian's `docker-compose`) are used when installed, skipped with the
reason otherwise.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import yaml
from sqlalchemy import text

from bot.settings import Settings
from knowledge.db import connect
from tests.bot_process import free_port
from tests.botapi import TOKEN, BotApiServer, User

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "bot1", "bot2", "worker")  # the odop-bot image
REPLICAS = ("bot1", "bot2")
SETTINGS = {name.upper() for name in Settings.model_fields}
# Compose's own variables (interpolated into the file, not read by the bot).
DEPLOY_ONLY = {"POSTGRES_PASSWORD"}
# Settings the bot needs to serve a webhook behind the proxy: compose must refuse to start
# without them (`${VAR:?...}`), as it cannot work otherwise.
REQUIRED = {"TELEGRAM_BOT_TOKEN", "ODOP_WEBHOOK_URL", "ODOP_WEBHOOK_SECRET"}
# What running the services side by side on one host changes from compose's network.
HOST_ONLY = {"ODOP_DATABASE_URL", "ODOP_WEBHOOK_PORT", "ODOP_WEBHOOK_LISTEN", "ODOP_HEALTH_PORT"}
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?:(:\?|:-)([^}]*))?\}")


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"[A-Z_][A-Z0-9_]*=", line):
            name, value = line.split("=", 1)
            values[name] = value
    return values


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?error}` against `env` (the .env)."""

    def one(match: re.Match[str]) -> str:
        name, kind, arg = match.groups()
        found = env.get(name, "")
        if kind == ":?" and not found:
            raise LookupError(f"{name}: {arg}")
        if kind == ":-" and not found:
            return arg
        return found

    return VARIABLE.sub(one, value)


def service_env(service: str, dot_env: dict[str, str]) -> dict[str, str]:
    """The environment compose gives `service`: env_file, then its `environment:`."""
    spec = SERVICES[service]
    env = dict(dot_env) if spec.get("env_file") == ".env" else {}
    env |= {k: interpolate(str(v), dot_env) for k, v in (spec.get("environment") or {}).items()}
    return env


def healthcheck_url(test: list[str]) -> str:
    found = re.search(r"https?://[^'\"\s]+", " ".join(test))
    assert found, test
    return found.group(0)


def dockerfile_instruction(name: str) -> str:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    found = [line for line in lines if line.startswith(name + " ")]
    assert len(found) == 1, (name, found)
    return found[0][len(name) + 1 :].strip()


# --- the files themselves ------------------------------------------------------------------


def test_compose_has_the_layout_the_issue_asks_for() -> None:
    assert set(SERVICES) == {"postgres", "migrate", "bot1", "bot2", "worker", "proxy"}
    pg = SERVICES["postgres"]
    volume = pg["volumes"][0].split(":")
    assert volume[1] == "/var/lib/postgresql/data"
    assert volume[0] in COMPOSE["volumes"]  # a named volume: the data outlives the container
    assert SERVICES["migrate"]["command"] == ["odop-bot", "db", "upgrade"]
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in REPLICAS:
        assert SERVICES[name]["command"] == ["odop-bot", "run", "--webhook"]
    assert SERVICES["worker"]["command"] == ["odop-bot", "worker"]
    for name in ("postgres", *REPLICAS, "worker", "proxy"):
        assert SERVICES[name]["restart"] == "unless-stopped", name
        assert SERVICES[name]["healthcheck"]["test"][0] == "CMD", name
    drain = Settings.model_fields["odop_drain_timeout"].default
    for name in (*REPLICAS, "worker"):  # a stop waits for the drain
        assert int(SERVICES[name]["stop_grace_period"].removesuffix("s")) > drain, name
    for name in (*REPLICAS, "worker"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        ), name
    # The proxy routes to both replicas, on the port they listen on.
    replicas = SERVICES["proxy"]["environment"]["ODOP_REPLICAS"].split()
    port = SERVICES["bot1"]["environment"]["ODOP_WEBHOOK_PORT"]
    assert replicas == [f"{name}:{port}" for name in REPLICAS]


def test_every_variable_is_a_setting_and_the_required_ones_are_required() -> None:
    example = read_env_file(ROOT / ".env.example")
    assert set(example) == SETTINGS | DEPLOY_ONLY  # and tests/test_bot_settings.py: vice versa
    for name in APP_SERVICES:
        unknown = set(SERVICES[name].get("environment") or {}) - SETTINGS
        assert not unknown, f"{name} sets variables that are no setting: {unknown}"
    raw = "\n".join(
        line
        for line in (ROOT / "docker-compose.yml").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    )
    interpolated = {m.group(1) for m in VARIABLE.finditer(raw)}
    assert interpolated <= SETTINGS | DEPLOY_ONLY
    assert interpolated >= DEPLOY_ONLY  # each is used, or it has no business in .env.example
    for name in REPLICAS:
        env = SERVICES[name]["environment"]
        for variable in REQUIRED:
            assert ":?" in str(env.get(variable, "")), f"{name} does not require {variable}"
    # Caddy reads exactly what the proxy service passes it.
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    code = "\n".join(line for line in caddyfile.splitlines() if not line.startswith("#"))
    assert set(re.findall(r"\{\$([A-Z_]+)", code)) == set(SERVICES["proxy"]["environment"])


def test_the_dockerfile_and_compose_agree() -> None:
    assert json.loads(dockerfile_instruction("CMD")) == ["odop-bot", "run"]
    assert re.fullmatch(r"\d+|[a-z][a-z0-9_-]*", dockerfile_instruction("USER"))
    assert dockerfile_instruction("USER") not in ("root", "0")
    check = dockerfile_instruction("HEALTHCHECK")
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    compose_check = COMPOSE["x-health"]["test"]
    assert compose_check == ["CMD", *command]
    for name in (*REPLICAS, "worker"):
        assert SERVICES[name]["healthcheck"]["test"] == compose_check
    # The check asks the health port the image and compose set.
    port = healthcheck_url(command).split(":")[2].split("/")[0]
    assert f"ODOP_HEALTH_PORT={port}" in dockerfile_instruction("ENV").split()
    for name in (*REPLICAS, "worker"):
        assert SERVICES[name]["environment"]["ODOP_HEALTH_PORT"] == port
    exposed = dockerfile_instruction("EXPOSE").split()
    assert SERVICES["bot1"]["environment"]["ODOP_WEBHOOK_PORT"] in exposed
    assert port in exposed


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed (Debian: apt-get install docker-compose)")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    (tmp_path / "deploy").mkdir()
    shutil.copy(ROOT / "deploy" / "Caddyfile", tmp_path / "deploy")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    (tmp_path / ".env").write_text(example)
    refused = subprocess.run(
        ["docker-compose", "config", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in refused.stderr
    (tmp_path / ".env").write_text(
        example.replace("TELEGRAM_BOT_TOKEN=\n", f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
        .replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=pw0123\n")
        .replace("ODOP_WEBHOOK_URL=\n", "ODOP_WEBHOOK_URL=https://bot.example.org\n")
        .replace("ODOP_WEBHOOK_SECRET=\n", "ODOP_WEBHOOK_SECRET=s3cret-0123\n")
    )
    done = subprocess.run(
        ["docker-compose", "config"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    resolved = yaml.safe_load(done.stdout)["services"]
    for name in REPLICAS:
        env = resolved[name]["environment"]
        assert env["ODOP_DATABASE_URL"] == "postgresql://odop:pw0123@postgres:5432/odop"
        assert env["ODOP_WEBHOOK_SECRET"] == "s3cret-0123"
        assert env["ODOP_WORKER"] == "false"
        assert env["ODOP_WEBHOOK"] == "true"


# --- the services, run as processes --------------------------------------------------------


def odop_bot(command: list[str]) -> list[str]:
    """The image's `odop-bot` is this environment's console script."""
    assert command[0] == "odop-bot"
    script = Path(sys.executable).parent / "odop-bot"
    return [str(script), *command[1:]]


def health_command(test: list[str], old: str, new: str) -> list[str]:
    """A compose health check (`CMD`, ...) run here: its URL's host:port replaced."""
    assert test[0] == "CMD"
    command = [part.replace(old, new) for part in test[1:]]
    if command[0] == "python":
        command[0] = sys.executable
    return command


async def healthy(command: list[str], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while True:
        done = await asyncio.to_thread(
            subprocess.run, command, capture_output=True, timeout=10, check=False
        )
        if done.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{command} still failing: {done.stderr[-800:]!r}")
        await asyncio.sleep(0.5)


@asynccontextmanager
async def started(
    command: list[str], env: dict[str, str], cwd: Path, log: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            *command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


@pytest.fixture
def pg_schema_url(pg_url: str) -> Any:
    schema = f"odop_deploy_{uuid.uuid4().hex[:12]}"
    admin = connect(pg_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in pg_url else "?"
    try:
        yield f"{pg_url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.postgres
async def test_the_compose_services_run_as_processes(pg_schema_url: str, tmp_path: Path) -> None:
    caddy = shutil.which("caddy")
    proxy_port = free_port()
    secret = "deploy-test-secret_0123456789"
    async with BotApiServer() as api:
        # The operator's .env: .env.example with the required values filled in (and DEBUG,
        # which names each request in the log: how the test tells the replicas apart).
        dot_env = read_env_file(ROOT / ".env.example") | {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_FILE_URL": api.base_file_url,
            "POSTGRES_PASSWORD": "pw0123",
            "ODOP_WEBHOOK_URL": f"http://127.0.0.1:{proxy_port}",
            "ODOP_WEBHOOK_SECRET": secret,
            "ODOP_LOG_LEVEL": "DEBUG",
        }
        base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ODOP_"))}
        envs: dict[str, dict[str, str]] = {}
        ports: dict[str, dict[str, int]] = {}
        for name in APP_SERVICES:
            env = service_env(name, dot_env)
            assert env["ODOP_DATABASE_URL"].startswith("postgresql://odop:pw0123@postgres:")
            local = {"ODOP_DATABASE_URL": pg_schema_url}
            ports[name] = {}
            for var in ("ODOP_WEBHOOK_PORT", "ODOP_HEALTH_PORT"):
                if var in (SERVICES[name].get("environment") or {}):
                    ports[name][var] = free_port()
                    local[var] = str(ports[name][var])
            if "ODOP_WEBHOOK_LISTEN" in (SERVICES[name].get("environment") or {}):
                local["ODOP_WEBHOOK_LISTEN"] = "127.0.0.1"
            assert set(local) <= HOST_ONLY
            envs[name] = base | env | local | {"ODOP_HEALTH_LISTEN": "127.0.0.1"}

        migrate = await asyncio.to_thread(
            subprocess.run,
            odop_bot(SERVICES["migrate"]["command"]),
            env=envs["migrate"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert migrate.returncode == 0, migrate.stderr
        assert migrate.stdout.startswith("upgraded: empty -> ")

        health = COMPOSE["x-health"]["test"]
        inside = healthcheck_url(health).split("/")[2]  # 127.0.0.1:8080
        async with (
            started(
                odop_bot(SERVICES["bot1"]["command"]),
                envs["bot1"],
                tmp_path,
                tmp_path / "bot1.log",
            ) as bot1,
            started(
                odop_bot(SERVICES["bot2"]["command"]),
                envs["bot2"],
                tmp_path,
                tmp_path / "bot2.log",
            ) as bot2,
            started(
                odop_bot(SERVICES["worker"]["command"]),
                envs["worker"],
                tmp_path,
                tmp_path / "worker.log",
            ) as worker,
        ):
            for name in (*REPLICAS, "worker"):
                port = ports[name]["ODOP_HEALTH_PORT"]
                await healthy(health_command(health, inside, f"127.0.0.1:{port}"))
            assert api.webhook["url"] == f"http://127.0.0.1:{proxy_port}/telegram"
            assert api.webhook["secret_token"] == secret

            if caddy is None:
                pytest.skip(
                    "caddy is not installed (Debian: apt-get install caddy): "
                    "the replicas and worker ran and were healthy"
                )
            admin = free_port()
            proxy_env = {
                k: interpolate(str(v), dot_env)
                for k, v in SERVICES["proxy"]["environment"].items()
            }
            proxy_env |= {  # the replicas' and the admin endpoint's addresses on this host
                "ODOP_REPLICAS": " ".join(
                    f"127.0.0.1:{ports[name]['ODOP_WEBHOOK_PORT']}" for name in REPLICAS
                ),
                "CADDY_ADMIN": f"127.0.0.1:{admin}",
            }
            caddy_env = (
                base
                | proxy_env
                | {
                    "XDG_DATA_HOME": str(tmp_path / "caddy-data"),
                    "XDG_CONFIG_HOME": str(tmp_path / "caddy-config"),
                }
            )
            command = [
                caddy,
                "run",
                "--config",
                str(ROOT / "deploy" / "Caddyfile"),
                "--adapter",
                "caddyfile",
            ]
            async with started(command, caddy_env, tmp_path, tmp_path / "caddy.log"):
                proxy_check = SERVICES["proxy"]["healthcheck"]["test"]
                await healthy(
                    health_command(proxy_check, "localhost:2019", f"127.0.0.1:{admin}"), limit=30
                )
                await _answers_through_the_proxy(api, secret, tmp_path)
                await _the_worker_delivers(api, envs["worker"], tmp_path)
                for name in REPLICAS:  # round robin: both replicas answered
                    log = (tmp_path / f"{name}.log").read_text(errors="replace")
                    assert "sendMessage" in log, f"{name} answered nothing"
                for name in (*REPLICAS, "worker"):  # the names docs/operations.md reads
                    port = ports[name]["ODOP_HEALTH_PORT"]
                    async with httpx.AsyncClient() as client:
                        metrics = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
                    assert "process_resident_memory_bytes" in metrics, name
                    wanted = (
                        (
                            "odop_deliveries_total",
                            "odop_outbox_oldest_due_seconds",
                            "odop_broadcast_rate_achieved",
                        )
                        if name == "worker"
                        else (
                            "odop_updates_total",
                            "odop_update_seconds_bucket",
                            "odop_questions_total",
                            "odop_knowledge_products",
                        )
                    )
                    for metric in wanted:
                        assert metric in metrics, (name, metric)
                # One replica stopped (a restart, an upgrade): the other answers everything.
                bot1.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(bot1.wait(), 60) == 0
                await _answers_through_the_proxy(api, secret, tmp_path, first=8_000, users=6)
        for name, process in (("bot1", bot1), ("bot2", bot2), ("worker", worker)):
            assert process.returncode == 0, (name, (tmp_path / f"{name}.log").read_text()[-2000:])


async def _answers_through_the_proxy(
    api: BotApiServer, secret: str, tmp_path: Path, first: int = 7_000, users: int = 12
) -> None:
    url = api.webhook["url"]
    people = [User(first + i) for i in range(users)]
    for user in people:
        update = api.make_update(api.message_payload(user, "moradabad"))
        answer = await api.deliver(url, update, secret)
        assert answer.status_code == 200, answer.text
    wrong = await api.deliver(url, api.make_update(api.message_payload(people[0], "x")), "nope")
    assert wrong.status_code == 403  # the replica checked the secret the proxy passed on
    calls = await api.wait_for(
        "sendMessage", lambda c: c.chat_id in {u.id for u in people}, count=len(people), timeout=60
    )
    assert {c.chat_id for c in calls} == {u.id for u in people}
    assert all("Moradabad" in c.text for c in calls)
    other = await api.deliver(url.replace("/telegram", "/healthz"), {}, secret)
    assert other.status_code == 404  # only the webhook path is passed on
    subscribe = api.make_update(api.message_payload(people[0], "/subscribe all"))
    assert (await api.deliver(url, subscribe, secret)).status_code == 200
    await api.wait_for("sendMessage", lambda c: c.chat_id == people[0].id, count=2, timeout=30)


async def _the_worker_delivers(api: BotApiServer, env: dict[str, str], tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("New: the export plan of Moradabad is published.", encoding="utf-8")
    queued = await asyncio.to_thread(
        subprocess.run,
        odop_bot(
            [
                "odop-bot",
                "broadcast",
                "--audience",
                "all",
                "--text-file",
                str(note),
                "--urgent",
                "--yes",
            ]
        ),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert queued.returncode == 0, queued.stderr
    await api.wait_for(
        "sendMessage", lambda c: "export plan of Moradabad is published" in c.text, timeout=60
    )


def test_the_readme_says_what_each_variable_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Every variable (") :]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    named = {name for row in rows for name in re.findall(r"`([A-Z_]+)`", row.split(" | ")[0])}
    assert named == SETTINGS | DEPLOY_ONLY
