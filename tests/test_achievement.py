from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation.achievement import Direction, Status, count_met, evaluate

D = Decimal


@pytest.mark.parametrize(
    "plan, actual, status, percent",
    [
        # The seed article's figures (Hàm Liêm 2022).
        (D("5000"), D("5018.6"), Status.EXCEEDED, "100.372"),
        (D("500"), D("2855"), Status.EXCEEDED, "571"),
        (D("848"), D("984"), Status.EXCEEDED, None),
        (D("15.1"), D("19.98"), Status.EXCEEDED, None),
        (D("100"), D("100"), Status.MET, "100"),
        (D("26"), D("26"), Status.MET, "100"),
        (D("100"), D("99.5"), Status.NOT_MET, "99.5"),
    ],
)
def test_at_least(plan, actual, status, percent):
    result = evaluate(Direction.AT_LEAST, plan, actual)
    assert result.status == status
    if percent is not None:
        assert result.percent == D(percent)


def test_at_least_percent_of_budget_revenue_is_exact():
    result = evaluate(Direction.AT_LEAST, D("848"), D("984"))
    assert result.percent.quantize(D("0.0001")) == D("116.0377")


def test_at_most_met_below_or_at_plan_and_never_has_a_percent():
    assert evaluate(Direction.AT_MOST, D("6"), D("5.6")).status == Status.MET
    assert evaluate(Direction.AT_MOST, D("6"), D("6")).status == Status.MET
    missed = evaluate(Direction.AT_MOST, D("6"), D("6.1"))
    assert missed.status == Status.NOT_MET
    assert missed.percent is None
    assert evaluate(Direction.AT_MOST, D("6"), D("5.6")).percent is None


def test_yes_no():
    assert evaluate(Direction.YES_NO, achieved=True).status == Status.MET
    assert evaluate(Direction.YES_NO, achieved=False).status == Status.NOT_MET
    assert evaluate(Direction.YES_NO, achieved=None).status == Status.PENDING
    # A plan or actual given for a yes/no figure does not change the verdict.
    assert evaluate(Direction.YES_NO, D("1"), D("0"), achieved=True).status == Status.MET


@pytest.mark.parametrize("direction", [Direction.AT_LEAST, Direction.AT_MOST])
def test_unknown_actual_or_plan_is_pending(direction):
    assert evaluate(direction, D("10"), None).status == Status.PENDING
    assert evaluate(direction, None, D("10")).status == Status.PENDING
    assert evaluate(direction, D("10"), None).percent is None


def test_plan_zero_never_divides():
    assert evaluate(Direction.AT_LEAST, D("0"), D("0")).status == Status.MET
    result = evaluate(Direction.AT_LEAST, D("0"), D("3"))
    assert result.status == Status.EXCEEDED
    assert result.percent is None
    assert evaluate(Direction.AT_MOST, D("0"), D("0")).status == Status.MET
    assert evaluate(Direction.AT_MOST, D("0"), D("1")).status == Status.NOT_MET


def test_accepts_ints_and_floats_like_decimals():
    assert evaluate(Direction.AT_LEAST, 5000, 5018.6).percent == D("100.372")


def test_unknown_direction_is_an_error():
    with pytest.raises(ValueError):
        evaluate("sideways", D(1), D(1))


def test_labels_are_vietnamese():
    assert evaluate(Direction.AT_LEAST, 1, 2).label == "Vượt"
    assert evaluate(Direction.AT_LEAST, 1, 1).label == "Đạt"
    assert evaluate(Direction.AT_LEAST, 2, 1).label == "Không đạt"
    assert evaluate(Direction.AT_LEAST, 2, None).label == "Chưa có số liệu"


def test_count_met_counts_met_and_exceeded_over_all():
    results = [
        evaluate(Direction.AT_LEAST, 10, 11),
        evaluate(Direction.AT_LEAST, 10, 10),
        evaluate(Direction.AT_LEAST, 10, 9),
        evaluate(Direction.AT_MOST, 6, 5.6),
        evaluate(Direction.YES_NO, achieved=None),
    ]
    assert count_met(results) == (3, 5)
    assert count_met([]) == (0, 0)


amounts = st.decimals(min_value=0, max_value=D("1e12"), places=3, allow_nan=False)


@given(plan=amounts, actual=amounts)
def test_at_least_status_agrees_with_comparison(plan, actual):
    result = evaluate(Direction.AT_LEAST, plan, actual)
    assert result.is_met == (actual >= plan)
    assert (result.status == Status.EXCEEDED) == (actual > plan)
    if plan:
        assert result.percent == actual / plan * 100
        assert (result.percent >= 100) == result.is_met
    else:
        assert result.percent is None


@given(plan=amounts, actual=amounts)
def test_at_most_status_agrees_with_comparison(plan, actual):
    assert evaluate(Direction.AT_MOST, plan, actual).is_met == (actual <= plan)
