import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from emulation.formatting import (
    format_count,
    format_date,
    format_long_date,
    format_money,
    format_number,
    format_percent,
    parse_number,
    round_up_to_ten_thousand,
)

D = Decimal


@pytest.mark.parametrize(
    "value, text",
    [
        (D("5018.6"), "5.018,6"),
        (D("5000"), "5.000"),
        (D("2855"), "2.855"),
        (D("19.98"), "19,98"),
        (D("0.19"), "0,19"),
        (D("0.02"), "0,02"),
        (D("99.9"), "99,9"),
        (D("0"), "0"),
        (0, "0"),
        (D("999"), "999"),
        (D("1000"), "1.000"),
        (D("1000000000"), "1.000.000.000"),
        (D("1e9"), "1.000.000.000"),
        (6750000, "6.750.000"),
        (D("-1234.5"), "-1.234,5"),
        # A database column pads to its decimal places; the padding is not shown.
        (D("5018.600"), "5.018,6"),
        (D("5000.000"), "5.000"),
        (D("0.000"), "0"),
        # Precision entered is kept, however fine.
        (D("1234.56789"), "1.234,56789"),
        (0.1, "0,1"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_format_number_empty():
    assert format_number(None) == ""
    assert format_number(None, empty="—") == "—"


def test_format_number_refuses_non_finite():
    with pytest.raises(ValueError):
        format_number(D("NaN"))
    with pytest.raises(ValueError):
        format_number(D("Infinity"))


@pytest.mark.parametrize(
    "value, text",
    [
        (D("100.372"), "100,37%"),
        (D("571"), "571%"),
        (D("571.00"), "571%"),
        (D("132.317880794702"), "132,32%"),
        (D("116.0377358490566"), "116,04%"),
        (D("100"), "100%"),
        (D("99.995"), "100%"),  # half-up, then trailing zeros dropped
        (D("12.345"), "12,35%"),  # half-up, not banker's rounding
        (D("12.355"), "12,36%"),
        (D("12.5"), "12,5%"),
        (D("0.004"), "0%"),
        (D("0.005"), "0,01%"),
        (D("1234.5"), "1.234,5%"),
    ],
)
def test_format_percent(value, text):
    assert format_percent(value) == text


def test_format_percent_empty():
    assert format_percent(None) == ""


def test_money_and_counts():
    assert format_money(6750000) == "6.750.000 đồng"
    assert format_money(None) == ""
    assert format_count(3) == "03"
    assert format_count(9) == "09"
    assert format_count(0) == "00"
    assert format_count(12) == "12"
    assert format_count(120) == "120"
    with pytest.raises(ValueError):
        format_count(-1)


@pytest.mark.parametrize(
    "amount, rounded",
    [
        (D("702000"), 710000),
        (D("1404000"), 1410000),
        (D("447000"), 450000),
        (D("894000"), 900000),
        (D("700000"), 700000),  # already a multiple: unchanged
        (D("700000.01"), 710000),
        (0, 0),
    ],
)
def test_round_up_to_ten_thousand(amount, rounded):
    assert round_up_to_ten_thousand(amount) == rounded


def test_dates():
    day = datetime.date(2023, 1, 17)
    assert format_date(day) == "17/01/2023"
    assert format_long_date(day) == "ngày 17 tháng 01 năm 2023"
    assert format_date(datetime.date(2024, 12, 5)) == "05/12/2024"
    assert format_long_date(datetime.date(2024, 12, 5)) == "ngày 05 tháng 12 năm 2024"
    assert format_date(None) == ""
    assert format_long_date(None) == ""


@pytest.mark.parametrize(
    "text, value",
    [
        ("5.018,6", D("5018.6")),
        ("5018,6", D("5018.6")),
        ("2.855", D("2855")),
        ("1.000.000", D("1000000")),
        ("19,98", D("19.98")),
        ("19.98", D("19.98")),  # a program's decimal point, not thousands grouping
        ("0,19", D("0.19")),
        (" 5.000 ", D("5000")),
        ("-1.234,5", D("-1234.5")),
        ("+3", D("3")),
        ("5\u00a0000", D("5000")),
        (984, D("984")),
        (5018.6, D("5018.6")),
        (D("1.5"), D("1.5")),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "5.01.8", "1,2,3", "12a", "1.2345,6", ",5", "--1", "nan"]
)
def test_parse_number_refuses_text_with_a_vietnamese_message(text):
    with pytest.raises(ValueError) as excinfo:
        parse_number(text)
    assert "không phải là số" in str(excinfo.value)


def test_parse_number_refuses_non_finite_floats():
    with pytest.raises(ValueError):
        parse_number(float("inf"))


vn_decimals = st.decimals(min_value=D("-1e12"), max_value=D("1e12"), places=4, allow_nan=False)


@given(vn_decimals)
def test_round_trip_format_then_parse(value):
    assert parse_number(format_number(value)) == value


@given(vn_decimals)
def test_formatted_number_has_only_vietnamese_separators(value):
    text = format_number(value)
    whole, _sep, fraction = text.lstrip("-").partition(",")
    assert all(len(group) == 3 for group in whole.split(".")[1:])
    assert 1 <= len(whole.split(".")[0]) <= 3
    assert "." not in fraction
    assert not fraction.endswith("0")


@given(st.decimals(min_value=0, max_value=D("1e6"), places=6, allow_nan=False))
def test_percent_is_half_up_to_two_places(value):
    text = format_percent(value)
    assert text.endswith("%")
    shown = parse_number(text[:-1])
    assert abs(shown - value) <= D("0.005")
    assert shown == value.quantize(D("0.01"), rounding="ROUND_HALF_UP")


def test_template_filters():
    template = Template(
        "{% load vn %}{{ n|vn_number }} {{ p|vn_percent }} {{ m|vn_money }} "
        "{{ c|vn_count }} {{ d|vn_date }} {{ d|vn_long_date }}"
    )
    text = template.render(
        Context(
            {
                "n": D("5018.6"),
                "p": D("100.372"),
                "m": 710000,
                "c": 3,
                "d": datetime.date(2023, 1, 17),
            }
        )
    )
    assert text == "5.018,6 100,37% 710.000 đồng 03 17/01/2023 ngày 17 tháng 01 năm 2023"
