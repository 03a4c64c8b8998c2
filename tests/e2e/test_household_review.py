"""The households' year in a real browser: a hamlet head on a phone registers, records
the meeting and the votes, and submits; the clerk approves, posts the list, proposes
and issues the recognition, and prints the Giấy công nhận."""

import io
import re

from pypdf import PdfReader

from awards.models import Decision, HouseholdReview
from tests.e2e.conftest import E2E

pytestmark = E2E


def _count(page, name):
    return int(page.inner_text(f'#lines-summary [data-count="{name}"]').replace(".", ""))


def test_a_hamlet_head_records_the_review_and_the_clerk_recognises_the_households(journey):
    review = HouseholdReview.objects.get(unit__name="Thôn Lâm Thuận", movement__year=2023)
    change = f"/admin/awards/householdreview/{review.pk}/change/"
    head = journey("household-review", width=390, height=844)
    head.login("thon.lamthuan")
    head.go(change)
    head.page.click("#households-link")
    head.page.wait_for_load_state()
    head.shot("households of the hamlet")

    # The count follows a tick at once; "register all shown" asks first.
    before = _count(head.page, "registered")
    first = head.page.locator("tr.household-line input[type=checkbox]").first
    first.uncheck()
    assert _count(head.page, "registered") == before - 1
    first.check()
    assert _count(head.page, "registered") == before
    head.page.once("dialog", lambda dialog: dialog.accept())
    head.page.click("input[name=register_all]")
    head.page.wait_for_load_state()
    assert "Đã đánh dấu đăng ký thêm" in head.text()
    assert _count(head.page, "registered") == review.votes.count()
    head.page.fill("#id_q", "bui")  # typed without diacritics
    head.page.click(".household-search input[type=submit]")
    head.page.wait_for_load_state()
    assert "Bùi" in head.text()
    head.shot("search without diacritics")

    # The meeting, then the votes page by page: the result shows while typing.
    head.go(change)
    head.page.fill("#id_meeting_on", "20/11/2023")
    head.page.fill("#id_invited_count", "50")
    head.page.fill("#id_present_count", "40")
    head.page.click("input[name=_continue]")
    head.page.wait_for_load_state()
    head.page.click("#households-link")
    head.page.wait_for_load_state()
    boxes = head.page.locator("tr.household-line input.votes")
    boxes.first.fill("23")
    assert head.page.locator("tr.household-line .line-result").first.inner_text() == "không đạt"
    boxes.first.fill("30")
    assert head.page.locator("tr.household-line .line-result").first.inner_text() == "đạt"
    head.shot("votes typed")
    while True:
        for index in range(boxes.count()):
            boxes.nth(index).fill("30")
        head.page.click("#household-lines input[type=submit]")
        head.page.wait_for_load_state()
        assert "Đã lưu" in head.text()
        following = head.page.locator(".paginator a", has_text="Trang sau")
        if not following.count():
            break
        following.click()
        head.page.wait_for_load_state()
    head.go(change)
    head.page.once("dialog", lambda dialog: dialog.accept())
    head.page.click("input[name=submit]")
    head.page.wait_for_load_state()
    assert "“Đã nộp”" in head.text()
    head.shot("submitted")
    review.refresh_from_db()
    passing = sum(1 for vote in review.votes.all() if vote.passes)
    assert review.status == "submitted" and passing == review.votes.count()

    clerk = journey("household-recognition")
    clerk.login("vanphong")
    clerk.go(change)
    clerk.page.click("input[name=approve]")
    clerk.page.wait_for_load_state()
    clerk.page.fill("#id_posted_from", "01/12/2023")
    clerk.page.click("input[name=_continue]")
    clerk.page.wait_for_load_state()
    review.refresh_from_db()
    assert str(review.posted_until) == "2023-12-10"
    clerk.go("/admin/awards/householdreview/")
    clerk.page.check(f"input[name=_selected_action][value='{review.pk}']")
    clerk.page.select_option("select[name=action]", "propose_recognition")
    clerk.page.click("button[name=index]")
    clerk.page.wait_for_load_state()
    assert f"{passing:02d} hộ gia đình" in clerk.text()
    clerk.page.fill("#id_number", "120/QĐ-UBND")
    clerk.page.fill("#id_signed_on", "15/12/2023")
    clerk.page.click("input[name=_continue]")
    clerk.page.wait_for_load_state()
    clerk.page.click("#issue-link")
    clerk.page.wait_for_load_state()
    clerk.page.click("input[name=confirm]")
    clerk.page.wait_for_load_state()
    assert "Đã ban hành Quyết định 120/QĐ-UBND" in clerk.text()
    clerk.shot("recognition issued")

    decision = Decision.objects.get(number="120/QĐ-UBND")
    pdf = clerk.context.request.get(
        clerk.url + f"/admin/awards/decision/{decision.pk}/certificates.pdf"
    )
    reader = PdfReader(io.BytesIO(pdf.body()))
    assert len(reader.pages) == passing
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    line = decision.commendations.order_by("register_number").first()
    for expected in ["GIẤY CÔNG NHẬN", "GIA ĐÌNH VĂN HÓA", "Năm 2023", line.display_name]:
        assert expected in text
