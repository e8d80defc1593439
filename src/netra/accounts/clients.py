"""Who is asking: the client's address, behind a trusted reverse proxy or not.

Behind nginx or Caddy every request comes from the proxy's own address, so rate limits and login
throttling would lump all clients together; but a header such as X-Forwarded-For is written by
the client unless the proxy overwrites it. The header is therefore read only when it is
configured (NETRA_CLIENT_IP_HEADER) and the request comes from a configured proxy
(NETRA_TRUSTED_PROXIES); of X-Forwarded-For the right-most entry is used, the one the proxy added.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as far as it can be trusted; 'unknown' when there is none."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    header: str = settings.NETRA_CLIENT_IP_HEADER
    trusted: list[str] = settings.NETRA_TRUSTED_PROXIES
    if header and remote in trusted:
        forwarded = str(request.META.get(_meta_key(header)) or "")
        # The proxy appends the address it saw: the last entry is the one it vouches for.
        last = forwarded.rsplit(",", 1)[-1]
        if (address := _valid(last)) is not None:
            return address
    return remote or "unknown"


def axes_client_ip(request: HttpRequest) -> str | None:
    """The address django-axes stores (an IP column): None when the request carries none."""
    address = client_address(request)
    return None if address == "unknown" else address
