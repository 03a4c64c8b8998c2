import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.achievement import Status
from emulation.models import Movement
from targets import reports
from targets.models import Target
from targets.selectors import year_summary

pytestmark = pytest.mark.django_db

CLAUSES = [
    # at_least, as the article words them
    "Tổng sản lượng lương thực: 5.018,6 tấn (KH: 5.000 tấn) đạt 100,37%",
    "Xây dựng cơ bản: 2.855 triệu đồng (KH: 500 triệu đồng) đạt 571%",
    "Cấp giấy CN QSDĐ: 19,98 ha (KH: 15,1 ha) đạt 132,32%",
    "Thu ngân sách: 984 triệu đồng (KH: 848 triệu đồng) đạt 116,04%",
    # at_most
    "Tỷ lệ trẻ em SDD: 5,6% (KH: dưới 6%)",
    # yes / no: the name alone
    "Giữ chuẩn 19 tiêu chí NTM",
]


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_demo_2022_statuses_and_percents(demo):
    summary = year_summary(Movement.objects.get(year=2022))
    by_name = {row.target.name: row.achievement for row in summary.rows}
    assert (
        len(
            [
                r
                for r in summary.rows
                if r.target.actual_value is not None or r.target.achieved is not None
            ]
        )
        == 12
    )
    assert by_name["Tổng sản lượng lương thực"].percent == Decimal("100.372")
    assert by_name["Xây dựng cơ bản"].percent == Decimal("571")
    assert by_name["Tỷ lệ trẻ em SDD"].status == Status.MET
    assert by_name["Giữ chuẩn 19 tiêu chí NTM"].status == Status.MET
    assert summary.key_met == (10, 11)


def test_sentence_has_the_article_clauses(demo):
    sentence = year_summary(Movement.objects.get(year=2022)).sentence
    assert sentence.startswith(
        "thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu theo Nghị quyết HĐND xã đã đề ra, "
        "nổi bật như: Tổng sản lượng lương thực: 5.018,6 tấn (KH: 5.000 tấn) đạt 100,37%; "
    )
    for clause in CLAUSES:
        assert clause in sentence
    # Non-key results are in the table, not among the highlights.
    assert "Hộ đăng ký Gia đình văn hóa" not in sentence
    assert "Chỉ tiêu chưa có số liệu: Chỉ tiêu chủ yếu thứ 11" in sentence


def test_sentence_lists_targets_not_met(demo):
    movement = Movement.objects.get(year=2022)
    Target.objects.filter(name="Giảm hộ nghèo").update(actual_value=20)
    sentence = year_summary(movement).sentence
    assert "đạt và vượt 9/11" in sentence
    assert "Chỉ tiêu chưa đạt: Giảm hộ nghèo: 20 hộ (KH: 26 hộ) đạt 76,92%." in sentence


def test_pdf_has_the_exact_vietnamese_text_and_embedded_fonts(demo):
    content = reports.as_pdf(Movement.objects.get(year=2022), on=datetime.date(2023, 1, 17))
    assert content.startswith(b"%PDF")
    reader, text = _pdf_text(content)
    flat = re.sub(r"\s+", " ", text)
    assert "ỦY BAN NHÂN DÂN" in flat
    assert "XÃ HÀM LIÊM" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "Hàm Liêm, ngày 17 tháng 01 năm 2023" in flat
    assert "Kết quả thực hiện các chỉ tiêu kinh tế - xã hội năm 2022" in flat
    for figure in ["5.018,6 tấn", "100,37%", "571%", "132,32%", "116,04%", "dưới 6%"]:
        assert figure in flat
    assert "thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu" in flat.lower()
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3")), font
            fonts.add(str(font["/BaseFont"]))
    # Only the bundled Liberation Serif faces, declared as "Thidua Serif".
    assert fonts and all("Thidua-Serif" in name for name in fonts), fonts


def test_xlsx_report(demo):
    book = load_workbook(io.BytesIO(reports.as_xlsx(Movement.objects.get(year=2022))))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[header][:7] == (
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ so với kế hoạch (%)",
        "Đánh giá",
    )
    food = rows[header + 1]
    assert food[1] == "Tổng sản lượng lương thực"
    assert food[3] == 5000 and food[4] == pytest.approx(5018.6) and food[5] == pytest.approx(100.37)
    assert food[6] == "Vượt"
    assert any(r[0] and str(r[0]).startswith("Thực hiện đạt và vượt 10/11") for r in rows)


def test_summary_report_command(demo, tmp_path):
    out = io.StringIO()
    call_command("summary_report", "2022", stdout=out)
    assert "Thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu" in out.getvalue()
    assert "Tổng sản lượng lương thực: 5.018,6 tấn (KH: 5.000 tấn) đạt 100,37%" in out.getvalue()
    pdf = tmp_path / "r.pdf"
    call_command(
        "summary_report", "2022", "--format", "pdf", "--output", str(pdf), stdout=io.StringIO()
    )
    assert "571%" in _pdf_text(pdf.read_bytes())[1]
    xlsx = tmp_path / "r.xlsx"
    call_command(
        "summary_report", "2022", "--format", "xlsx", "--output", str(xlsx), stdout=io.StringIO()
    )
    assert load_workbook(xlsx).active.max_row > 12
    with pytest.raises(Exception, match="Không có phong trào thi đua năm 1999"):
        call_command("summary_report", "1999", stdout=io.StringIO())


def test_the_report_pdf_is_a_bao_cao_the_commune_signs(demo):
    movement = Movement.objects.get(year=2022)
    movement.report_number = "12/BC-UBND"
    movement.save()
    content = reports.as_pdf(movement, on=datetime.date(2023, 1, 17))
    reader = PdfReader(io.BytesIO(content))
    pages = [page.extract_text() for page in reader.pages]
    flat = re.sub(r"\s+", " ", " ".join(pages))
    assert "Số: 12/BC-UBND" in flat
    assert "Nơi nhận: - Thường trực Đảng ủy xã; - Thường trực HĐND xã; - Lưu: VT." in flat
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in flat
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Quang Minh" in flat  # the chairman by default
    # No number on the first page; from the second, at the top centre.
    assert len(pages) >= 2
    assert pages[0].split()[0] == "ỦY" and pages[0].split()[-1] != "1"
    assert pages[1].split()[0] == "2" or pages[1].split()[-1] == "2"
    movement.report_signer_title = movement.ReportSigner.VICE
    movement.report_signer_name = "Trần Văn Phó"
    movement.save()
    flat = re.sub(r"\s+", " ", _pdf_text(reports.as_pdf(movement))[1])
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in flat and "Trần Văn Phó" in flat


def test_yes_no_targets_read_naturally_in_the_text_report(demo):
    text = reports.as_text(Movement.objects.get(year=2022))
    assert "Giữ chuẩn 19 tiêu chí NTM (chủ yếu): đạt" in text
    assert "TH Đạt" not in text
