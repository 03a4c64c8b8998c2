import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.codes import canonical
from awards.models import AwardKind, AwardRule, BaseSalary, Commendation, Decision
from tests import factories
from tests.factories import AwardKindFactory, CommendationFactory, DecisionFactory


def _issue_errors(decision, user):
    with pytest.raises(ValidationError) as excinfo:
        services.issue_decision(decision, user)
    decision.refresh_from_db()
    assert decision.status == "draft"
    assert not decision.commendations.exclude(register_number=None).exists()
    return excinfo.value.messages


@pytest.mark.parametrize(
    "change, message",
    [
        ({"number": ""}, "Ghi số theo dạng N/QĐ-UBND, ví dụ 15/QĐ-UBND."),
        ({"number": "15/QĐ-UB"}, "Ghi số theo dạng N/QĐ-UBND, ví dụ 15/QĐ-UBND."),
        ({"number": "0/QĐ-UBND"}, "Ghi số theo dạng N/QĐ-UBND, ví dụ 15/QĐ-UBND."),
        ({"signed_on": None}, "Nhập ngày ký."),
        ({"signer_name": " "}, "Nhập tên người ký."),
    ],
)
def test_issue_refuses_incomplete_decision(draft, office, change, message):
    Decision.objects.filter(pk=draft.pk).update(**change)
    draft.refresh_from_db()
    assert message in _issue_errors(draft, office)


def test_issue_refuses_without_recipients(office):
    assert "Thêm ít nhất một trường hợp được khen." in _issue_errors(DecisionFactory(), office)


def test_issue_refuses_incomplete_or_disallowed_recipients(draft, office):
    lao_dong = AwardKindFactory(name="Lao động tiên tiến", recipient_type="individual")
    higher = AwardKind.objects.get(name="Tập thể lao động xuất sắc")  # the province's
    lines = list(draft.commendations.order_by("pk"))
    Commendation.objects.filter(pk=lines[0].pk).update(award_kind=lao_dong)
    Commendation.objects.filter(pk=lines[1].pk).update(honorific="", award_kind=higher)
    Commendation.objects.filter(pk=lines[2].pk).update(full_name="")
    errors = " ".join(_issue_errors(draft, office))
    assert "“Lao động tiên tiến” không dành cho tập thể" in errors
    assert "chọn Ông hoặc Bà" in errors
    assert "“Tập thể lao động xuất sắc” không thuộc thẩm quyền Chủ tịch UBND xã" in errors
    assert "thiếu tên" in errors


def test_number_unique_per_year(draft, office):
    services.issue_decision(draft, office)
    again = DecisionFactory(number="15/QĐ-UBND")
    CommendationFactory(decision=again)
    assert "Số 15/QĐ-UBND đã dùng trong năm 2023." in _issue_errors(again, office)
    next_year = DecisionFactory(number="15/QĐ-UBND", signed_on=datetime.date(2024, 1, 20))
    CommendationFactory(decision=next_year)
    services.issue_decision(next_year, office)  # N restarts each calendar year


def test_only_the_office_issues_and_revokes(draft, office):
    head = factories.hamlet_head(factories.UnitFactory())
    with pytest.raises(PermissionDenied):
        services.issue_decision(draft, head)
    services.issue_decision(draft, factories.leader())
    with pytest.raises(PermissionDenied):
        services.revoke_decision(draft, head, "x")


def test_issue_numbers_register_in_sequence_across_decisions(draft, office):
    services.issue_decision(draft, office)
    draft.refresh_from_db()
    assert draft.status == "issued" and draft.issued_by == office and draft.number_year == 2023
    first = list(draft.commendations.order_by("register_number"))
    assert [c.register_number for c in first] == [1, 2, 3]
    assert first[0].is_collective  # collectives first, as in the list
    second = DecisionFactory(number="16/QĐ-UBND", signed_on=datetime.date(2023, 3, 2))
    CommendationFactory(decision=second)
    CommendationFactory(decision=second)
    services.issue_decision(second, office)
    assert list(
        second.commendations.order_by("register_number").values_list("register_number", flat=True)
    ) == [4, 5]
    codes = list(Commendation.objects.values_list("verification_code", flat=True))
    assert len(set(codes)) == 5
    assert all(canonical(code) == code and len(code) == 19 for code in codes)  # 80 bits


def test_issued_amounts_are_fixed_at_issue(draft, office):
    services.issue_decision(draft, office)
    AwardRule.objects.filter(award_kind__name="Giấy khen").update(individual_coefficient="0.5")
    BaseSalary.objects.update(amount=9000000)
    line = draft.commendations.filter(recipient_type="individual").first()
    assert line.bonus_amount == 230000
    assert services.refresh_bonuses(draft) == 0  # an issued decision keeps its amounts


def test_revoke_keeps_rows_and_needs_a_reason(draft, office):
    with pytest.raises(ValidationError, match="Chỉ quyết định đã ban hành mới thu hồi được"):
        services.revoke_decision(draft, office, "Sai tên")
    services.issue_decision(draft, office)
    with pytest.raises(ValidationError, match="Ghi lý do thu hồi"):
        services.revoke_decision(draft, office, "  ")
    services.revoke_decision(draft, office, "Ghi sai họ tên người được khen")
    draft.refresh_from_db()
    assert draft.status == "revoked" and draft.revoke_reason.startswith("Ghi sai")
    assert draft.commendations.count() == 3
    assert not draft.commendations.filter(verification_code=None).exists()
