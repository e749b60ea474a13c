"""Protective headers on every response, so a page of this server cannot be framed, sniffed or injected into."""

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Only the app's own scripts, styles, pictures and sockets. Pictures also come as blob: (the page's
# downloads and frames) and data: (the favicon); 'self' covers ws:// and wss:// of the same host (CSP 3).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "no-referrer",  # a room's code never travels to another site in a Referer
    # another site's <img> or <script> cannot load ours, so its onload/onerror cannot tell an open room's QR code
    # from a wrong code's 404 through a student's browser
    "Cross-Origin-Resource-Policy": "same-origin",
}
RESPONSE_STARTS = {"http.response.start", "websocket.http.response.start"}  # a refused socket's answer too


class SecurityHeaders:
    """ASGI middleware that adds `SECURITY_HEADERS` to every response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] in RESPONSE_STARTS:
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class GuardedApp(FastAPI):
    """FastAPI whose every answer carries `SECURITY_HEADERS`, its own "Internal Server Error" too: that one comes from
    Starlette's outermost middleware, outside any middleware the app adds."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())
