"""The client's address, for counting failed logins (django-axes' AXES_CLIENT_IP_CALLABLE).

Each trusted reverse proxy appends to X-Forwarded-For the address it received the request
from, so behind ``PROXY_COUNT`` proxies the client is that many entries from the right;
whatever stands further left was written by the client and may be forged. Without a
proxy the header is ignored and the socket's address counts.

(django-ipware counts differently: with one proxy it wants the proxy's own address in the
header too and returns nothing for the header nginx writes, so the rule is kept here.)
"""

from django.conf import settings


def client_address(request) -> str | None:
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
