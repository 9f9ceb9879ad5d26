"""No server-side request forgery: where a webhook may be sent.

A URL is checked when it is registered (a 400 naming the field) and again, by resolving its
host anew, just before each delivery, which then connects to the address checked — never to
whatever a second lookup answers — so a name that resolves somewhere public at registration and
to 10.0.0.1 later (DNS rebinding) is refused at delivery too.

Production: `https` only, and every address the host resolves to must be public. Tests and
local development (`WEBHOOKS_ALLOW_LOOPBACK`) may also use `http` and 127.0.0.1 / ::1 — only
those, never another private range.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LOOPBACK = {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")}

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect (`address`) and what to say to it (`host`, `path`)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def _refuse(message: str):
    return ValidationError(message, code="unsafe_url")


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64), which is where
    a packet to it ends up."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_allowed(address: Address, *, allow_loopback: bool) -> bool:
    """Whether a webhook may be sent to `address`."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return address_allowed(embedded, allow_loopback=allow_loopback)
    if address in LOOPBACK:
        return allow_loopback
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def url_target(url: str) -> Target:
    """Check `url` and resolve its host: the address to connect to, or a ValidationError
    (code `unsafe_url`) saying why it may not be used."""
    allow_loopback = settings.WEBHOOKS_ALLOW_LOOPBACK
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refuse(_("Enter a valid URL.")) from None
    schemes = {"https", "http"} if allow_loopback else {"https"}
    if parts.scheme not in schemes:
        raise _refuse(_("Webhook URLs must start with https://."))
    if not parts.hostname or parts.username or parts.password:
        raise _refuse(_("Enter a URL with a host name and no user name or password."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _refuse(_("The URL's host name could not be resolved.")) from None
    # Every address, not only the first: a client may be given any of them.
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    if not addresses or not all(
        address_allowed(address, allow_loopback=allow_loopback) for address in addresses
    ):
        raise _refuse(_("Webhook URLs must point to a public internet address."))
    if parts.scheme == "http" and not all(address in LOOPBACK for address in addresses):
        raise _refuse(_("Webhook URLs must start with https://."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        path=path,
        address=str(addresses[0]),
    )


def url_validate(url: str) -> None:
    """The model field's validator: `url_target` without its answer."""
    url_target(url)
