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


def site_url_problem() -> str | None:
    """Why SITE_URL cannot be printed in a certificate's QR code, or None.

    A printed certificate keeps its code for ever: with DEBUG off, the address must be the
    public one (https://…), never unset or a loopback address such as 127.0.0.1.
    """
    from urllib.parse import urlsplit

    from django.utils.translation import gettext as _

    if settings.DEBUG:
        return None
    url = getattr(settings, "SITE_URL", "") or ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    loopback = host in ("localhost", "::1") or host.startswith("127.") or host == "0.0.0.0"
    if parts.scheme not in ("http", "https") or not host or loopback:
        return _(
            "SITE_URL is not the public address of this site (%(url)s): the QR code of every "
            "certificate printed now would lead nowhere for ever. Set the environment "
            "variable SITE_URL to the address people reach, e.g. https://thidua.hamliem.gov.vn."
        ) % {"url": url or _("not set")}
    return None
