from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from emulation.policy import policy_for
from pledges import services
from pledges.models import Pledge, PledgeItem
from targets.models import Target
from tests.factories import PledgeFactory, UnitFactory

S = Pledge.Status


def _refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


def test_full_cycle_and_who_when(world):
    w = world
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    _refresh(w.pledge_a)
    assert w.pledge_a.status == S.SUBMITTED
    assert w.pledge_a.submitted_by == w.head_a and w.pledge_a.submitted_at
    services.approve_pledge(w.pledge_a, w.leader)
    _refresh(w.pledge_a, w.poverty)
    assert w.pledge_a.status == S.APPROVED
    assert w.pledge_a.reviewed_by == w.leader and w.pledge_a.reviewed_at
    assert w.poverty.actual_value == Decimal(6)


def test_sign_requires_date_signatory_and_items(world):
    draft = PledgeFactory(
        movement=world.movement,
        unit=UnitFactory(),
        status=S.DRAFT,
        signed_on=None,
        signatory_name="",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.sign_pledge(draft, world.clerk)
    assert excinfo.value.messages == [
        "Nhập ngày ký.",
        "Nhập người ký thay mặt đơn vị.",
        "Giao ước phải có ít nhất một nội dung trước khi ký.",
    ]
    _refresh(draft)
    assert draft.status == S.DRAFT
    PledgeItem.objects.create(pledge=draft, title="X", committed_value=1)
    with pytest.raises(PermissionDenied):
        services.sign_pledge(draft, world.head_a, "2023-01-17", "A")
    services.sign_pledge(draft, world.clerk, "2023-01-17", "Trưởng thôn")
    _refresh(draft)
    assert draft.status == S.SIGNED and draft.signatory_name == "Trưởng thôn"
    with pytest.raises(ValidationError, match="không thể đánh dấu đã ký"):
        services.sign_pledge(draft, world.clerk)


def test_only_the_units_own_account_submits(world):
    w = world
    w.result(w.item_a, 6)
    for intruder in (w.head_b, w.clerk, w.leader):
        with pytest.raises(PermissionDenied, match="Chỉ tài khoản của Thôn A"):
            services.submit_pledge(w.pledge_a, intruder)
    _refresh(w.pledge_a)
    assert w.pledge_a.status == S.SIGNED


def test_submit_needs_every_result(world):
    w = world
    PledgeItem.objects.create(pledge=w.pledge_a, title="Giữ chuẩn TVH", direction="yes_no")
    w.result(w.item_a, 6)
    with pytest.raises(ValidationError, match="Còn thiếu: Giữ chuẩn TVH"):
        services.submit_pledge(w.pledge_a, w.head_a)
    _refresh(w.pledge_a)
    assert w.pledge_a.status == S.SIGNED


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.APPROVED])
def test_submit_refused_from_wrong_state(world, status):
    Pledge.objects.filter(pk=world.pledge_b.pk).update(status=status)
    with pytest.raises(ValidationError, match="không thể nộp"):
        services.submit_pledge(world.pledge_b, world.head_b)


@pytest.mark.parametrize("status", [S.DRAFT, S.SIGNED, S.RETURNED, S.APPROVED])
def test_approve_refused_unless_submitted(world, status):
    Pledge.objects.filter(pk=world.pledge_b.pk).update(status=status)
    with pytest.raises(ValidationError, match="không thể duyệt"):
        services.approve_pledge(world.pledge_b, world.clerk)


def test_head_cannot_approve_or_return_even_own_pledge(world):
    w = world
    services.submit_pledge(w.pledge_b, w.head_b)
    with pytest.raises(PermissionDenied):
        services.approve_pledge(w.pledge_b, w.head_b)
    with pytest.raises(PermissionDenied):
        services.return_pledge(w.pledge_b, w.head_b, "tự trả")
    _refresh(w.pledge_b)
    assert w.pledge_b.status == S.SUBMITTED


def test_return_needs_a_note_and_reopens_results(world):
    w = world
    services.submit_pledge(w.pledge_b, w.head_b)
    with pytest.raises(ValidationError, match="Ghi rõ đơn vị cần sửa gì"):
        services.return_pledge(w.pledge_b, w.clerk, "  ")
    services.return_pledge(w.pledge_b, w.clerk, "Kiểm tra lại số hộ")
    _refresh(w.pledge_b)
    assert (w.pledge_b.status, w.pledge_b.review_note) == (S.RETURNED, "Kiểm tra lại số hộ")
    item = w.pledge_b.items.get()
    results = {"result_value", "achieved", "result_note"}
    assert policy_for(w.head_b, item).editable_fields() == results
    assert policy_for(w.head_a, item).editable_fields() == set()
    services.submit_pledge(w.pledge_b, w.head_b)
    _refresh(w.pledge_b)
    assert w.pledge_b.status == S.SUBMITTED


def test_approved_pledge_cannot_be_returned_but_can_be_reopened(world):
    w = world
    services.submit_pledge(w.pledge_b, w.head_b)
    services.approve_pledge(w.pledge_b, w.clerk)
    with pytest.raises(ValidationError, match="không trả lại được; nếu cần sửa, hãy mở lại"):
        services.return_pledge(w.pledge_b, w.clerk, "sai")
    with pytest.raises(ValidationError, match="Ghi lý do mở lại"):
        services.reopen_pledge(w.pledge_b, w.clerk, "")
    with pytest.raises(PermissionDenied):
        services.reopen_pledge(w.pledge_b, w.head_b, "muốn sửa")
    services.reopen_pledge(w.pledge_b, w.clerk, "Số liệu rà soát lại")
    _refresh(w.pledge_b, w.poverty)
    assert w.pledge_b.status == S.RETURNED
    assert w.poverty.actual_value is None  # its results no longer count
    w.result(w.item_b, 4)
    services.submit_pledge(w.pledge_b, w.head_b)
    services.approve_pledge(w.pledge_b, w.clerk)
    _refresh(w.poverty)
    assert w.poverty.actual_value == Decimal(4)
    with pytest.raises(ValidationError, match="không thể mở lại"):
        services.reopen_pledge(w.pledge_a, w.clerk, "x")


def test_rollup_sums_approved_results_only(world):
    w = world
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    services.submit_pledge(w.pledge_b, w.head_b)
    _refresh(w.poverty)
    assert w.poverty.actual_value is None  # submitted is not approved
    services.approve_pledge(w.pledge_a, w.clerk)
    _refresh(w.poverty)
    assert w.poverty.actual_value == Decimal(6)
    services.approve_pledge(w.pledge_b, w.clerk)
    _refresh(w.poverty)
    assert w.poverty.actual_value == Decimal(9)
    assert w.poverty.achievement().status == "not_met"
    # A target entered by the office is not touched.
    Target.objects.filter(pk=w.poverty.pk).update(rollup=Target.Rollup.NONE, actual_value=30)
    services.reopen_pledge(w.pledge_a, w.clerk, "x")
    _refresh(w.poverty)
    assert w.poverty.actual_value == Decimal(30)


def test_transitions_offered(world):
    w = world
    assert policy_for(w.head_a, w.pledge_a).transitions() == ["submit"]
    assert policy_for(w.head_b, w.pledge_a).transitions() == []
    assert policy_for(w.clerk, w.pledge_a).transitions() == []
    services.submit_pledge(w.pledge_b, w.head_b)
    assert policy_for(w.clerk, w.pledge_b).transitions() == ["approve", "return"]
    assert policy_for(w.head_b, w.pledge_b).transitions() == []
    services.approve_pledge(w.pledge_b, w.leader)
    assert policy_for(w.leader, w.pledge_b).transitions() == ["reopen"]


def test_assign_targets_creates_draft_pledges_once(world):
    w = world
    unit_c = UnitFactory(name="Thôn C")
    other = Target.objects.create(
        movement=w.movement, name="Thu ngân sách", plan_value=900, unit_of_measure="triệu đồng"
    )
    targets = Target.objects.filter(pk__in=[w.poverty.pk, other.pk])
    assert services.assign_targets(targets, [unit_c, w.unit_a], w.clerk) == (1, 2, [w.unit_a])
    pledge = Pledge.objects.get(unit=unit_c)
    assert pledge.status == S.DRAFT
    assert list(pledge.items.values_list("title", "unit_of_measure")) == [
        ("Giảm hộ nghèo", "hộ"),
        ("Thu ngân sách", "triệu đồng"),
    ]
    assert services.assign_targets(targets, [unit_c], w.clerk) == (0, 0, [])
    with pytest.raises(PermissionDenied):
        services.assign_targets(targets, [unit_c], w.head_a)
