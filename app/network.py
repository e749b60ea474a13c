"""Where students can reach this server: the address a room's link and QR code carry."""

import functools
import ipaddress
import socket

LOOPBACK_ADVICE = (
    "The server only listens on this computer, so students' devices cannot reach it. "
    "Restart it for the class with: dust-to-detail --host 0.0.0.0"
)
NO_NETWORK_ADVICE = "This computer has no network address students could use; connect it to the classroom network."


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _name_addresses(family: int = 0) -> list[str]:
    """The addresses this machine's host name resolves to (its hosts file or the network's DNS)."""
    try:
        return [str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, family)]
    except OSError:
        return []


def lan_address() -> str | None:
    """This machine's IPv4 address on its local network, or None when it has only loopback."""
    candidates = _name_addresses(socket.AF_INET)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # picks the outgoing interface; a UDP connect sends nothing
            candidates.append(probe.getsockname()[0])
        except OSError:
            pass
    return next((address for address in candidates if not is_loopback(address)), None)


@functools.cache
def own_hosts() -> frozenset[str]:
    """This machine's names and addresses, lower-case: what a student's browser may call it (looked up once)."""
    name = socket.gethostname().lower()
    names = {name, f"{name}.local", socket.getfqdn().lower()}  # name.local: what mDNS (Bonjour) answers to
    lan = lan_address()
    return frozenset(names | set(_name_addresses()) | ({lan} if lan else set()))


def join_base(page_host: str, page_port: int | None, scheme: str, listen_host: str) -> tuple[str, str | None]:
    """The base URL to give students, and advice when they could not use it.

    A teacher who opened the page on this laptop (127.0.0.1) gets the LAN address instead, when the
    server listens on every interface; when it listens on loopback only, the advice says how to fix it.
    """
    own = f"{scheme}://{page_host}" + (f":{page_port}" if page_port else "")
    if not is_loopback(page_host):
        return own, None
    if is_loopback(listen_host):
        return own, LOOPBACK_ADVICE
    lan = lan_address()
    if lan is None:
        return own, NO_NETWORK_ADVICE
    return f"{scheme}://{lan}" + (f":{page_port}" if page_port else ""), None
