import datetime
from decimal import Decimal

import pytest

from awards.documents import amount_in_words
from awards.models import BaseSalary
from awards.money import bonus_amount
from awards.selectors import count_phrase, totals
from awards.services import refresh_bonuses
from tests.factories import CommendationFactory, DecisionFactory


@pytest.mark.parametrize(
    "base, collective, amount",
    [
        (2340000, False, 710000),  # 0.3 × 2.340.000 = 702.000 → 710.000
        (2340000, True, 1410000),  # collective 1.404.000 → 1.410.000
        (1490000, False, 450000),  # 0.3 × 1.490.000 = 447.000 → 450.000
        (1490000, True, 900000),  # collective 894.000 → 900.000
    ],
)
def test_domain_examples(base, collective, amount):
    assert bonus_amount(Decimal("0.3"), base, collective) == amount


def test_exact_multiple_is_not_rounded_up():
    assert bonus_amount(Decimal("0.5"), 1800000, False) == 900000


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
    assert line.bonus_amount == 450000
    old.base_salary = 2340000
    old.save()
    line.refresh_from_db()
    assert line.bonus_amount == 450000  # saving the decision alone computes nothing
    refresh_bonuses(old)  # as the admin and imports do after changing a draft
    line.refresh_from_db()
    assert line.bonus_amount == 710000


@pytest.mark.django_db
def test_decision_total_in_figures_and_words(draft):
    collectives, individuals, total = totals(draft.commendations.all())
    assert (collectives, individuals, total) == (1, 2, 900000 + 2 * 450000)
    assert count_phrase(collectives, individuals) == "01 tập thể và 02 cá nhân"
    assert amount_in_words(6750000) == "Sáu triệu bảy trăm năm mươi nghìn đồng"
    assert amount_in_words(1800000) == "Một triệu tám trăm nghìn đồng"
    assert count_phrase(3, 9) == "03 tập thể và 09 cá nhân"
    assert count_phrase(0, 12) == "12 cá nhân"
