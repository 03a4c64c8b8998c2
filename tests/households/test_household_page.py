"""The hamlet's household page: 50 to a page, search and filters, "register all shown",
ticks and votes saved all or nothing, and nobody else's hamlet."""

import datetime

import pytest
from django.test import Client

from awards import services
from awards.models import HouseholdReview, reaches
from tests import factories
from tests.factories import HouseholdFactory, MovementFactory, UnitFactory


class Hamlet:
    def __init__(self, households=120):
        self.unit = UnitFactory(name="Thôn Lâm Giang")
        self.other = UnitFactory(name="Thôn Ku Kê")
        self.head = factories.hamlet_head(self.unit, username="thon.lamgiang")
        self.other_head = factories.hamlet_head(self.other, username="thon.kuke")
        self.clerk = factories.clerk()
        for n in range(households):
            street = "Xóm Trên" if n % 2 else "Xóm Dưới"
            HouseholdFactory(unit=self.unit, head_name=f"Nguyễn Văn Hộ {n:03}", address=street)
        self.review = HouseholdReview.objects.create(
            movement=MovementFactory(year=2023), unit=self.unit
        )
        services.add_household_lines(self.review, self.head)
        self.url = f"/admin/awards/householdreview/{self.review.pk}/households/"

    def client(self, user):
        client = Client()
        client.force_login(user)
        return client

    def line(self, n):
        return self.review.votes.get(household__head_name=f"Nguyễn Văn Hộ {n:03}")

    def meeting(self, invited=50, present=40):
        HouseholdReview.objects.filter(pk=self.review.pk).update(
            meeting_on=datetime.date(2023, 11, 20), invited_count=invited, present_count=present
        )
        self.review.refresh_from_db()


@pytest.fixture
def hamlet(db):
    return Hamlet()


def _rows(page):
    return page.count('class="household-line"')


@pytest.mark.parametrize("present", range(1, 61))
def test_the_votes_needed_are_exactly_the_sixty_percent_rule(present):
    review = HouseholdReview(present_count=present)
    needed = review.votes_needed
    assert reaches(needed, present, 60) and not reaches(needed - 1, present, 60)


def test_households_come_fifty_to_a_page_with_search_and_filters(hamlet):
    client = hamlet.client(hamlet.head)
    first = client.get(hamlet.url).content.decode()
    assert _rows(first) == 50 and "Trang 1/3" in first and "Nguyễn Văn Hộ 000" in first
    last = client.get(hamlet.url + "?page=3").content.decode()
    assert _rows(last) == 20 and "Nguyễn Văn Hộ 119" in last
    found = client.get(hamlet.url + "?q=hộ+007").content.decode()
    assert _rows(found) == 1 and "Nguyễn Văn Hộ 007" in found
    upper = client.get(hamlet.url + "?q=XÓM+TRÊN").content.decode()
    assert "Trang 1/2" in upper  # 60 households on the upper street
    plain = client.get(hamlet.url + "?q=nguyen+van+ho+00+xom+duoi").content.decode()
    assert _rows(plain) == 6  # 000, 002, 004, 006, 008, 100: typed without diacritics
    hamlet.review.votes.filter(pk=hamlet.line(5).pk).update(registered=True)
    assert _rows(client.get(hamlet.url + "?show=registered").content.decode()) == 1
    assert "Trang 1/3" in client.get(hamlet.url + "?show=unregistered").content.decode()
    assert "Đã đăng ký: <span" in first


def test_the_head_ticks_and_votes_and_the_counts_follow(hamlet):
    hamlet.meeting(invited=50, present=40)  # 24 votes pass
    client = hamlet.client(hamlet.head)
    a, b, c = hamlet.line(0), hamlet.line(1), hamlet.line(2)
    response = client.post(
        hamlet.url,
        {
            "line": [a.pk, b.pk, c.pk],
            f"registered-{a.pk}": "on",
            f"votes-{a.pk}": "24",
            f"registered-{b.pk}": "on",
            f"votes-{b.pk}": "23",
            f"votes-{c.pk}": "30",  # not registered: its votes are dropped
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã lưu: 2 hộ thay đổi." in page
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert (a.registered, a.votes_for, a.passes) == (True, 24, True)
    assert (b.registered, b.votes_for, b.passes) == (True, 23, False)
    assert (c.registered, c.votes_for) == (False, None)
    assert 'data-count="registered">2</span>/120' in page
    assert 'data-count="passing">1</span>' in page
    assert "Đạt" in client.get(hamlet.url + "?show=passing").content.decode()
    assert _rows(client.get(hamlet.url + "?show=passing").content.decode()) == 1
    assert _rows(client.get(hamlet.url + "?show=failing").content.decode()) == 1
    # Taking a household off the register drops its votes.
    client.post(hamlet.url, {"line": [a.pk], f"votes-{a.pk}": "24"})
    a.refresh_from_db()
    assert (a.registered, a.votes_for) == (False, None)


def test_a_wrong_line_saves_nothing_and_says_why(hamlet):
    hamlet.meeting(invited=50, present=40)
    client = hamlet.client(hamlet.head)
    a, b = hamlet.line(0), hamlet.line(1)
    data = {
        "line": [a.pk, b.pk],
        f"registered-{a.pk}": "on",
        f"votes-{a.pk}": "30",
        f"registered-{b.pk}": "on",
        f"votes-{b.pk}": "41",
    }
    page = client.post(hamlet.url, data).content.decode()
    assert "Hộ ông Nguyễn Văn Hộ 001: số phiếu (41) nhiều hơn số người có mặt (40)." in page
    assert 'value="41"' in page  # what was typed stays on the page
    a.refresh_from_db()
    assert (a.registered, a.votes_for) == (False, None)
    data[f"votes-{b.pk}"] = "bốn"
    page = client.post(hamlet.url, data).content.decode()
    assert "Số phiếu là số người (số nguyên), không phải “bốn”." in page
    assert not hamlet.review.votes.filter(registered=True).exists()


def test_votes_wait_for_the_meeting(hamlet):
    client = hamlet.client(hamlet.head)
    a = hamlet.line(0)
    page = client.post(
        hamlet.url, {"line": [a.pk], f"registered-{a.pk}": "on", f"votes-{a.pk}": "5"}
    ).content.decode()
    assert "Ghi số người có mặt tại cuộc họp ở trang bình xét trước khi nhập số phiếu." in page
    assert not hamlet.review.votes.filter(registered=True).exists()
    client.post(hamlet.url, {"line": [a.pk], f"registered-{a.pk}": "on"})
    assert hamlet.review.votes.filter(registered=True).count() == 1  # registering needs none


def test_register_all_shown_covers_every_page_of_the_search_only(hamlet):
    client = hamlet.client(hamlet.head)
    response = client.post(hamlet.url + "?q=Xóm+Dưới", {"register_all": "1"}, follow=True)
    assert "Đã đánh dấu đăng ký thêm 60 hộ." in response.content.decode()
    registered = hamlet.review.votes.filter(registered=True)
    assert registered.count() == 60
    assert set(registered.values_list("household__address", flat=True)) == {"Xóm Dưới"}


def test_nobody_else_records_a_hamlets_households(hamlet):
    a = hamlet.line(0)
    data = {"line": [a.pk], f"registered-{a.pk}": "on"}
    other = hamlet.client(hamlet.other_head)
    assert other.get(hamlet.url).status_code == 404
    assert other.post(hamlet.url, data).status_code == 404
    assert other.post(hamlet.url, {"register_all": "1"}).status_code == 404
    office = hamlet.client(hamlet.clerk)
    page = office.get(hamlet.url).content.decode()
    assert "Nguyễn Văn Hộ 000" in page and 'name="registered-' not in page
    assert "Chỉ tài khoản của Thôn Lâm Giang" in office.post(hamlet.url, data).content.decode()
    office.post(hamlet.url, {"register_all": "1"})
    # A line of another review posted to this page is refused.
    other_review = HouseholdReview.objects.create(
        movement=hamlet.review.movement, unit=hamlet.other
    )
    HouseholdFactory(unit=hamlet.other, head_name="Hộ Ku Kê")
    services.add_household_lines(other_review, hamlet.other_head)
    foreign = other_review.votes.get()
    own = hamlet.client(hamlet.head)
    page = own.post(
        hamlet.url, {"line": [foreign.pk], f"registered-{foreign.pk}": "on"}
    ).content.decode()
    assert "không thuộc lần bình xét này" in page
    assert not foreign.__class__.objects.filter(registered=True).exists()


def test_a_submitted_review_is_read_only_for_the_hamlet(hamlet):
    hamlet.meeting(invited=10, present=8)
    HouseholdReview.objects.filter(pk=hamlet.review.pk).update(status="submitted")
    client = hamlet.client(hamlet.head)
    a = hamlet.line(0)
    page = client.get(hamlet.url).content.decode()
    assert 'name="registered-' not in page and "Đánh dấu đăng ký tất cả" not in page
    client.post(hamlet.url, {"line": [a.pk], f"registered-{a.pk}": "on"})
    client.post(hamlet.url, {"register_all": "1"})
    assert not hamlet.review.votes.filter(registered=True).exists()
