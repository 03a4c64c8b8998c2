import io
import re

import pytest
import segno
from django.core.management import call_command
from django.template.loader import render_to_string
from openpyxl import load_workbook
from pypdf import PdfReader

from awards import documents, services
from awards.models import Decision
from tests.factories import CommendationFactory, DecisionFactory


def _pages(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _fonts(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile", "/FontFile3"))
            names.add(str(font["/BaseFont"]))
    return names


@pytest.fixture
def seed(demo):
    return Decision.objects.get(number="15/QĐ-UBND")


def test_all_certificates_in_one_pdf_with_exact_text(seed):
    reader, pages = _pages(documents.certificates_pdf(seed))
    assert len(pages) == 12 == seed.commendations.count()
    lines = sorted(seed.commendations.all(), key=lambda c: c.register_number)
    for text, line in zip(pages, lines, strict=True):
        for expected in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM LIÊM",
            "TẶNG",
            "GIẤY KHEN",
            "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm 2022",
            "Quyết định số: 15/QĐ-UBND, ngày 17/01/2023",
            f"Số sổ: {line.register_number:02d}",
            "Hàm Liêm, ngày 17 tháng 01 năm 2023",
            "CHỦ TỊCH",
            "Nguyễn Quang Minh",
            line.display_name,
            line.verification_code,
        ]:
            assert expected in text, (expected, text)
        assert "BẢN XEM TRƯỚC" not in text
    assert "Thôn Lâm Giang" in pages[0]
    individual = next(p for p in pages if "Ông Nguyễn Văn An" in p)
    assert "Trưởng thôn, thôn Lâm Giang" in individual
    assert all("Thidua-Serif" in name for name in _fonts(reader))


def test_qr_payload_is_the_verification_url(seed, settings):
    settings.SITE_URL = "https://thidua.hamliem.gov.vn"
    page = documents.certificate_pages(seed)[0]
    line = page["line"]
    url = f"https://thidua.hamliem.gov.vn/verify/{line.verification_code}/"
    assert page["url"] == url
    # segno is deterministic: the same payload gives the same symbol, so equality of the
    # image proves the QR encodes exactly the URL.
    assert page["qr"] == segno.make(url, error="m", micro=False, mask=2).png_data_uri(
        scale=1, border=0
    )
    html = render_to_string(
        "awards/certificates.html",
        {
            "pages": [page],
            "decision": seed,
            "commune": None,
            "font_face_css": "",
            "font_family": "x",
        },
    )
    assert page["qr"] in html


def test_draft_prints_a_marked_preview(draft):
    _reader, pages = _pages(documents.certificates_pdf(draft))
    assert len(pages) == 3
    assert all("BẢN XEM TRƯỚC – KHÔNG CÓ GIÁ TRỊ" in text for text in pages)
    assert all("Số sổ: ……" in text for text in pages)


def test_decision_pdf_layout_and_totals(seed):
    reader, pages = _pages(documents.decision_pdf(seed))
    first, listing = pages[0], " ".join(pages[1:])
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÀM LIÊM",
        "Số: 15/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Hàm Liêm, ngày 17 tháng 01 năm 2023",
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen cho các tập thể và cá nhân đã có thành tích xuất sắc trong "
        "thực hiện phong trào thi đua năm 2022",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM LIÊM",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen cho 03 tập thể và 09 cá nhân (có danh sách kèm theo)",
        "3.420.000 đồng",
        "Ba triệu bốn trăm hai mươi nghìn đồng",
        "Quỹ thi đua, khen thưởng",
        "Công chức Văn phòng - Thống kê, công chức Tài chính - Kế toán, các tập thể và cá nhân "
        "có tên tại Điều 1 chịu trách nhiệm thi hành",
        "./.",
        "Nơi nhận:",
        "Nguyễn Quang Minh",
    ]:
        assert expected in first, expected
    for expected in [
        "DANH SÁCH",
        "các tập thể và cá nhân được tặng Giấy khen",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 17/01/2023 của Chủ tịch UBND xã Hàm Liêm)",
        "Ông Nguyễn Văn An",
        "Tổng cộng",
        "3.420.000",
        "450.000",
        "230.000",
    ]:
        assert expected in listing, expected
    assert listing.index("Tập thể") < listing.index("Cá nhân")
    # The first page carries no number; the attached list starts its own, unnumbered.
    assert first.split()[0] == "ỦY" and first.split()[-1] != "1"
    assert pages[1].split()[0] == "DANH"
    assert reader.pages[0].mediabox.height > reader.pages[0].mediabox.width  # portrait


def test_print_certificates_command(seed, tmp_path):
    out = tmp_path / "gk.pdf"
    call_command("print_certificates", "15/QĐ-UBND", "--output", str(out), stdout=io.StringIO())
    reader, pages = _pages(out.read_bytes())
    assert len(pages) == 12
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    with pytest.raises(Exception, match="Không có quyết định số 99/QĐ-UBND"):
        call_command("print_certificates", "99/QĐ-UBND", "--output", str(out))


def test_register_xlsx(seed, office):
    import datetime

    def rows():
        book = load_workbook(io.BytesIO(documents.register_xlsx(2023, seed.movement.commune)))
        return list(book.active.iter_rows(values_only=True)), book.active

    table, sheet = rows()
    assert table[0][0] == "ỦY BAN NHÂN DÂN XÃ HÀM LIÊM"
    assert table[1][0] == "SỔ THEO DÕI KHEN THƯỞNG NĂM 2023"
    assert table[2][0].startswith("Năm của sổ là năm ký quyết định")
    header = table[4]
    assert header == tuple(documents.REGISTER_HEADERS)
    lines, total = table[5:-1], table[-1]
    # 15/QĐ-UBND's twelve first, then the 70 households of 98/QĐ-UBND (December).
    assert [r[0] for r in lines] == list(range(1, 83))
    first = dict(zip(header, lines[0], strict=True))
    assert first["Số tiền (đồng)"] == 450000 and first["Tình trạng"] == "Đã ban hành"
    assert first["Ngày ký"] == datetime.datetime(2023, 1, 17)  # a real date cell
    assert sheet.cell(6, 7).number_format == "dd/mm/yyyy"
    assert sheet.cell(6, 8).number_format == "#,##0"
    assert first["Thành tích"].startswith("Đã có thành tích xuất sắc")
    # Who proposed whom: each of 15/QĐ-UBND's came from its unit's nomination.
    assert first["Đơn vị đề nghị"] == "Thôn Lâm Giang"
    assert dict(zip(header, lines[3], strict=True))["Đơn vị đề nghị"] == "Thôn Lâm Giang"
    assert dict(zip(header, lines[12], strict=True))["Đơn vị đề nghị"]  # a household's hamlet
    assert total[:2] == ("Tổng cộng", "03 tập thể, 09 cá nhân và 70 hộ gia đình")
    assert total[7] == 3420000  # the Giấy công nhận pays nothing
    services.revoke_decision(seed, office, "Thử thu hồi")
    table, _sheet = rows()
    assert table[5][9] == "Đã thu hồi"
    assert table[-1][7] == 0  # a revoked decision pays nothing


def test_certificates_are_not_printed_with_a_loopback_site_url(client, office, settings, tmp_path):
    from django.core.management import CommandError, call_command

    from awards.services import issue_decision

    line = CommendationFactory(decision=DecisionFactory(number="7/QĐ-UBND"))
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.DEBUG = False
    # A draft's preview carries no code: it prints.
    assert documents.certificates_pdf(line.decision)[:4] == b"%PDF"
    issue_decision(line.decision, office)
    client.force_login(office)
    response = client.get(
        f"/admin/awards/decision/{line.decision.pk}/certificates.pdf", follow=True
    )
    assert response["Content-Type"].startswith("text/html")
    assert "SITE_URL không phải địa chỉ công khai" in response.content.decode()
    with pytest.raises(CommandError, match="SITE_URL không phải địa chỉ công khai"):
        call_command("print_certificates", "7/QĐ-UBND", "--output", str(tmp_path / "gk.pdf"))
    assert not (tmp_path / "gk.pdf").exists()
    settings.SITE_URL = "https://thidua.hamliem.gov.vn"
    assert documents.certificates_pdf(line.decision)[:4] == b"%PDF"


def test_a_long_list_is_numbered_on_its_own_from_its_second_page(office):
    decision = DecisionFactory(number="9/QĐ-UBND")
    for n in range(45):
        CommendationFactory(decision=decision, full_name=f"Nguyễn Văn Thử {n}")
    pages = _pages(documents.decision_pdf(decision))[1]
    starts = [i for i, page in enumerate(pages) if page.split()[0] == "DANH"]
    assert len(starts) == 1 and len(pages) - starts[0] >= 2
    second = pages[starts[0] + 1].split()
    assert "2" in (second[0], second[-1])  # the list's second page is its page 2
    assert "1" not in (pages[starts[0]].split()[0], pages[starts[0]].split()[-1])
