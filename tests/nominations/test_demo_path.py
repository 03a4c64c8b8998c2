"""The demo's 15/QĐ-UBND walks the whole path: units' nominations, the council's vote of
10/01/2023 (its minutes made from the record), the decision, the payment list."""

import io
import re

from pypdf import PdfReader

from awards import documents
from awards.models import CouncilMeeting, CouncilRule, Decision, Nomination


def _text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages)


def test_the_demo_decision_comes_from_voted_nominations(demo):
    decision = Decision.objects.get(number="15/QĐ-UBND")
    lines = list(decision.commendations.select_related("nomination"))
    assert len(lines) == 12 and all(line.nomination for line in lines)
    assert {line.nomination.status for line in lines} == {Nomination.Status.DECIDED}
    assert {line.nomination.unit for line in lines} == {line.unit for line in lines}
    meeting = CouncilMeeting.objects.get()
    assert meeting.votes.filter(passed=True).count() == 12
    # Only the demo's own rule is confirmed; a real commune sets the others itself.
    assert list(
        CouncilRule.objects.filter(confirmed=True).values_list("award_kind__name", flat=True)
    ) == ["Giấy khen"]


def test_the_council_minutes_are_made_from_the_record(demo, clerk_client):
    meeting = CouncilMeeting.objects.get()
    text = _text(documents.council_minutes_pdf(meeting))
    for expected in [
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "BIÊN BẢN",
        "Họp Hội đồng Thi đua - Khen thưởng xã xét đề nghị khen thưởng năm 2022",
        "Hôm nay, ngày 10 tháng 01 năm 2023",
        "Thành viên Hội đồng: 9; có mặt: 8 (88,89%). Hình thức biểu quyết: bỏ phiếu kín.",
        "Tổng Quốc Việt, Bí thư Đảng ủy xã",
        "1 Thôn Lâm Giang Giấy khen Thôn Lâm Giang 8/8 Thông qua",
        "Ông Nguyễn Văn An Giấy khen Thôn Lâm Giang 8/8 Thông qua",
        "khen thưởng 12 trường hợp được thông qua",
        "CHỦ TỊCH HỘI ĐỒNG",
    ]:
        assert expected in text, expected
    response = clerk_client.get(f"/admin/awards/councilmeeting/{meeting.pk}/minutes/")
    assert response["Content-Type"] == "application/pdf"


def test_the_demo_2023_movement_has_registrations(demo):
    from awards.models import Registration
    from awards.selectors import units_not_registered
    from emulation.models import Movement

    movement = Movement.objects.get(commune__name="Hàm Liêm", year=2023)
    assert str(movement.registration_deadline) == "2023-02-28"
    assert Registration.objects.filter(movement=movement).count() == 9 + 4
    missing = {unit.name for unit in units_not_registered(movement)}
    assert {"Thôn Lâm Thuận", "Thôn Dân Thuận"} <= missing
    assert "Thôn Lâm Giang" not in missing
