"""Hostile HTTP clients on raw sockets: huge bodies, and connections that never finish.

Shared by tests/test_bot_webhook_limits.py and benchmarks/bench_webhook.py. Nothing here holds a
body in memory: a POST sends one 64 KB piece over and over, so what a measurement sees is the
server's memory, not the attacker's.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from dataclasses import dataclass

PIECE = b"x" * 65536
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Outcome:
    status: int | None  # the HTTP status the server answered, None if it answered nothing
    sent: int  # body bytes the client got out before the server answered or closed
    seconds: float  # from the first byte sent to the answer (or to giving up)


async def big_post(
    port: int, path: str, size: int, secret: str | None = None, *, chunked: bool = False,
    limit: float = 120,
) -> Outcome:
    """POST `size` bytes to 127.0.0.1:`port`, reading the answer while still sending.

    On a bare socket: asyncio's streams drop an answer already received when a later write
    fails (the server closing after refusing), and a real client would still read it.
    """
    loop = asyncio.get_running_loop()
    start = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setblocking(False)
    head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
            "Content-Type: application/json"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
    if secret is not None:
        head.append(f"{SECRET_HEADER}: {secret}")
    answer = asyncio.create_task(loop.sock_recv(sock, 4096))
    sent = 0
    try:
        await loop.sock_sendall(sock, ("\r\n".join(head) + "\r\n\r\n").encode())
        while sent < size and not answer.done():
            piece = PIECE[: size - sent]
            await loop.sock_sendall(
                sock, b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
            )
            sent += len(piece)
        if chunked and not answer.done():
            await loop.sock_sendall(sock, b"0\r\n\r\n")
    except OSError:
        pass  # the server closed while we were sending: its answer is still readable
    try:
        line = await asyncio.wait_for(answer, limit)
    except (OSError, TimeoutError):
        line = b""
    seconds = time.monotonic() - start
    sock.close()
    parts = line.split(b"\r\n", 1)[0].split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return Outcome(status, sent, seconds)


async def lingering(
    port: int, opening: bytes, drip: bytes = b"", every: float = 0.2, limit: float = 30
) -> float | None:
    """Send `opening`, then one byte of `drip` every `every` seconds (a slow client), until the
    server closes the connection; return after how many seconds, or None if it never did."""
    start = time.monotonic()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(opening)
        await writer.drain()
        left = drip
        while time.monotonic() - start < limit:
            try:
                data = await asyncio.wait_for(reader.read(65536), every)
            except TimeoutError:
                if left:
                    writer.write(left[:1])
                    await writer.drain()
                    left = left[1:]
                continue
            if not data:
                return time.monotonic() - start
        return None
    except ConnectionError:
        return time.monotonic() - start
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


def idle_kinds(path: str, secret: str) -> dict[str, tuple[bytes, bytes]]:
    """(opening, drip) per way of holding a connection: nothing at all, headers a byte at a
    time, a body a byte at a time, and an idle keep-alive connection after a whole request."""
    return {
        "silent": (b"", b""),
        "slow headers": (b"POST " + path.encode(), b" HTTP/1.1\r\nHost: x\r\n" * 20),
        "slow body": (
            (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
             f"{SECRET_HEADER}: {secret}\r\n\r\n").encode(),
            b"x" * 100000,
        ),
        # a whole request answered, then nothing more on the kept-alive connection
        "idle keep-alive": (b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", b""),
    }
