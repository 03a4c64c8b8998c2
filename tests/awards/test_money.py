import datetime
from decimal import Decimal

import pytest

from awards.documents import amount_in_words
from awards.models import BaseSalary
from awards.money import bonus_amount
from awards.selectors import count_phrase, tally
from awards.services import refresh_bonuses
from tests.factories import CommendationFactory, DecisionFactory


@pytest.mark.parametrize(
    "coefficient, base, amount",
    [
        ("0.15", 1490000, 230000),  # 223.500 -> 230.000 (rounded UP, not down)
        ("0.3", 1490000, 450000),  # 447.000 -> 450.000
        ("0.15", 2340000, 360000),  # 351.000 -> 360.000
        ("0.3", 2340000, 710000),  # 702.000 -> 710.000
        ("0.6", 2340000, 1410000),  # 1.404.000 -> 1.410.000
        ("0.5", 1800000, 900000),  # an exact multiple stays
    ],
)
def test_the_money_rule(coefficient, base, amount):
    assert bonus_amount(Decimal(coefficient), base) == amount


# DOMAIN.md "Money": Giấy khen of the commune chairman, by the signing date.
@pytest.mark.django_db
@pytest.mark.parametrize(
    "signed_on, individual, collective",
    [
        (datetime.date(2023, 1, 17), 230000, 450000),  # ND 91/2017: 0,15 x 1.490.000
        (datetime.date(2024, 9, 1), 360000, 710000),  # ND 98/2023: 0,15 x 2.340.000
        (datetime.date(2025, 8, 1), 710000, 1410000),  # ND 152/2025: 0,3 x 2.340.000
    ],
)
def test_bonuses_follow_the_rules_in_force_on_the_signing_date(signed_on, individual, collective):
    decision = DecisionFactory(signed_on=signed_on)
    one = CommendationFactory(decision=decision)
    group = CommendationFactory(
        decision=decision, recipient_type="collective", honorific="", full_name="Thôn A"
    )
    one.refresh_from_db()
    group.refresh_from_db()
    assert (one.bonus_amount, group.bonus_amount) == (individual, collective)


@pytest.mark.django_db
def test_an_unconfirmed_rule_or_base_salary_stops_the_issue(clerk):
    from django.core.exceptions import ValidationError

    from awards.models import AwardRule
    from awards.services import issue_decision

    rule = AwardRule.objects.get(award_kind__name="Giấy khen", valid_from=datetime.date(2025, 7, 1))
    rule.confirmed = False
    rule.save()
    line = CommendationFactory(decision=DecisionFactory(signed_on=datetime.date(2025, 8, 1)))
    with pytest.raises(ValidationError) as refused:
        issue_decision(line.decision, clerk)
    assert any(
        m.startswith("Quy định của “Giấy khen” từ 01/07/2025 chưa được xác nhận")
        and f"/admin/awards/awardrule/{rule.pk}/change/" in m
        for m in refused.value.messages
    ), refused.value.messages
    # 2.530.000 đ from 01/7/2026 is seeded unconfirmed ([to confirm] in DOMAIN.md).
    later = CommendationFactory(decision=DecisionFactory(signed_on=datetime.date(2026, 8, 1)))
    assert later.decision.base_salary == 2530000
    with pytest.raises(ValidationError) as refused:
        issue_decision(later.decision, clerk)
    assert any(
        "Mức lương cơ sở 2.530.000 đ (01/07/2026) chưa được xác nhận" in m
        for m in refused.value.messages
    ), refused.value.messages
    line.decision.refresh_from_db()
    assert line.decision.status == "draft"


@pytest.mark.django_db
def test_an_award_the_commune_may_not_grant_on_that_date_is_refused(clerk):
    from django.core.exceptions import ValidationError

    from awards.models import AwardKind
    from awards.services import issue_decision

    cstd = AwardKind.objects.get(name="Chiến sĩ thi đua cơ sở")
    before = CommendationFactory(
        decision=DecisionFactory(signed_on=datetime.date(2025, 1, 10)), award_kind=cstd
    )
    with pytest.raises(ValidationError) as refused:
        issue_decision(before.decision, clerk)
    assert any("không thuộc thẩm quyền" in m for m in refused.value.messages)
    after = CommendationFactory(
        decision=DecisionFactory(signed_on=datetime.date(2025, 8, 1)), award_kind=cstd
    )
    issue_decision(after.decision, clerk)
    after.refresh_from_db()
    assert after.bonus_amount == 2340000  # 1,0 x 2.340.000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day, amount",
    [
        (datetime.date(2023, 1, 17), 1490000),
        (datetime.date(2023, 7, 1), 1800000),
        (datetime.date(2024, 6, 30), 1800000),
        (datetime.date(2024, 7, 1), 2340000),
        (datetime.date(2019, 6, 30), None),
    ],
)
def test_base_salary_in_force_on_the_signing_date(day, amount):
    assert BaseSalary.in_force_on(day) == amount


@pytest.mark.django_db
def test_decision_prefills_base_salary_and_grounds_by_date_and_amounts_follow():
    old = DecisionFactory(signed_on=datetime.date(2023, 1, 17))
    new = DecisionFactory(signed_on=datetime.date(2024, 12, 20))
    assert old.base_salary == 1490000 and new.base_salary == 2340000
    assert "Nghị định số 91/2017/NĐ-CP" in old.legal_basis
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in new.legal_basis
    assert old.reason == "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm 2022"
    line = CommendationFactory(decision=old)
    assert line.bonus_amount == 230000
    old.signed_on = datetime.date(2025, 8, 1)
    old.save()
    assert old.base_salary == 2340000  # a draft's base salary follows its signing date
    line.refresh_from_db()
    assert line.bonus_amount == 230000  # saving the decision alone computes nothing
    refresh_bonuses(old)  # as the admin and imports do after changing a draft
    line.refresh_from_db()
    assert line.bonus_amount == 710000


@pytest.mark.django_db
def test_decision_total_in_figures_and_words(draft):
    counted = tally(draft.commendations.all())
    assert counted == (1, 2, 0, 450000 + 2 * 230000)
    assert counted.phrase == "01 tập thể và 02 cá nhân"
    assert amount_in_words(3420000) == "Ba triệu bốn trăm hai mươi nghìn đồng"
    assert amount_in_words(1800000) == "Một triệu tám trăm nghìn đồng"
    assert count_phrase(3, 9) == "03 tập thể và 09 cá nhân"
    assert count_phrase(0, 12) == "12 cá nhân"
    assert count_phrase(3, 9, 412) == "03 tập thể, 09 cá nhân và 412 hộ gia đình"
    assert count_phrase(0, 0, 412) == "412 hộ gia đình"
