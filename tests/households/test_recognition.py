"""From the approved reviews to the decision recognising Gia đình văn hóa and its
Giấy công nhận: the recipients are exactly the passing households, counted as
households; the decision is signed only after every hamlet's list was posted."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from pypdf import PdfReader

from awards import documents, services
from awards.models import Commendation, HouseholdReview
from awards.selectors import tally
from tests import factories
from tests.factories import CommuneFactory, HouseholdFactory, MovementFactory, UnitFactory

DAY = datetime.date


class Commune:
    """Lâm Giang (approved): An and Bình pass, Cường fails, Dũng did not register.
    Ku Kê (submitted, not yet approved): one passing household."""

    def __init__(self):
        CommuneFactory()
        self.movement = MovementFactory(year=2023)
        self.a = UnitFactory(name="Thôn Lâm Giang", order=1)
        self.b = UnitFactory(name="Thôn Ku Kê", order=2)
        self.head_a = factories.hamlet_head(self.a, username="thon.lamgiang")
        self.head_b = factories.hamlet_head(self.b, username="thon.kuke")
        self.clerk = factories.clerk()
        people = [("Ông", "Nguyễn Văn An"), ("Bà", "Trần Thị Bình"), ("Ông", "Lê Cường")]
        for honorific, name in [*people, ("Ông", "Phạm Dũng")]:
            HouseholdFactory(
                unit=self.a, honorific=honorific, head_name=name, address="Tổ 1, thôn Lâm Giang"
            )
        HouseholdFactory(unit=self.b, head_name="Võ Văn Ka", address="Tổ 2, thôn Ku Kê")
        self.review_a = self._review(
            self.a,
            self.head_a,
            {"Nguyễn Văn An": 30, "Trần Thị Bình": 24, "Lê Cường": 23, "Phạm Dũng": None},
        )
        services.approve_household_review(self.review_a, self.clerk)
        self.review_b = self._review(self.b, self.head_b, {"Võ Văn Ka": 40})

    def _review(self, unit, head, votes):
        review = HouseholdReview.objects.create(
            movement=self.movement,
            unit=unit,
            meeting_on=DAY(2023, 11, 20),
            invited_count=50,
            present_count=40,  # 24 votes pass
        )
        services.add_household_lines(review, head)
        lines = {
            line.pk: (votes[line.household.head_name] is not None, votes[line.household.head_name])
            for line in review.votes.select_related("household")
        }
        services.record_household_lines(review, head, lines)
        return services.submit_household_review(review, head)

    def post(self, review, start):
        review.refresh_from_db()
        review.posted_from = start
        review.save()
        return review


@pytest.fixture
def commune(db):
    return Commune()


def _pages(content):
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_the_decision_recognises_exactly_the_passing_households_of_approved_reviews(commune):
    decision = services.propose_household_decision(commune.movement, commune.clerk)
    lines = list(decision.commendations.order_by("order"))
    assert [line.display_name for line in lines] == ["Hộ ông Nguyễn Văn An", "Hộ bà Trần Thị Bình"]
    assert {line.recipient_type for line in lines} == {"household"}
    assert {line.award_kind.name for line in lines} == {"Gia đình văn hóa"}
    assert [line.household.head_name for line in lines] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert tally(decision.commendations.all()).phrase == "02 hộ gia đình"
    assert decision.is_draft and decision.signer_name == "Nguyễn Quang Minh"
    with pytest.raises(ValidationError, match="không còn hộ đạt nào"):
        services.propose_household_decision(commune.movement, commune.clerk)
    # Ku Kê approved later: proposing again adds only its household, in a new draft.
    services.approve_household_review(commune.review_b, commune.clerk)
    second = services.propose_household_decision(commune.movement, commune.clerk)
    assert [line.display_name for line in second.commendations.all()] == ["Hộ ông Võ Văn Ka"]


def test_only_the_office_proposes(commune):
    with pytest.raises(PermissionDenied):
        services.propose_household_decision(commune.movement, commune.head_a)
    assert not Commendation.objects.exists()


def test_the_decision_is_signed_after_every_hamlets_posting_has_ended(commune):
    services.approve_household_review(commune.review_b, commune.clerk)
    decision = services.propose_household_decision(commune.movement, commune.clerk)
    decision.number, decision.signed_on = "20/QĐ-UBND", DAY(2023, 12, 11)
    decision.save()
    problems = services.issue_problems(decision)
    assert "Thôn Lâm Giang: chưa ghi ngày niêm yết công khai danh sách hộ." in problems
    assert "Thôn Ku Kê: chưa ghi ngày niêm yết công khai danh sách hộ." in problems
    commune.movement.household_posting_days = 10
    commune.movement.save()
    assert commune.post(commune.review_a, DAY(2023, 12, 1)).posted_until == DAY(2023, 12, 10)
    commune.post(commune.review_b, DAY(2023, 12, 2))  # until 11/12
    assert services.issue_problems(decision) == [
        "Thôn Ku Kê: danh sách niêm yết đến hết ngày 11/12/2023; quyết định phải ký sau ngày đó."
    ]
    with pytest.raises(ValidationError):
        services.issue_decision(decision, commune.clerk)
    decision.signed_on = DAY(2023, 12, 12)
    decision.save()
    services.issue_decision(decision, commune.clerk)
    decision.refresh_from_db()
    assert decision.status == "issued"


def _issued(commune):
    commune.post(commune.review_a, DAY(2023, 12, 1))
    decision = services.propose_household_decision(commune.movement, commune.clerk)
    decision.number, decision.signed_on = "20/QĐ-UBND", DAY(2023, 12, 11)
    decision.save()
    services.issue_decision(decision, commune.clerk)
    decision.refresh_from_db()
    return decision


def test_the_giay_cong_nhan_of_each_household(commune):
    decision = _issued(commune)
    pages = _pages(documents.certificates_pdf(decision))
    lines = list(decision.commendations.order_by("register_number"))
    assert len(pages) == len(lines) == 2
    for text, line in zip(pages, lines, strict=True):
        for expected in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM LIÊM",
            "GIẤY CÔNG NHẬN",
            "GIA ĐÌNH VĂN HÓA",
            "Năm 2023",
            line.display_name,
            "Địa chỉ: Tổ 1, thôn Lâm Giang",
            "Quyết định số: 20/QĐ-UBND, ngày 11/12/2023",
            f"Số sổ: {line.register_number:02d}",
            line.verification_code,
        ]:
            assert expected in text, expected
        assert "TẶNG" not in text
    assert "Hộ ông Nguyễn Văn An" in pages[0] and "Hộ bà Trần Thị Bình" in pages[1]


def test_the_recognition_decision_reads_as_one(commune):
    decision = _issued(commune)
    text = " ".join(_pages(documents.decision_pdf(decision)))
    for expected in [
        "Về việc công nhận danh hiệu Gia đình văn hóa năm 2023",
        "Công nhận danh hiệu Gia đình văn hóa năm 2023 cho 02 hộ gia đình (có danh sách kèm theo).",
        "Các hộ gia đình có tên tại Điều 1 được cấp Giấy công nhận Gia đình văn hóa.",
        "các hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này",
        "các hộ gia đình được công nhận danh hiệu Gia đình văn hóa năm 2023",
        "STT Hộ gia đình Địa chỉ Hình thức",
        "Thôn Lâm Giang",
        "1 Hộ ông Nguyễn Văn An Tổ 1, thôn Lâm Giang Gia đình văn hóa",
    ]:
        assert expected in text, expected
    assert "tập thể" not in text and "cá nhân" not in text and "Tổng cộng" not in text


def test_the_office_records_the_posting_the_hamlet_cannot(commune):
    url = f"/admin/awards/householdreview/{commune.review_a.pk}/change/"
    head = Client()
    head.force_login(commune.head_a)
    assert 'name="posted_from"' not in head.get(url).content.decode()
    office = Client()
    office.force_login(commune.clerk)
    page = office.get(url).content.decode()
    assert 'name="posted_from"' in page and 'name="meeting_on"' not in page
    response = office.post(url, {"posted_from": "01/12/2023", "posted_until": ""})
    assert response.status_code == 302
    commune.review_a.refresh_from_db()
    assert commune.review_a.posted_until == DAY(2023, 12, 10)
    response = office.post(url, {"posted_from": "05/12/2023", "posted_until": "01/12/2023"})
    assert "Ngày kết thúc niêm yết không thể trước ngày bắt đầu." in response.content.decode()


def test_the_clerk_proposes_from_the_review_list(commune):
    office = Client()
    office.force_login(commune.clerk)
    response = office.post(
        "/admin/awards/householdreview/",
        {"action": "propose_recognition", "_selected_action": [commune.review_a.pk]},
    )
    decision = Commendation.objects.get(household__head_name="Nguyễn Văn An").decision
    assert response.status_code == 302
    assert response["Location"] == f"/admin/awards/decision/{decision.pk}/change/"
    head = Client()
    head.force_login(commune.head_a)
    page = head.get("/admin/awards/householdreview/").content.decode()
    assert "propose_recognition" not in page


def test_the_minutes_are_made_from_the_record(commune):
    client = Client()
    client.force_login(commune.head_a)
    response = client.get(f"/admin/awards/householdreview/{commune.review_a.pk}/minutes/")
    assert response["Content-Type"] == "application/pdf"
    assert "bien-ban-binh-xet-Thon-Lam-Giang-2023.pdf" in response["Content-Disposition"]
    text = " ".join(_pages(response.content))
    for expected in [
        "ỦY BAN NHÂN DÂN XÃ HÀM LIÊM",
        "THÔN LÂM GIANG",
        "Thôn Lâm Giang, ngày 20 tháng 11 năm 2023",
        "BIÊN BẢN",
        "Họp bình xét danh hiệu “Gia đình văn hóa” năm 2023",
        "Số người được mời: 50; số người có mặt: 40 (80% số người được mời).",
        "Cuộc họp đủ điều kiện tiến hành (có mặt từ 60% số người được mời trở lên).",
        "Số hộ đăng ký: 3/4 hộ.",
        "(từ 24 phiếu trở lên)",
        "1 Hộ ông Lê Cường Tổ 1, thôn Lâm Giang 23 57,5% Không đề nghị",
        "2 Hộ ông Nguyễn Văn An Tổ 1, thôn Lâm Giang 30 75% Đề nghị",
        "3 Hộ bà Trần Thị Bình Tổ 1, thôn Lâm Giang 24 60% Đề nghị",
        "công nhận danh hiệu “Gia đình văn hóa” năm 2023 cho 2 hộ",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ]:
        assert expected in text, expected
    assert "Phạm Dũng" not in text  # not registered: not reviewed
    other = Client()
    other.force_login(commune.head_b)
    assert (
        other.get(f"/admin/awards/householdreview/{commune.review_a.pk}/minutes/").status_code
        == 404
    )


def test_the_public_notice_lists_the_proposed_households_with_its_dates(commune):
    commune.post(commune.review_a, DAY(2023, 12, 1))
    client = Client()
    client.force_login(commune.clerk)
    response = client.get(f"/admin/awards/householdreview/{commune.review_a.pk}/notice/")
    text = " ".join(_pages(response.content))
    for expected in [
        "DANH SÁCH",
        "Hộ gia đình được đề nghị công nhận danh hiệu “Gia đình văn hóa” năm 2023",
        "(Niêm yết công khai từ ngày 01/12/2023 đến hết ngày 10/12/2023)",
        "1 Hộ ông Nguyễn Văn An Tổ 1, thôn Lâm Giang 30",
        "2 Hộ bà Trần Thị Bình Tổ 1, thôn Lâm Giang 24",
        "Tổng số: 2 hộ.",
        "TRƯỞNG THÔN",
    ]:
        assert expected in text, expected
    assert "Lê Cường" not in text


def test_a_decision_of_hundreds_of_households_links_to_its_list(commune):
    from awards.models import AwardKind, Decision

    decision = Decision.objects.create(movement=commune.movement)
    kind = AwardKind.objects.get(name="Gia đình văn hóa")
    homes = [HouseholdFactory(unit=commune.a, head_name=f"Hộ số {n:02}") for n in range(61)]
    Commendation.objects.bulk_create(
        Commendation(
            decision=decision,
            award_kind=kind,
            recipient_type="household",
            household=home,
            unit=commune.a,
            honorific="Ông",
            full_name=home.head_name,
            order=n,
        )
        for n, home in enumerate(homes, 1)
    )
    client = Client()
    client.force_login(commune.clerk)
    url = f"/admin/awards/decision/{decision.pk}/change/"
    page = client.get(url).content.decode()
    assert "commendations-TOTAL_FORMS" not in page and 'id="recipients-link"' in page
    link = re.search(r'id="recipients-link" href="([^"]+)"', page).group(1)
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Hộ ông Hộ số 60" in listed and "61 hộ gia đình" in page
    response = client.post(
        url, {"movement": commune.movement.pk, "number": "30/QĐ-UBND", "signer_title": "CHỦ TỊCH"}
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.number == "30/QĐ-UBND"
