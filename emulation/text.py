"""Text as people type and paste it: one spelling per name, nothing hidden, no formulas.

Vietnamese can be typed precomposed (NFC) or decomposed (NFD, common from macOS and some
phone keyboards), and text pasted from the web brings zero-width characters: both make
"Giảm hộ nghèo" a second, different name. Every input path (admin forms, imports)
passes text through ``normalize_text``; control characters are refused by
``control_characters``; every text cell the product writes to a spreadsheet passes
through ``escape_formula`` so that Excel never runs it.
"""

import re
import unicodedata

# Zero-width and other invisible format characters that change a name without showing.
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
# Unicode's control characters (category Cc), but tab and the line breaks.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Text starting with these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def normalize_text(value: str) -> str:
    """NFC, without invisible characters. (Every imported cell passes here: the checks
    come first, the rewriting only when needed.)"""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    if INVISIBLE.search(value):
        value = INVISIBLE.sub("", value)
    return value


def control_characters(value: str) -> list[str]:
    """The control characters of ``value`` (NUL, escape…), as U+XXXX, tab and newlines
    aside."""
    if not CONTROL.search(value):
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in CONTROL.findall(value)})


def escape_formula(value):
    """A text cell Excel will show as text: a leading ' before a formula-like start."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """What ``escape_formula`` wrote, read back."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def fold(value: str) -> str:
    """Lower case without diacritics, đ as d: what a search on a phone keyboard matches
    ("nguyen van" finds "Nguyễn Văn", "XÓM TRÊN" finds "Xóm Trên")."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
