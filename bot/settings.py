"""Process settings from the environment (and `.env`); the token is a secret, never logged."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything `odop-bot run` needs; each field is read from the upper-cased variable."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    # The token is appended to this, as Telegram's URL scheme has it (".../bot<token>/getMe").
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    odop_database_url: str | None = None
    odop_admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    # Officers may update districts' plan status from the chat (/setstatus); admins may too.
    odop_officer_ids: Annotated[frozenset[int], NoDecode] = frozenset()

    odop_webhook: bool = False
    # The public HTTPS URL Telegram posts to, e.g. https://bot.example.org/telegram
    odop_webhook_url: str | None = None
    odop_webhook_listen: str = "0.0.0.0"  # a webhook server must be reachable
    odop_webhook_port: int = Field(default=8443, ge=0, le=65535)
    odop_webhook_path: str = "/telegram"
    # Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; one is generated per run if unset.
    odop_webhook_secret: SecretStr | None = None
    # What a stranger can make the webhook and health ports hold: a request body of at most
    # this many bytes (Telegram's updates are a few KB), request headers within the idle
    # timeout (which also closes a kept-alive connection that sends nothing more), and the
    # body within the body timeout; in seconds.
    odop_webhook_max_body: int = Field(default=1_048_576, ge=1024)
    odop_webhook_idle_timeout: float = Field(default=10.0, gt=0)
    odop_webhook_body_timeout: float = Field(default=10.0, gt=0)

    # Serve GET /healthz and GET /metrics (Prometheus) on this port, in `odop-bot run` in
    # either mode and in `odop-bot worker` (for container health checks and scraping; a
    # webhook also answers /healthz on its own port). Unset: no extra port.
    odop_health_port: int | None = Field(default=None, ge=0, le=65535)
    odop_health_listen: str = "0.0.0.0"

    # How many updates are handled at once (PTB's concurrent_updates).
    odop_concurrent_updates: int = Field(default=16, ge=1, le=1024)
    # HTTP connections to the Bot API kept open at most (PTB's connection_pool_size); requests
    # beyond them wait up to odop_pool_timeout seconds for a free one.
    odop_http_connections: int = Field(default=32, ge=4, le=1024)
    odop_pool_timeout: float = Field(default=10.0, gt=0)
    # The HTTP client for the Bot API: aiohttp (bot/transport.py, several times cheaper per
    # request) or httpx (python-telegram-bot's own HTTPXRequest).
    odop_http_backend: Literal["aiohttp", "httpx"] = "aiohttp"
    # Per-user flood control: a burst of this many updates, refilled at this rate per second.
    odop_flood_burst: int = Field(default=12, ge=1)
    odop_flood_rate: float = Field(default=1.0, gt=0)
    # Outgoing rate limit (AIORateLimiter): messages per second over all chats, 0 = off;
    # flood-wait (429 retry_after) is retried this many times, then given up.
    odop_rate_limit_overall: float = Field(default=30.0, ge=0)
    odop_rate_limit_retries: int = Field(default=3, ge=0, le=10)

    # Broadcasts and alerts (bot/worker.py): run the delivery worker inside `odop-bot run`
    # (off: run `odop-bot worker` separately); the shared pace in messages per second over
    # all chats; default quiet hours (IST, "" for none); messages in flight per worker.
    odop_worker: bool = True
    odop_broadcast_rate: float = Field(default=25.0, gt=0, le=1000)
    odop_quiet_hours: str = "21:00-08:00"
    odop_worker_concurrency: int = Field(default=8, ge=1, le=256)
    # Seconds a claimed delivery stays with its worker; if the worker dies, it goes out again
    # after this (at most once more: only what was in flight can be sent twice).
    odop_worker_lease: float = Field(default=120.0, ge=1)
    # Telegram's paid broadcasts (up to 1,000 messages/s, 0.1 Star a message): off by default.
    # On, every send carries allow_paid_broadcast and ODOP_BROADCAST_RATE may go to 1,000;
    # off, a rate above 30 draws 429s from Telegram (the worker warns at start).
    odop_allow_paid_broadcast: bool = False

    # Seconds between looks at the knowledge's version: a change made by another process (an
    # import, an officer's update through another replica) is answered from within this and
    # the time to build the new engine (about a second).
    odop_knowledge_poll: float = Field(default=1.0, gt=0, le=60)

    # How much `odop-bot run` and `odop-bot worker` log to stderr. DEBUG includes every
    # request (URLs with the token masked, as in every log line) and, from python-telegram-bot,
    # every update in full: not for production.
    odop_log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # "text" (one line for a person) or "json" (one object per line: time, level, logger,
    # message, and update_id / broadcast_id / worker where known).
    odop_log_format: Literal["text", "json"] = "text"

    # On SIGTERM or SIGINT: stop taking updates (/healthz and the webhook answer 503), give
    # the updates and sends in flight this many seconds to finish, hand unsent deliveries back
    # to the outbox, write the question log, exit 0. A container's stop timeout must be longer.
    odop_drain_timeout: float = Field(default=15.0, ge=0, le=600)

    @field_validator("odop_log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("odop_log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("odop_admin_ids", "odop_officer_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "1, 2 3" as well as a list."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(",", " ").split())
        return value

    @field_validator("odop_health_port", "odop_webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`ODOP_HEALTH_PORT=` (as in .env.example) means not set."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("odop_webhook_path")
    @classmethod
    def _slash_path(cls, value: str) -> str:
        return "/" + value.strip("/")

    def token(self) -> str:
        """Return the bot token; raise MissingTokenError if it is not set."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise MissingTokenError
        return self.telegram_bot_token.get_secret_value()


class MissingTokenError(RuntimeError):
    """TELEGRAM_BOT_TOKEN is not set."""

    def __str__(self) -> str:
        return "TELEGRAM_BOT_TOKEN is not set: put it in the environment or in .env"
