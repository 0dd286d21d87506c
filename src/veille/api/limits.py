"""Request size limit: a body over ``max_body_bytes`` is answered 413 before it is read whole.

A pure ASGI middleware, so that it guards every route (API and pages) and counts the bytes
of chunked bodies too, not only what ``Content-Length`` announces.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

DEFAULT_MAX_BODY_BYTES = 2_000_000


class _TooLarge(HTTPException):
    """Raised while the body is read; an HTTPException so that the app's handlers answer it
    (FastAPI turns other exceptions raised while parsing a body into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit:,} bytes")


class BodyLimit:
    """ASGI middleware: 413 in the API's error shape for bodies over ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = -1
                if announced < 0:
                    await _reply(send, 400, "bad_request", "invalid Content-Length header")
                    return
                if announced > self.max:
                    await _reply(send, 413, "too_large", _TooLarge(self.max).detail)
                    return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max:
                    raise _TooLarge(self.max)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge as exc:
            if not started:
                await _reply(send, 413, "too_large", exc.detail)


async def _reply(send: Send, status: int, code: str, message: str) -> None:
    body: Any = json.dumps(error_body(status, message, code)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
