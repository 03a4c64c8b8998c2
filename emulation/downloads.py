"""Files the product hands out: names a clerk recognises, headers every browser reads.

A name is Vietnamese without diacritics, with the year or number (chi-tieu-2023.xlsx,
giay-khen-15-QD-UBND.pdf); the Content-Disposition header follows RFC 6266 (Django's
``content_disposition_header``: an ASCII name, and ``filename*`` when needed).
"""

import re
import unicodedata

from django.utils.http import content_disposition_header


def file_name(*parts, extension: str) -> str:
    """'Chỉ tiêu', 2023, extension='xlsx' -> 'chi-tieu-2023.xlsx'."""
    text = "-".join(str(part) for part in parts if part not in (None, ""))
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return f"{text or 'tep'}.{extension}"


def attach(response, name: str, inline: bool = False):
    """Set the response's file name (``inline`` opens it in the browser, as PDFs are)."""
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    return response


def pdf_response(content: bytes, name: str):
    """A PDF the browser opens in place (a decision, a certificate batch, a report)."""
    from django.http import HttpResponse

    return attach(HttpResponse(content, content_type="application/pdf"), name, inline=True)
