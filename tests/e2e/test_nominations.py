"""From proposal to payment in a real browser: a hamlet head on a phone proposes a
household and a person; the clerk returns one and accepts the other; the council's votes
are recorded; the decision is proposed, issued and printed; the payment list downloads."""

import io
import re

from pypdf import PdfReader

from awards.models import Decision, Nomination
from emulation.models import Household
from tests.e2e.conftest import E2E

pytestmark = E2E


def _pdf_text(journey, path):
    response = journey.context.request.get(journey.url + path)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return reader, " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages)


def _save(journey, button="_continue"):
    journey.page.click(f"input[name={button}]")
    journey.page.wait_for_load_state()


def test_from_a_hamlets_proposal_to_the_payment_list(journey):
    household = Household.objects.filter(unit__name="Thôn Lâm Giang").order_by("pk").first()
    head = journey("nominations-head", width=390, height=844)
    head.login("thon.lamgiang")

    # A household, chosen by typing a few letters of its head's name.
    head.go("/admin/awards/nomination/add/")
    head.page.select_option("#id_award_kind", label="Giấy khen Gia đình văn hóa")
    head.page.select_option("#id_recipient_type", "household")
    head.page.click("#id_household + .select2 .select2-selection")
    head.page.fill(".select2-search__field", household.head_name.split()[-1])
    head.page.locator(".select2-results__option", has_text=household.head_name).first.click()
    head.page.fill("#id_achievement", "Gia đình văn hóa 3 năm liền, tích cực hiến đất làm đường")
    head.shot("a household proposed")
    _save(head)
    head.page.once("dialog", lambda dialog: dialog.accept())
    head.page.click("input[name=submit]")
    head.page.wait_for_load_state()
    assert "“Đã nộp”" in head.text()

    # A person; submitting without Ông / Bà is refused and says why.
    head.go("/admin/awards/nomination/add/")
    head.page.select_option("#id_award_kind", label="Giấy khen")
    head.page.fill("#id_full_name", "Nguyễn Văn Tám")
    head.page.fill("#id_position", "Tổ trưởng tổ tự quản số 3")
    head.page.fill("#id_achievement", "Vận động 40 hộ đăng ký Gia đình văn hóa")
    _save(head)
    head.page.once("dialog", lambda dialog: dialog.accept())
    head.page.click("input[name=submit]")
    head.page.wait_for_load_state()
    assert "Hãy chọn Ông hoặc Bà." in head.text()
    head.page.select_option("#id_honorific", "Ông")
    _save(head)
    head.page.once("dialog", lambda dialog: dialog.accept())
    head.page.click("input[name=submit]")
    head.page.wait_for_load_state()
    assert "“Đã nộp”" in head.text()
    head.shot("a person proposed")
    person = Nomination.objects.get(full_name="Nguyễn Văn Tám")
    proposed_household = Nomination.objects.get(household=household)

    clerk = journey("nominations-clerk")
    clerk.login("vanphong")
    clerk.go(f"/admin/awards/nomination/{proposed_household.pk}/change/")
    clerk.page.fill("#id_return_note", "Bổ sung biên bản họp thôn bình xét")
    clerk.page.click("input[name=return]")
    clerk.page.wait_for_load_state()
    clerk.go(f"/admin/awards/nomination/{person.pk}/change/")
    clerk.page.click("input[name=accept]")
    clerk.page.wait_for_load_state()
    assert "“Đã tiếp nhận, chờ Hội đồng”" in clerk.text()

    # The hamlet head reads the office's note on the returned one.
    head.go(f"/admin/awards/nomination/{proposed_household.pk}/change/")
    assert "Bổ sung biên bản họp thôn bình xét" in head.text()

    # The council meets and votes.
    clerk.go("/admin/awards/councilmeeting/add/")
    clerk.page.fill("#id_held_on", "10/01/2024")
    clerk.page.fill("#id_members_total", "9")
    clerk.page.fill("#id_members_present", "8")
    clerk.page.fill("#id_chaired_by", "Nguyễn Quang Minh")
    _save(clerk)
    clerk.page.click("#votes-link")
    clerk.page.wait_for_load_state()
    clerk.page.fill(f"input[name=for-{person.pk}]", "8")
    clerk.page.fill(f"input[name=cast-{person.pk}]", "8")
    clerk.shot("the council's votes")
    clerk.page.click("#council-votes input[type=submit]")
    clerk.page.wait_for_load_state()
    assert "Đã ghi 1 kết quả: 1 được thông qua, 0 không được thông qua." in clerk.text()
    person.refresh_from_db()
    assert person.status == "approved"
    _reader, minutes = _pdf_text(clerk, clerk.page.get_attribute("#council-minutes-link", "href"))
    assert "Ông Nguyễn Văn Tám Giấy khen Thôn Lâm Giang 8/8 Thông qua" in minutes

    # The decision from the vote: proposed, numbered, issued, printed, paid.
    clerk.go("/admin/awards/nomination/?year=2023")
    clerk.page.check(f"input[name=_selected_action][value='{person.pk}']")
    clerk.page.select_option("select[name=action]", "propose_decisions")
    clerk.page.click("button[name=index]")
    clerk.page.wait_for_load_state()
    assert "Đã lập dự thảo quyết định “Giấy khen” cho 01 cá nhân" in clerk.text()
    clerk.page.fill("#id_number", "3/QĐ-UBND")
    clerk.page.fill("#id_signed_on", "20/01/2024")
    _save(clerk)
    clerk.page.click("#issue-link")
    clerk.page.wait_for_load_state()
    clerk.page.click("input[name=confirm]")
    clerk.page.wait_for_load_state()
    assert "Đã ban hành Quyết định 3/QĐ-UBND" in clerk.text()
    clerk.shot("the decision issued")
    decision = Decision.objects.get(number="3/QĐ-UBND")
    person.refresh_from_db()
    assert person.status == "decided"
    _reader, certificate = _pdf_text(
        clerk, f"/admin/awards/decision/{decision.pk}/certificates.pdf"
    )
    assert "Ông Nguyễn Văn Tám" in certificate and "GIẤY KHEN" in certificate
    _reader, payment = _pdf_text(clerk, clerk.page.get_attribute("#payment-list-link", "href"))
    assert "1 Ông Nguyễn Văn Tám Tổ trưởng tổ tự quản số 3, Thôn Lâm Giang 270.000" in payment
    assert "Tổng số tiền bằng chữ: Hai trăm bảy mươi nghìn đồng." in payment
