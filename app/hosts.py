"""The Host allow-list, for HTTP and WebSocket alike: a page served under another name (DNS rebinding) gets nothing.

A hostile page whose name is made to resolve to this laptop is, to the browser, the same origin as
its own server, so it may read every answer. Its requests still carry its own name in `Host`; a
server that answers only to its own names and addresses gives such a page nothing to read.
"""

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.network import is_loopback, own_hosts

DENIAL_EXTENSION = "websocket.http.response"  # ASGI: a refused socket may get an HTTP answer instead of a bare 403
POLICY_VIOLATION = 1008  # RFC 6455


def host_name(header: str) -> str:
    """The name or address in a Host header, lower-case, without its port, IPv6 brackets or final dot."""
    name = header.strip().lower()
    if name.startswith("["):
        address, bracket, _ = name[1:].partition("]")
        return address if bracket else ""
    if name.count(":") == 1:
        name = name.partition(":")[0]
    return name.removesuffix(".")


def allowed_host(name: str, arrived_at: str, extra: list[str]) -> bool:
    """Loopback, the address this connection arrived at, a configured name, or one of this machine's own."""
    if not name:
        return False
    configured = {host.lower().removesuffix(".") for host in extra}
    return (
        "*" in configured
        or is_loopback(name)
        or name == arrived_at.lower()
        or name in configured
        or (name in own_hosts())
    )


def refusal(name: str) -> str:
    """What a refused browser shows: the setting that would let this name in."""
    shown = "".join(c for c in name[:100] if c.isprintable()) or "(none)"
    return (
        f"This server does not answer to the name “{shown}”. If students should reach it by that name, "
        f"restart it with the name in DUST_ALLOWED_HOSTS, for example DUST_ALLOWED_HOSTS='[\"{shown}\"]' "
        "(or --allowed-hosts on the command line); its own address always works."
    )


class HostAllowList:
    """ASGI middleware: a request or socket whose Host is not allowed gets a 400 and a sentence, nothing else."""

    def __init__(self, app: ASGIApp, extra: list[str]) -> None:
        self.app = app
        self.extra = extra

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        name = host_name(Headers(scope=scope).get("host", ""))
        arrived_at = str((scope.get("server") or ("",))[0])  # the local address the client connected to
        if allowed_host(name, arrived_at, self.extra):
            await self.app(scope, receive, send)
        elif scope["type"] == "http" or DENIAL_EXTENSION in scope.get("extensions", {}):
            await PlainTextResponse(refusal(name), status_code=400)(scope, receive, send)
        else:
            await send({"type": "websocket.close", "code": POLICY_VIOLATION})  # the server answers 403
