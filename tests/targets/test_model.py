from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from emulation.achievement import Direction, Status
from targets.models import Target
from tests.factories import MovementFactory, TargetFactory

D = Decimal
pytestmark = pytest.mark.django_db


def _errors(target):
    with pytest.raises(ValidationError) as excinfo:
        target.full_clean()
    return {k: " ".join(v) for k, v in excinfo.value.message_dict.items()}


def test_numeric_target_needs_a_plan():
    target = Target(movement=MovementFactory(), name="Lúa", direction=Direction.AT_LEAST)
    assert "Nhập giá trị kế hoạch" in _errors(target)["plan_value"]


def test_achieved_is_only_for_yes_no():
    target = TargetFactory.build(movement=MovementFactory(), achieved=True)
    assert "chỉ dùng cho chỉ tiêu có/không" in _errors(target)["achieved"]
    yes_no = TargetFactory.build(
        movement=MovementFactory(),
        direction=Direction.YES_NO,
        plan_value=D(1),
        actual_value=D(1),
        unit_of_measure="",
    )
    errors = _errors(yes_no)
    assert "không có giá trị kế hoạch" in errors["plan_value"]
    assert "không có giá trị thực hiện" in errors["actual_value"]


def test_negative_values_refused_except_for_rates():
    target = TargetFactory.build(
        movement=MovementFactory(), plan_value=D(-5), actual_value=D(-1), unit_of_measure="tấn"
    )
    errors = _errors(target)
    assert errors["plan_value"] == "Giá trị không được âm với đơn vị tính “tấn”."
    assert errors["actual_value"] == "Giá trị không được âm với đơn vị tính “tấn”."
    rate = TargetFactory.build(
        movement=MovementFactory(),
        plan_value=D("-0.5"),
        actual_value=D("-0.2"),
        unit_of_measure="%",
    )
    rate.full_clean()


def test_name_unique_per_movement_with_vietnamese_message():
    first = TargetFactory(name="Thu ngân sách")
    again = TargetFactory.build(movement=first.movement, name="Thu ngân sách")
    assert "đã có chỉ tiêu với tên này" in " ".join(_errors(again).values())
    TargetFactory.build(movement=MovementFactory(year=2023), name="Thu ngân sách").full_clean()


def test_yes_no_cannot_be_summed_from_pledges():
    target = TargetFactory.build(
        movement=MovementFactory(),
        direction=Direction.YES_NO,
        plan_value=None,
        rollup=Target.Rollup.SUM,
    )
    assert "Chỉ chỉ tiêu dạng số" in _errors(target)["rollup"]


@pytest.mark.parametrize(
    "direction, plan, actual, achieved, status, plan_text, actual_text",
    [
        (
            Direction.AT_LEAST,
            D("5000"),
            D("5018.6"),
            None,
            Status.EXCEEDED,
            "5.000 tấn",
            "5.018,6 tấn",
        ),
        (Direction.AT_MOST, D("6"), D("5.6"), None, Status.MET, "dưới 6%", "5,6%"),
        (Direction.YES_NO, None, None, True, Status.MET, "", "Đạt"),
        (Direction.YES_NO, None, None, None, Status.PENDING, "", ""),
    ],
)
def test_status_and_display(direction, plan, actual, achieved, status, plan_text, actual_text):
    unit = {"at_least": "tấn", "at_most": "%", "yes_no": ""}[direction]
    target = TargetFactory(
        direction=direction,
        plan_value=plan,
        actual_value=actual,
        achieved=achieved,
        unit_of_measure=unit,
    )
    target.full_clean()
    assert target.achievement().status == status
    assert target.plan_display == plan_text
    assert target.actual_display == actual_text
