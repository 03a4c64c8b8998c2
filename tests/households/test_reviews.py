"""The yearly review of a hamlet's households: the 60 % rules at their edges, the
workflow, and who sees what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from awards import services
from awards.models import HouseholdReview, HouseholdVote, reaches
from tests import factories
from tests.factories import HouseholdFactory, MovementFactory, UnitFactory


@pytest.mark.parametrize(
    "part, whole, expected",
    [(6, 10, True), (5, 10, False), (5, 7, True), (4, 7, False), (3, 5, True), (0, 0, False)],
)
def test_sixty_percent_at_its_edges(part, whole, expected):
    assert reaches(part, whole, 60) is expected


class Hamlet:
    def __init__(self):
        self.movement = MovementFactory(year=2023)
        self.unit = UnitFactory(name="Thôn Lâm Giang")
        self.other_unit = UnitFactory(name="Thôn Ku Kê")
        self.head = factories.hamlet_head(self.unit, username="thon.lamgiang")
        self.other_head = factories.hamlet_head(self.other_unit, username="thon.kuke")
        self.clerk = factories.clerk()
        self.households = [
            HouseholdFactory(unit=self.unit, head_name=f"Nguyễn Văn {name}")
            for name in ("An", "Bình", "Cường")
        ]
        HouseholdFactory(unit=self.unit, head_name="Đã chuyển đi", is_active=False)
        HouseholdFactory(unit=self.other_unit, head_name="Hộ thôn khác")
        self.review = HouseholdReview.objects.create(movement=self.movement, unit=self.unit)
        services.add_household_lines(self.review, self.head)

    def vote(self, index, registered, votes_for):
        line = self.review.votes.get(household=self.households[index])
        line.registered, line.votes_for = registered, votes_for
        line.full_clean()
        line.save()
        return line

    def meeting(self, invited, present):
        self.review.meeting_on = datetime.date(2023, 11, 20)
        self.review.invited_count, self.review.present_count = invited, present
        self.review.save()


@pytest.fixture
def hamlet(db):
    return Hamlet()


def test_the_review_lists_the_hamlets_active_households_once(hamlet):
    names = set(hamlet.review.votes.values_list("household__head_name", flat=True))
    assert names == {"Nguyễn Văn An", "Nguyễn Văn Bình", "Nguyễn Văn Cường"}
    HouseholdFactory(unit=hamlet.unit, head_name="Mới chuyển đến")
    assert services.add_household_lines(hamlet.review, hamlet.head) == 1
    assert services.add_household_lines(hamlet.review, hamlet.head) == 0


def test_a_household_passes_with_sixty_percent_of_those_present_and_only_if_registered(hamlet):
    hamlet.meeting(invited=12, present=10)
    assert hamlet.vote(0, True, 6).passes
    assert not hamlet.vote(1, True, 5).passes
    line = hamlet.review.votes.get(household=hamlet.households[2])
    line.votes_for = 10
    with pytest.raises(ValidationError, match="Chỉ bỏ phiếu cho hộ đã đăng ký"):
        line.full_clean()
    assert not line.passes  # never, even if saved past the form
    line.registered, line.votes_for = True, 11
    with pytest.raises(ValidationError, match="Số phiếu nhiều hơn số người có mặt"):
        line.full_clean()


def test_submission_needs_a_valid_meeting_and_every_registered_households_votes(hamlet):
    hamlet.vote(0, True, 8)
    hamlet.vote(1, True, None)
    hamlet.meeting(invited=20, present=11)  # 55 %
    with pytest.raises(ValidationError) as refused:
        services.submit_household_review(hamlet.review, hamlet.head)
    text = " ".join(refused.value.messages)
    assert "Cuộc họp không hợp lệ: 11 người có mặt trên 20 người được mời, dưới 60 %." in text
    assert "Còn thiếu: Hộ ông Nguyễn Văn Bình" in text
    hamlet.review.refresh_from_db()
    assert hamlet.review.status == "draft"
    hamlet.meeting(invited=20, present=12)
    hamlet.vote(1, True, 7)
    services.submit_household_review(hamlet.review, hamlet.head)
    hamlet.review.refresh_from_db()
    assert hamlet.review.status == "submitted" and hamlet.review.submitted_by == hamlet.head
    passing = [v.household.head_name for v in hamlet.review.votes.all() if v.passes]
    assert passing == ["Nguyễn Văn An"]  # 8/12 passes, 7/12 does not


def test_the_workflow_and_who_may_take_each_step(hamlet):
    hamlet.meeting(invited=10, present=8)
    hamlet.vote(0, True, 8)
    with pytest.raises(PermissionDenied):
        services.submit_household_review(hamlet.review, hamlet.other_head)
    with pytest.raises(PermissionDenied):
        services.submit_household_review(hamlet.review, hamlet.clerk)
    services.submit_household_review(hamlet.review, hamlet.head)
    with pytest.raises(PermissionDenied):
        services.approve_household_review(hamlet.review, hamlet.head)
    with pytest.raises(ValidationError, match="Ghi rõ thôn cần sửa gì"):
        services.return_household_review(hamlet.review, hamlet.clerk, " ")
    services.return_household_review(hamlet.review, hamlet.clerk, "Thiếu biên bản.")
    hamlet.review.refresh_from_db()
    assert (hamlet.review.status, hamlet.review.review_note) == ("returned", "Thiếu biên bản.")
    services.submit_household_review(hamlet.review, hamlet.head)
    services.approve_household_review(hamlet.review, hamlet.clerk)
    hamlet.review.refresh_from_db()
    assert hamlet.review.status == "approved"
    with pytest.raises(ValidationError):
        services.submit_household_review(hamlet.review, hamlet.head)


def test_in_the_admin_the_head_records_their_hamlet_only_and_the_office_reviews(hamlet):
    client = Client()
    client.force_login(hamlet.head)
    url = f"/admin/awards/householdreview/{hamlet.review.pk}/change/"
    page = client.get(url).content.decode()
    assert "Nộp kết quả bình xét" in page
    lines = client.get(url.replace("change/", "households/")).content.decode()
    assert "Nguyễn Văn An" in lines and "Hộ thôn khác" not in lines
    assert 'name="registered-' in lines
    other = Client()
    other.force_login(hamlet.other_head)
    assert other.get(url).status_code == 404
    assert other.post(url.replace("change/", "workflow/submit/")).status_code == 404
    assert "Lâm Giang" not in other.get("/admin/awards/householdreview/").content.decode()
    hamlet.meeting(invited=10, present=8)
    hamlet.vote(0, True, 8)
    response = client.post(url.replace("change/", "workflow/submit/"), follow=True)
    assert "kết quả bình xét chuyển sang “Đã nộp”" in response.content.decode()
    lines = client.get(url.replace("change/", "households/")).content.decode()
    assert 'name="registered-' not in lines and "Nguyễn Văn An" in lines  # locked, readable
    office = Client()
    office.force_login(hamlet.clerk)
    response = office.post(
        url.replace("change/", "workflow/return/"), {"note": "Sai số phiếu."}, follow=True
    )
    assert "“Trả lại thôn”" in response.content.decode()
    assert "Sai số phiếu." in client.get(url).content.decode()


def test_a_hamlet_head_opens_a_review_for_their_own_hamlet_only(hamlet):
    HouseholdReview.objects.all().delete()
    HouseholdVote.objects.all().delete()
    client = Client()
    client.force_login(hamlet.head)
    add = "/admin/awards/householdreview/add/"
    refused = client.post(add, {"movement": hamlet.movement.pk, "unit": hamlet.other_unit.pk})
    assert refused.status_code == 200 and not HouseholdReview.objects.exists()
    data = {
        "movement": hamlet.movement.pk,
        "unit": hamlet.unit.pk,
    }
    assert client.post(add, data).status_code == 302
    review = HouseholdReview.objects.get()
    assert review.votes.count() == 3


def test_the_review_page_says_where_the_hamlet_stands(hamlet):
    client = Client()
    client.force_login(hamlet.head)
    url = f"/admin/awards/householdreview/{hamlet.review.pk}/change/"
    hamlet.vote(0, True, None)
    hamlet.vote(1, True, None)
    page = client.get(url).content.decode()
    assert "Đã đăng ký: 2/3 hộ" in page and "Đạt:" not in page
    hamlet.meeting(invited=20, present=11)
    hamlet.vote(0, True, 9)
    page = client.get(url).content.decode()
    assert "Đạt: 1 hộ" in page  # 9 of 11 present, but 11 of 20 invited is no valid meeting
    assert "cuộc họp không hợp lệ (dưới 60 % người được mời có mặt)" in page
    hamlet.meeting(invited=20, present=12)
    page = client.get(url).content.decode()
    assert "Đạt: 1 hộ" in page and "cuộc họp hợp lệ" in page and "không hợp lệ" not in page
