"""Vietnamese formatting of numbers, percents, money, counts and dates.

The one source of truth for how a person reads a figure: thousands with ".", decimals
with ",", the precision entered (no padding zeros), percent rounded half-up to two
decimals with trailing zeros dropped, dates as 17/01/2023 or "ngày 17 tháng 01 năm 2023".
These are the forms of Vietnamese administrative documents (Nghị định 30/2020), so they
are fixed text, not translatable UI strings; only error messages go through gettext.
"""

import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

TWO_PLACES = Decimal("0.01")


def to_decimal(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr() gives the shortest string that round-trips: 0.1 stays 0.1.
        return Decimal(repr(value))
    return Decimal(str(value))


def _strip_zeros(value):
    """Drop fraction zeros a database column pads with (5018.600 → 5018.6)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_number(value, empty=""):
    """5018.6 → "5.018,6"; 1000000 → "1.000.000"; None → ``empty``."""
    value = to_decimal(value)
    if value is None:
        return empty
    if not value.is_finite():
        raise ValueError("cannot format a non-finite number")
    value = _strip_zeros(value)
    sign = "-" if value < 0 else ""
    digits = format(abs(value), "f")
    whole, _sep, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    if fraction:
        text = f"{text},{fraction}"
    return sign + text


def format_quantity(value, unit_of_measure):
    """5.018,6 tấn; 0,19‰; 5,6% — percent and per-mille signs stick to the number."""
    number = format_number(value)
    unit = (unit_of_measure or "").strip()
    if not unit:
        return number
    if unit in ("%", "‰"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def round_percent(value):
    """Half-up to two decimals, trailing zeros dropped: 100.372 → 100.37, 571.00 → 571."""
    value = to_decimal(value)
    if value is None:
        return None
    return _strip_zeros(value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP))


def format_percent(value, empty=""):
    """100.3720 → "100,37%"; 571 → "571%"."""
    if value is None:
        return empty
    return f"{format_number(round_percent(value))}%"


def format_money(amount, empty=""):
    """6750000 → "6.750.000 đồng"."""
    if amount is None:
        return empty
    return f"{format_number(amount)} đồng"


def round_up_to_ten_thousand(amount):
    """Bonuses are rounded UP to the next 10.000 đồng (Nghị định 91/2017, Điều 68)."""
    amount = to_decimal(amount)
    tens = (amount / Decimal(10000)).to_integral_value(rounding=ROUND_CEILING)
    return int(tens) * 10000


def format_count(count):
    """Administrative counts below ten take a leading zero: 3 → "03", 12 → "12"."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return f"{count:02d}"


def format_date(value, empty=""):
    """17/01/2023."""
    if value is None:
        return empty
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def format_long_date(value, empty=""):
    """ngày 17 tháng 01 năm 2023."""
    if value is None:
        return empty
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


_VN_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_VN = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")


def parse_number(text):
    """Read a number typed the Vietnamese way ("5.018,6", "2.855", "19,98").

    A plain "19.98" (a computer's decimal point, as in a csv saved by a program) is read
    as a decimal when it cannot be thousands grouping. Raises ``ValueError`` with a
    Vietnamese message on anything else.
    """
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        value = to_decimal(text)
        if not value.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": text})
        return value
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "")
    sign = ""
    if raw and raw[0] in "+-":
        sign, raw = raw[0], raw[1:]
    if _VN_GROUPED.match(raw):
        normal = raw.replace(".", "")
    elif _VN.match(raw):
        normal = raw.replace(".", "").replace(",", ".")
    elif _PLAIN.match(raw):
        normal = raw
    else:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": str(text).strip()})
    try:
        value = Decimal(normal)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above prevent it
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from exc
    return -value if sign == "-" else value
