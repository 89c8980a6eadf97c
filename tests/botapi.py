"""A small fake of the Telegram Bot API on loopback, for driving the real PTB over real HTTP.

It answers the methods the bot uses the way Telegram documents them, records every call, serves
queued updates to `getUpdates` (long polling included), posts updates to a webhook, checks what
Telegram checks (HTML entities, lengths in UTF-16 units as Telegram counts them: 4,096 for a
message, 1,024 for a caption; 64-byte callback data, 50 inline results), and
can be told to fail a method with 429 retry_after, 403, 400, 5xx or migrate_to_chat_id, or to
answer late (so that the client times out while the message is still delivered, as on Telegram).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import tornado.httpserver
import tornado.netutil
import tornado.web

TOKEN = "123456:TEST-fake-token_for_the_loopback_server"
BOT_ID = 123456
BOT_USERNAME = "odop_test_bot"

# Parameters PTB sends JSON-encoded; everything else is a plain string (or a number as text).
JSON_PARAMS = {
    "reply_markup", "results", "commands", "scope", "allowed_updates", "entities",
    "link_preview_options", "reply_parameters", "button",
}
FLAGS = {"is_personal", "show_alert", "drop_pending_updates", "disable_notification"}
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}
TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>"
)
ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id: int | None = None


def visible_text(html_text: str) -> str:
    """Return the text Telegram would show for `html_text`; raise ApiError where Telegram does.

    Stricter than Telegram in one way: a bare "&" that starts no entity is refused too.
    """
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(html_text):
        ch = html_text[i]
        if ch == "<":
            m = TAG.match(html_text, i)
            if not m:
                raise ApiError(400, f"Bad Request: can't parse entities: unexpected '<' at {i}")
            closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if tag not in ALLOWED_TAGS:
                raise ApiError(
                    400, f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}"'
                )
            if closing:
                if not stack or stack[-1] != tag:
                    raise ApiError(
                        400,
                        f'Bad Request: can\'t parse entities: Unmatched end tag "{tag}"',
                    )
                stack.pop()
            else:
                if tag == "a" and "href" not in attrs:
                    raise ApiError(400, "Bad Request: can't parse entities: <a> without href")
                stack.append(tag)
            i = m.end()
        elif ch == "&":
            m = ENTITY.match(html_text, i)
            if not m:
                raise ApiError(400, f"Bad Request: can't parse entities: bare '&' at {i}")
            name = m.group(1)
            if name.startswith("#x"):
                out.append(chr(int(name[2:], 16)))
            elif name.startswith("#"):
                out.append(chr(int(name[1:])))
            else:
                out.append(NAMED[name])
            i = m.end()
        elif ch == ">":
            # Telegram accepts a bare ">", as HTML does.
            out.append(ch)
            i += 1
        else:
            out.append(ch)
            i += 1
    if stack:
        raise ApiError(
            400, f'Bad Request: can\'t parse entities: Can\'t find end tag for "{stack[-1]}"'
        )
    return "".join(out)


def utf16_len(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji outside the BMP is two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def check_text(params: dict[str, Any], key: str = "text", limit: int = 4096) -> str:
    text = params.get(key)
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    shown = visible_text(text) if params.get("parse_mode") == "HTML" else text
    if utf16_len(shown) > limit:
        raise ApiError(400, "Bad Request: message is too long")
    return shown


def check_markup(markup: Any) -> None:
    if markup is None:
        return
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if sum(len(r) for r in rows) > 100:
        raise ApiError(400, "Bad Request: too many buttons")
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    ok: bool = True
    status: int = 200
    result: Any = None
    error: str = ""
    at: float = field(default_factory=time.monotonic)  # when the server received it

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def button(self, label_part: str) -> dict[str, Any]:
        """Return the first button whose label contains `label_part`."""
        for b in self.buttons:
            if label_part in b["text"]:
                return b
        labels = [b["text"] for b in self.buttons]
        raise AssertionError(f"no button with {label_part!r} in {labels}")


@dataclass
class Fault:
    method: str
    status: int
    description: str
    retry_after: int | None
    times: int
    match: Callable[[dict[str, Any]], bool] | None
    migrate_to_chat_id: int | None = None
    delay: float = 0.0  # seconds to wait before answering; status 0: then answer normally


@dataclass
class User:
    id: int
    first_name: str = "Asha"
    language_code: str | None = "en"
    username: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            data["language_code"] = self.language_code
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class BotApiServer:
    """The fake Telegram; `await start()` binds 127.0.0.1 on a free port."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    record: bool = True
    # Check HTML, lengths and buttons as Telegram does; a benchmark turns it off so that it
    # times the bot, not this stand-in's checks (which Telegram would run on its own servers).
    validate: bool = True
    # What `Call.at` reads: a test with a fake clock passes its own, to see sends in its time.
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._callback_ids = itertools.count(1)
        self._answered: set[str] = set()
        self._inline_ids = itertools.count(1)
        self._faults: list[Fault] = []
        self._changed = asyncio.Event()
        self._new_call = asyncio.Event()
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.deleted: list[tuple[int, int]] = []
        # getChatMember answers: chat id -> user id -> "administrator"/"creator" (else member)
        self.chat_admins: dict[int, dict[int, str]] = {}
        self.photos: list[dict[str, Any]] = []  # uploaded photos: filename, content_type, body
        self.inline_messages: dict[str, dict[str, Any]] = {}
        self.method_counts: dict[str, int] = {}
        self.port = 0
        self._server: tornado.httpserver.HTTPServer | None = None
        self.peers: set[Any] = set()  # client connections seen (address, port)
        self.content_types: dict[str, str] = {}  # method -> Content-Type of its last request
        self.in_flight: dict[str, int] = {}
        self.max_in_flight: dict[str, int] = {}
        self._holds: dict[str, tuple[int, asyncio.Event]] = {}

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        app = tornado.web.Application(
            # The optional origin: a request sent through a proxy names the whole URL.
            [(r"(?:https?://[^/]+)?/bot([^/]+)/([A-Za-z]+)", _MethodHandler, {"api": self})],
            log_function=_quiet,
        )
        self._server = tornado.httpserver.HTTPServer(app)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._changed.set()  # wake long polls so they answer and close
            for _until, released in self._holds.values():
                released.set()
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> BotApiServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- the test's side: updates in, faults, waiting ---------------------------------------

    def push(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue one update (`payload` without update_id) and return it."""
        update = {"update_id": next(self._update_ids), **payload}
        self._updates.append(update)
        self._changed.set()
        return update

    def make_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Return an update with a fresh id without queueing it (for webhook delivery)."""
        return {"update_id": next(self._update_ids), **payload}

    def message_payload(self, user: User, text: str, chat_id: int | None = None) -> dict[str, Any]:
        chat_id = user.id if chat_id is None else chat_id
        message_id = self._next_message_id(chat_id)
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id, user),
            "from": user.to_dict(),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"message": message}

    def send(self, user: User, text: str, chat_id: int | None = None) -> dict[str, Any]:
        """Queue a text message from `user` (a /command gets its bot_command entity)."""
        return self.push(self.message_payload(user, text, chat_id))

    def press(
        self, user: User, call: Call, data: str | None = None, label: str = ""
    ) -> dict[str, Any]:
        """Queue a button press on the message `call` sent; by label, or with raw `data`."""
        if data is None:
            data = call.button(label)["callback_data"]
        return self._press(user, data, message=self.message_of(call))

    def press_payload(self, user: User, call: Call, label: str) -> dict[str, Any]:
        """A press of the button labelled `label` on the message `call` sent or edited, as an
        update payload not queued (for webhook delivery with make_update)."""
        data = call.button(label)["callback_data"]
        chat_id, message_id = int(call.params["chat_id"]), int(call.params["message_id"]) if (
            "message_id" in call.params) else call.result["message_id"]
        return {"callback_query": {
            "id": str(next(self._callback_ids)), "from": user.to_dict(),
            "chat_instance": f"ci{user.id}", "data": data,
            "message": self.messages[(chat_id, message_id)],
        }}

    def choose(self, answer: Call, index: int = 0) -> str:
        """Post inline result `index` of an answerInlineQuery to a chat; return its message id."""
        result = answer.params["results"][index]
        inline_id = f"inline-{next(self._inline_ids)}"
        self.inline_messages[inline_id] = {
            "text": result["input_message_content"]["message_text"],
            "reply_markup": result.get("reply_markup"),
        }
        return inline_id

    def press_inline(self, user: User, inline_id: str, data: str) -> dict[str, Any]:
        """Queue a button press on a message sent through inline mode (no chat is visible)."""
        return self._press(user, data, inline_message_id=inline_id)

    def _press(self, user: User, data: str, **where: Any) -> dict[str, Any]:
        """Queue a callback_query from `user`; `where` says which message was pressed."""
        query = {
            "id": str(next(self._callback_ids)),
            "from": user.to_dict(),
            "chat_instance": f"ci{user.id}",
            **where,
            "data": data,
        }
        return self.push({"callback_query": query})

    def inline(self, user: User, query: str, offset: str = "") -> dict[str, Any]:
        return self.push(
            {
                "inline_query": {
                    "id": str(next(self._inline_ids)),
                    "from": user.to_dict(),
                    "query": query,
                    "offset": offset,
                }
            }
        )

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        match: Callable[[dict[str, Any]], bool] | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (matching `match`) with this error."""
        self._faults.append(Fault(method, status, description, retry_after, times, match,
                                  migrate_to_chat_id))

    def slow(
        self,
        method: str,
        seconds: float,
        *,
        times: int = 1,
        match: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` only after `seconds` (they still succeed)."""
        self._faults.append(Fault(method, 0, "", None, times, match, delay=seconds))

    def hold(self, method: str, until: int) -> None:
        """Keep calls of `method` waiting until `until` of them are in flight at once.

        A bot that handled updates one at a time could never get there: its calls would wait
        for ever (the test's wait_for gives up first and fails).
        """
        self._holds[method] = (until, asyncio.Event())

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == method and (chat_id is None or c.chat_id == chat_id)
        ]

    def sent(self, chat_id: int) -> list[Call]:
        """The successful sendMessage calls to `chat_id`, oldest first."""
        return [c for c in self.calls_of("sendMessage", chat_id) if c.ok]

    async def wait_for(
        self,
        method: str,
        match: Callable[[Call], bool] = lambda _c: True,
        count: int = 1,
        timeout: float = 15.0,  # noqa: ASYNC109 - a guard against hanging, not a timing check
        ok: bool | None = True,
    ) -> list[Call]:
        """Wait until `count` calls of `method` matching `match` were made; return them."""

        def found() -> list[Call]:
            return [
                c
                for c in self.calls
                if c.method == method and (ok is None or c.ok == ok) and match(c)
            ]

        async def poll() -> list[Call]:
            while len(hits := found()) < count:
                self._new_call.clear()
                await self._new_call.wait()
            return hits

        try:
            return await asyncio.wait_for(poll(), timeout)
        except TimeoutError:
            seen = [(c.method, c.params.get("chat_id"), c.text[:60]) for c in self.calls[-10:]]
            raise AssertionError(
                f"{count}x {method} not seen in {timeout}s; last calls: {seen}"
            ) from None

    async def reply_to(self, user: User, text: str, chat_id: int | None = None) -> Call:
        """Send `text` as `user` and return the bot's first message in reply to it."""
        chat = user.id if chat_id is None else chat_id
        before = len(self.sent(chat))
        self.send(user, text, chat_id)
        calls = await self.wait_for("sendMessage", lambda c: c.chat_id == chat, count=before + 1)
        return calls[before]

    async def click(
        self, user: User, call: Call, label: str = "", data: str | None = None
    ) -> Call:
        """Press a button on the message `call` produced; return the bot's answerCallbackQuery."""
        update = self.press(user, call, data=data, label=label)
        query_id = update["callback_query"]["id"]
        calls = await self.wait_for(
            "answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query_id
        )
        return calls[0]

    async def deliver(
        self, url: str, update: dict[str, Any], secret: str | None
    ) -> httpx.Response:
        """POST `update` to a webhook the way Telegram does."""
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        async with httpx.AsyncClient() as client:
            return await client.post(url, content=json.dumps(update), headers=headers)

    def message_of(self, call: Call) -> dict[str, Any]:
        """The message object a sendMessage/editMessageText call produced (as it stands now)."""
        return self.messages[(call.result["chat"]["id"], call.result["message_id"])]

    # -- the bot's side -------------------------------------------------------------------

    def _chat(self, chat_id: int, user: User) -> dict[str, Any]:
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup", "title": "Exporters"}
        return {"id": chat_id, "type": "private", "first_name": user.first_name}

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "ODOP",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _fault_for(self, method: str, params: dict[str, Any]) -> Fault | None:
        for fault in self._faults:
            if fault.method == method and (fault.match is None or fault.match(params)):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    async def handle(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        self.method_counts[method] = self.method_counts.get(method, 0) + 1
        call = Call(method, params, at=self.clock())
        self.in_flight[method] = self.in_flight.get(method, 0) + 1
        self.max_in_flight[method] = max(
            self.max_in_flight.get(method, 0), self.in_flight[method]
        )
        try:
            if method in self._holds:
                until, released = self._holds[method]
                if self.in_flight[method] >= until:
                    released.set()
                await released.wait()
            return await self._answer(method, params, call)
        finally:
            self.in_flight[method] -= 1

    async def _answer(self, method: str, params: dict[str, Any], call: Call) -> tuple[int, Any]:
        try:
            fault = self._fault_for(method, params)
            if fault is not None and fault.delay:
                await asyncio.sleep(fault.delay)
            if fault is not None and fault.status:
                err = ApiError(fault.status, fault.description, fault.retry_after)
                err.migrate_to_chat_id = fault.migrate_to_chat_id
                raise err
            result = await self._dispatch(method, params, call)
            call.result = result
        except ApiError as err:
            call.ok, call.status, call.error = False, err.status, err.description
            self._record(call)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": err.status,
                "description": err.description,
            }
            if err.retry_after is not None:
                body["parameters"] = {"retry_after": err.retry_after}
            if err.migrate_to_chat_id is not None:
                body["parameters"] = {"migrate_to_chat_id": err.migrate_to_chat_id}
            return err.status, body
        self._record(call)
        return 200, {"ok": True, "result": result}

    def _record(self, call: Call) -> None:
        if self.record or call.method != "getUpdates":
            self.calls.append(call)
        self._new_call.set()

    async def _dispatch(self, method: str, params: dict[str, Any], call: Call) -> Any:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params, call)

    async def _m_getMe(self, params: dict[str, Any], call: Call) -> Any:
        return self._bot_user()

    async def _m_getUpdates(self, params: dict[str, Any], call: Call) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0 and self._server is not None:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if self.webhook.get("url"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        return self._updates[:limit]

    async def _m_deleteWebhook(self, params: dict[str, Any], call: Call) -> Any:
        self.webhook = {}
        if params.get("drop_pending_updates") in ("true", True):
            self._updates.clear()
        return True

    async def _m_setWebhook(self, params: dict[str, Any], call: Call) -> Any:
        if not str(params.get("url", "")).startswith(("https://", "http://127.0.0.1")):
            raise ApiError(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        self.webhook = dict(params)
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any], call: Call) -> Any:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_setMyCommands(self, params: dict[str, Any], call: Call) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands are invalid")
        for c in commands:
            if not COMMAND.match(c.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= utf16_len(c.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[(scope, str(params.get("language_code", "")))] = commands
        return True

    async def _m_sendChatAction(self, params: dict[str, Any], call: Call) -> Any:
        return True

    async def _m_sendMessage(self, params: dict[str, Any], call: Call) -> Any:
        if self.validate:
            check_text(params)
            check_markup(params.get("reply_markup"))
        chat_id = int(params["chat_id"])
        message = self._sent(chat_id, text=params["text"])
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _sent(self, chat_id: int, **content: Any) -> dict[str, Any]:
        """A new message from the bot in `chat_id` with `content` (text, caption, document)."""
        return {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup",
                     "first_name": "User", "title": "Group"},
            "from": self._bot_user(),
            **content,
        }

    async def _m_sendDocument(self, params: dict[str, Any], call: Call) -> Any:
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document.removeprefix("attach://"))
        if isinstance(document, str):
            document = json.loads(document)
        if not isinstance(document, dict):
            raise ApiError(400, "Bad Request: there is no document in the request")
        if self.validate and params.get("caption"):
            check_text(params, key="caption", limit=1024)
        return self._sent(
            int(params["chat_id"]),
            caption=params.get("caption", ""),
            document={"file_id": f"doc{len(document['body'])}", "file_unique_id": "u1",
                      "file_name": document["filename"], "file_size": len(document["body"])},
        )

    async def _m_sendPhoto(self, params: dict[str, Any], call: Call) -> Any:
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo.removeprefix("attach://"))
        if isinstance(photo, str):
            photo = json.loads(photo)
        if not isinstance(photo, dict):
            raise ApiError(400, "Bad Request: there is no photo in the request")
        if self.validate and params.get("caption"):
            check_text(params, key="caption", limit=1024)
        chat_id = int(params["chat_id"])
        size = {"file_id": f"photo{len(photo['body'])}", "file_unique_id": "p1",
                "width": 800, "height": 500, "file_size": len(photo["body"])}
        message = self._sent(chat_id, caption=params.get("caption", ""), photo=[size])
        self.messages[(chat_id, message["message_id"])] = message
        self.photos.append(photo)
        return message

    async def _m_getChatMember(self, params: dict[str, Any], call: Call) -> Any:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        status = self.chat_admins.get(chat_id, {}).get(user_id, "member")
        return {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "U"},
                **({"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                    "can_delete_messages": True, "can_manage_video_chats": True,
                    "can_restrict_members": True, "can_promote_members": False,
                    "can_change_info": True, "can_invite_users": True,
                    "can_post_stories": False, "can_edit_stories": False,
                    "can_delete_stories": False} if status == "administrator" else {})}

    async def _m_deleteMessage(self, params: dict[str, Any], call: Call) -> Any:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        if time.time() - message["date"] > 48 * 3600:
            raise ApiError(400, "Bad Request: message can't be deleted for everyone")
        del self.messages[key]
        self.deleted.append(key)
        return True

    async def _m_editMessageText(self, params: dict[str, Any], call: Call) -> Any:
        check_text(params)
        check_markup(params.get("reply_markup"))
        if "inline_message_id" in params:
            sent = self.inline_messages.get(str(params["inline_message_id"]))
            if sent is None:
                raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
            sent.update(text=params["text"], reply_markup=params.get("reply_markup"))
            return True
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if message["text"] == params["text"] and message.get("reply_markup") == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        message = {**message, "text": params["text"], "edit_date": int(time.time())}
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        self.messages[key] = message
        return message

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any], call: Call) -> Any:
        check_markup(params.get("reply_markup"))
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self.messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if message.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message = {**message}
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        self.messages[key] = message
        return message

    async def _m_answerCallbackQuery(self, params: dict[str, Any], call: Call) -> Any:
        if utf16_len(str(params.get("text", ""))) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        self._answered.add(query_id)
        return True

    async def _m_answerInlineQuery(self, params: dict[str, Any], call: Call) -> Any:
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        if len(str(params.get("next_offset", "")).encode()) > 64:
            raise ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        ids = [r.get("id", "") for r in results]
        if len(set(ids)) != len(ids) or any(not 1 <= len(i.encode()) <= 64 for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        for r in results:
            if not r.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
            content = r.get("input_message_content") or {}
            check_text(content, key="message_text")
            check_markup(r.get("reply_markup"))
        return True


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, api: BotApiServer) -> None:
        self.api = api

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        context = getattr(self.request.connection, "context", None)
        if context is not None:
            self.api.peers.add(context.address)
        self.api.content_types[method] = self.request.headers.get("Content-Type", "")
        params = _parse(self.request)
        status, body = await self.api.handle(token, method, params)
        if self.request.connection is None or self.request.connection.stream.closed():  # type: ignore[attr-defined]
            return  # the client gave up on a long poll
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


def _parse(request: Any) -> dict[str, Any]:
    content_type = request.headers.get("Content-Type", "")
    raw: dict[str, Any]
    if content_type.startswith("application/json"):
        # Seen as a form would carry it (strings, objects as JSON text), so that what the
        # recorded calls hold does not depend on how the client encoded the body.
        body = json.loads(request.body or b"{}")
        raw = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
    elif content_type.startswith("multipart/form-data"):
        raw = {k: v[0].decode() for k, v in request.body_arguments.items()}
        # An uploaded file arrives as the field PTB attached it under ("attach://<name>").
        for name, (upload, *_) in request.files.items():
            raw[name] = json.dumps(
                {"filename": upload.filename, "content_type": upload.content_type,
                 "body": upload.body.decode(errors="replace")}
            )
    else:
        raw = dict(parse_qsl(request.body.decode(), keep_blank_values=True))
        raw.update({k: v[0].decode() for k, v in request.query_arguments.items()})
    return {
        k: json.loads(v) if k in JSON_PARAMS or (k in FLAGS and v in ("true", "false")) else v
        for k, v in raw.items()
    }


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """Tornado logs every request by default; the recorded calls say more."""
