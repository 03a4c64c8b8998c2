"""The commune's fund: what is left for awards after the decisions signed in its year,
after a revocation and its refund; the warning before issuing a decision it cannot cover."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards import services
from awards.models import Decision, Fund, FundEntry
from awards.selectors import add_working_days, fund_standing, fund_warning
from emulation.models import Commune
from tests.factories import CommendationFactory, DecisionFactory, MovementFactory


def _fund(year=2023, allocation=10_000_000, donations=0):
    fund = Fund.objects.create(year=year)
    FundEntry.objects.create(
        fund=fund, kind="allocation", entered_on=datetime.date(year, 1, 5), amount=allocation
    )
    if donations:
        FundEntry.objects.create(
            fund=fund, kind="donation", entered_on=datetime.date(year, 2, 1), amount=donations
        )
    return fund


def _decision(number, lines=1, signed_on=datetime.date(2023, 1, 17)):
    decision = DecisionFactory(number=number, signed_on=signed_on)
    for _ in range(lines):
        CommendationFactory(decision=decision)  # Giấy khen, individual: 230.000 đ in 01/2023
    return decision


def test_the_balance_after_issuing_and_after_revoking_and_refunding(office):
    _fund(allocation=10_000_000, donations=2_500_000)
    standing = fund_standing(2023, Commune.current())
    assert (standing.income, standing.organising_share, standing.for_awards) == (
        12_500_000,
        2_500_000,  # 20 % for organising (Nghị định 152/2025 Điều 48)
        10_000_000,
    )
    assert standing.balance == 10_000_000
    decision = _decision("15/QĐ-UBND", lines=3)
    assert fund_standing(2023, Commune.current()).balance == 10_000_000  # a draft pays nothing
    services.issue_decision(decision, office)
    assert fund_standing(2023, Commune.current()).paid == 690_000
    assert fund_standing(2023, Commune.current()).balance == 9_310_000
    services.revoke_decision(decision, office, "Sai họ tên")
    standing = fund_standing(2023, Commune.current())
    assert standing.balance == 9_310_000  # paid until the money comes back
    (due,) = standing.refunds_due
    assert (due.paid, due.outstanding) == (690_000, 690_000)
    revoked_on = timezone.localtime(Decision.objects.get(pk=decision.pk).revoked_at).date()
    assert due.due_on == add_working_days(revoked_on, 15)
    FundEntry.objects.create(
        fund=Fund.objects.get(year=2023),
        kind="refund",
        entered_on=datetime.date(2023, 3, 1),
        amount=690_000,
        decision=decision,
    )
    standing = fund_standing(2023, Commune.current())
    assert standing.balance == 10_000_000
    assert standing.refunds_due[0].outstanding == 0


def test_a_decision_pays_from_the_fund_of_the_year_it_is_signed(office):
    _fund(year=2023)
    services.issue_decision(_decision("1/QĐ-UBND", signed_on=datetime.date(2024, 1, 10)), office)
    assert fund_standing(2023, Commune.current()).paid == 0
    assert fund_standing(2024, Commune.current()).paid == 270_000  # 0,15 × 1.800.000 on 10/01/2024


def test_fifteen_working_days_leave_out_weekends():
    # Friday 03/03/2023 + 15 working days = Friday 24/03/2023.
    assert add_working_days(datetime.date(2023, 3, 3), 15) == datetime.date(2023, 3, 24)
    # Saturday: the count starts on Monday.
    assert add_working_days(datetime.date(2023, 3, 4), 1) == datetime.date(2023, 3, 6)


def test_the_warning_before_issuing(office, client):
    decision = _decision("15/QĐ-UBND", lines=2)
    assert fund_warning(decision) == (
        "Chưa ghi quỹ thi đua, khen thưởng năm 2023: không kiểm tra được quỹ có đủ chi "
        "460.000 đồng của quyết định này không."
    )
    _fund(allocation=500_000)  # 400.000 đ for awards
    assert fund_warning(decision) == (
        "Quỹ thi đua, khen thưởng năm 2023 còn 400.000 đồng để chi khen thưởng; quyết định "
        "này chi 460.000 đồng: thiếu 60.000 đồng."
    )
    client.force_login(office)
    page = client.get(f"/admin/awards/decision/{decision.pk}/issue/")
    assert "thiếu 60.000 đồng" in page.text
    # A warning, not a refusal: the commune may add to the fund afterwards.
    services.issue_decision(decision, office)
    FundEntry.objects.create(
        fund=Fund.objects.get(year=2023),
        kind="donation",
        entered_on=datetime.date(2023, 2, 1),
        amount=1_000_000,
    )
    assert fund_warning(_decision("16/QĐ-UBND")) is None


@pytest.mark.parametrize(
    "kind, decision_status, day, field",
    [
        ("refund", None, datetime.date(2023, 3, 1), "decision"),
        ("refund", "issued", datetime.date(2023, 3, 1), "decision"),
        ("donation", "revoked", datetime.date(2023, 3, 1), "decision"),
        ("allocation", None, datetime.date(2024, 1, 2), "entered_on"),
    ],
)
def test_fund_entries_that_cannot_be(office, kind, decision_status, day, field):
    fund = _fund()
    decision = None
    if decision_status:
        decision = _decision("9/QĐ-UBND")
        services.issue_decision(decision, office)
        if decision_status == "revoked":
            services.revoke_decision(decision, office, "Sai")
    entry = FundEntry(fund=fund, kind=kind, entered_on=day, amount=1000, decision=decision)
    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert field in refused.value.message_dict


def test_the_dashboard_shows_what_is_left(clerk_client, demo):
    movement = MovementFactory(year=2022)
    body = clerk_client.get(f"/admin/?year={movement.year}").text
    # 45.000.000 + 5.000.000, 20 % for organising, 15/QĐ-UBND paid 3.420.000 đ.
    assert "Quỹ thi đua, khen thưởng năm 2023: còn 36.580.000 đồng để chi khen thưởng." in body
