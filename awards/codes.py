"""Verification codes people can read off paper and type: 16 symbols of Crockford's
base32 in groups of four ("7KQ3-X9PM-2ABC-DEFG", 80 random bits), read whatever the case,
the dashes or spaces, and with O for 0 and I or L for 1. Codes of the first version
(22 URL-safe characters, case-sensitive) keep working as they were printed."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to misread
SYMBOLS = 16  # x 5 bits = 80 random bits
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    return "-".join(symbols[i : i + 4] for i in range(0, SYMBOLS, 4))


def canonical(typed: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one."""
    text = _SEPARATORS.sub("", typed or "").upper().translate(_READ_AS)
    if len(text) != SYMBOLS or any(symbol not in ALPHABET for symbol in text):
        return None
    return "-".join(text[i : i + 4] for i in range(0, SYMBOLS, 4))
