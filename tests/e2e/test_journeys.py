"""The four journeys of the clerk and a hamlet head, in a real browser."""

import io
import re

from pypdf import PdfReader

from awards.models import Decision
from pledges.models import Pledge
from targets.models import Target
from tests.e2e.conftest import E2E
from tests.spreadsheets import xlsx_bytes
from tests.targets.test_import_export import HEADERS

pytestmark = E2E
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_clerk_imports_targets_and_prints_the_summary(journey):
    clerk = journey("clerk-import")
    clerk.login("vanphong")
    clerk.shot("home")
    clerk.go("/admin/targets/target/import/")
    content = xlsx_bytes(
        [
            HEADERS,
            [
                "2023",
                "20",
                "Trồng cây phân tán",
                "cây",
                "",
                "5.000",
                "",
                "",
                "Không",
                "Thôn Lâm Giang",
                "",
                "",
            ],
        ]
    )
    clerk.page.set_input_files(
        "#id_import_file",
        files=[{"name": "chi-tieu-2023.xlsx", "mimeType": XLSX, "buffer": content}],
    )
    clerk.page.select_option("#id_format", label="xlsx")
    clerk.shot("choose file")
    clerk.page.click(".submit-row input[type=submit]")
    clerk.page.wait_for_selector("input[name=confirm]")
    assert "Trồng cây phân tán" in clerk.text()
    assert not Target.objects.filter(name="Trồng cây phân tán").exists()  # preview only
    clerk.shot("preview")
    clerk.page.click("input[name=confirm]")
    clerk.page.wait_for_load_state()
    clerk.shot("imported")
    assert Target.objects.get(name="Trồng cây phân tán").plan_value == 5000

    clerk.go("/admin/targets/target/report/2022/")
    text = clerk.text()
    assert "Thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu" in text
    assert "100,37%" in text
    clerk.shot("summary report")
    pdf = clerk.context.request.get(clerk.url + "/admin/targets/target/report/2022/?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    _reader, text = _pdf_text(pdf.body())
    assert "Tổng sản lượng lương thực: 5.018,6 tấn (KH: 5.000 tấn) đạt 100,37%" in text


def test_hamlet_head_enters_and_submits_on_a_phone(journey):
    head = journey("hamlet-head", width=390, height=844)
    head.login("thon.lamthuan")
    head.shot("home on a phone")
    head.page.click("#panel-my-pledge a.button")
    head.page.wait_for_load_state()
    pledge = Pledge.objects.get(unit__name="Thôn Lâm Thuận", movement__year=2023)
    for index, item in enumerate(pledge.items.order_by("order", "pk")):
        if item.direction == "yes_no":
            head.page.select_option(f"select[name=items-{index}-achieved]", "true")
        elif item.result_value is None:
            head.page.fill(f"input[name=items-{index}-result_value]", "99,5")
    head.shot("results entered")
    # Submitting asks first; "Huỷ" leaves everything as it was.
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    head.page.once("dialog", lambda dialog: answer(dialog, False))
    head.page.click("input[name=_submit_results]")
    assert "Nộp kết quả cho Văn phòng UBND xã?" in questions[0]
    pledge.refresh_from_db()
    assert pledge.status == "signed"
    head.page.once("dialog", lambda dialog: answer(dialog, True))
    head.page.click("input[name=_submit_results]")
    head.page.wait_for_load_state()
    text = head.text()
    assert "giao ước chuyển sang “Đã nộp kết quả”" in text
    assert head.page.locator("input[name$=result_value]").count() == 0  # read-only now
    assert "XIN CHÀO, HỒ VĂN DŨNG" in text.upper()  # the person's name, not the username
    head.shot("submitted")
    pledge.refresh_from_db()
    assert pledge.status == "submitted"
    assert pledge.items.get(title="Hộ đăng ký Gia đình văn hóa").result_value == 99.5

    other = Pledge.objects.get(unit__name="Thôn Dân Hòa", movement__year=2023)
    response = head.go(f"/admin/pledges/pledge/{other.pk}/change/")
    assert response.status == 404
    assert "Thôn Dân Hòa" not in head.text()
    head.shot("another hamlet refused")


def test_clerk_returns_one_approves_another_and_the_head_sees_the_note(journey):
    clerk = journey("clerk-review")
    clerk.login("vanphong")
    returned = Pledge.objects.get(unit__name="Thôn Dân Hòa", movement__year=2023)
    approved = Pledge.objects.get(unit__name="Thôn Lâm Hòa", movement__year=2023)
    clerk.go(f"/admin/pledges/pledge/{returned.pk}/change/")
    clerk.shot("submitted pledge")
    clerk.page.fill(
        "form[action$='/workflow/return/'] textarea[name=note]",
        "Tỷ lệ hộ đăng ký chưa khớp biên bản họp thôn.",
    )
    clerk.page.click("input[name=return]")
    clerk.page.wait_for_load_state()
    assert "giao ước chuyển sang “Trả lại đơn vị”" in clerk.text()
    clerk.shot("returned")
    clerk.go(f"/admin/pledges/pledge/{approved.pk}/change/")
    clerk.page.click("input[name=approve]")
    clerk.page.wait_for_load_state()
    assert "giao ước chuyển sang “Đã duyệt”" in clerk.text()
    clerk.shot("approved")
    poverty = {
        "movement__commune__name": "Hàm Liêm",
        "movement__year": 2023,
        "name": "Giảm hộ nghèo",
    }
    assert Target.objects.get(**poverty).actual_value == 11

    head = journey("hamlet-head-note", width=390, height=844)
    head.login("thon.danhoa")
    text = head.text()
    assert "Tỷ lệ hộ đăng ký chưa khớp biên bản họp thôn." in text
    assert "Trả lại đơn vị" in text
    head.shot("the office's note")


def test_clerk_issues_prints_verifies_and_revokes_a_decision(journey, browser, live_server):
    clerk = journey("clerk-decision")
    clerk.login("vanphong")
    clerk.go("/admin/awards/decision/add/")
    clerk.page.fill("#id_number", "1/QĐ-UBND")
    clerk.page.fill("#id_signed_on", "20/01/2024")
    clerk.page.select_option("#id_movement", label="Phong trào thi đua năm 2023")
    clerk.page.fill("#id_signer_name", "Nguyễn Quang Minh")
    for _ in range(2):
        clerk.page.click("#commendations-group .add-row a")
    clerk.page.select_option("#id_commendations-0-recipient_type", "individual")
    clerk.page.select_option("#id_commendations-0-honorific", "Bà")
    clerk.page.fill("#id_commendations-0-full_name", "Phạm Thị Lan")
    clerk.page.fill("#id_commendations-0-position", "Trưởng thôn, thôn Lâm Hòa")
    clerk.page.select_option("#id_commendations-0-award_kind", label="Giấy khen")
    clerk.page.select_option("#id_commendations-1-recipient_type", "collective")
    clerk.page.fill("#id_commendations-1-full_name", "Thôn Lâm Thuận")
    clerk.page.select_option("#id_commendations-1-award_kind", label="Giấy khen")
    clerk.shot("new decision")
    clerk.page.click("input[name=_continue]")
    clerk.page.wait_for_load_state()
    decision = Decision.objects.get(number="1/QĐ-UBND")
    assert decision.base_salary == 1800000 and decision.commendations.count() == 2
    clerk.shot("draft saved")
    clerk.page.click("#issue-link")
    clerk.page.wait_for_load_state()
    assert "Khi ban hành, quyết định sẽ:" in clerk.text()
    clerk.shot("confirm issue")
    clerk.page.click("input[name=confirm]")
    clerk.page.wait_for_load_state()
    assert "Đã ban hành Quyết định 1/QĐ-UBND" in clerk.text()
    clerk.shot("issued")

    pdf = clerk.context.request.get(
        clerk.url + f"/admin/awards/decision/{decision.pk}/certificates.pdf"
    )
    reader, text = _pdf_text(pdf.body())
    assert len(reader.pages) == 2
    assert "Bà Phạm Thị Lan" in text and "GIẤY KHEN" in text

    code = decision.commendations.get(full_name="Phạm Thị Lan").verification_code
    public = journey("public-check", width=390, height=844)
    public.go(f"/verify/{code}/")
    assert "HỢP LỆ" in public.text() and "Bà Phạm Thị Lan" in public.text()
    public.shot("valid")

    clerk.page.click("#revoke-link")
    clerk.page.wait_for_load_state()
    assert "Lý do được công khai trên trang tra cứu" in clerk.text()
    clerk.page.fill("textarea[name=reason]", "Ghi sai chức vụ người được khen")
    clerk.page.click("input[name=confirm]")
    clerk.page.wait_for_load_state()
    clerk.shot("revoked")
    public.go(f"/verify/{code}/")
    assert "ĐÃ THU HỒI" in public.text()
    assert "Ghi sai chức vụ người được khen" in public.text()
    public.shot("revoked")
