"""The accountant's payment list (Danh sách chi tiền thưởng) of an issued decision: the
same amounts as the decision, its total in figures and words, a column to sign."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from awards import documents, services
from awards.models import Decision
from awards.selectors import tally


@pytest.fixture
def seed(demo):
    return Decision.objects.get(number="15/QĐ-UBND")


def _text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages)


def test_the_payment_list_pdf_reads_as_the_accountant_needs(seed):
    text = _text(documents.payment_list_pdf(seed))
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "XÃ HÀM LIÊM",
        "DANH SÁCH CHI TIỀN THƯỞNG",
        "(Kèm theo Quyết định số 15/QĐ-UBND ngày 17/01/2023 của Chủ tịch UBND xã Hàm Liêm)",
        "STT Họ tên / tập thể Chức vụ, đơn vị Số tiền (đồng) Ký nhận",
        "1 Thôn Lâm Giang 450.000",
        "4 Ông Nguyễn Văn An Trưởng thôn, thôn Lâm Giang 230.000",
        "Tổng cộng 3.420.000",
        "Tổng số tiền bằng chữ: Ba triệu bốn trăm hai mươi nghìn đồng.",
        "NGƯỜI LẬP BIỂU",
        "KẾ TOÁN",
        "Hàm Liêm, ngày 17 tháng 01 năm 2023",
        "Nguyễn Quang Minh",
    ]:
        assert expected in text, expected


def test_the_payment_list_total_is_the_decisions(seed):
    book = load_workbook(io.BytesIO(documents.payment_list_xlsx(seed)))
    rows = [row for row in book.active.iter_rows(values_only=True)]
    header = rows.index(
        ("STT", "Họ tên / tập thể", "Chức vụ, đơn vị", "Hình thức", "Số tiền (đồng)", "Ký nhận")
    )
    lines = [row for row in rows[header + 1 :] if isinstance(row[0], int)]
    assert len(lines) == 12
    assert sum(row[4] for row in lines) == tally(seed.commendations.all()).total == 3_420_000
    total = next(row for row in rows if row[0] == "Tổng cộng")
    assert total[4] == 3_420_000
    assert rows[-1][0] == "Bằng chữ: Ba triệu bốn trăm hai mươi nghìn đồng."


def test_no_payment_list_for_a_draft_or_a_revoked_decision(seed, office):
    draft = Decision.objects.create(movement=seed.movement, number="16/QĐ-UBND")
    with pytest.raises(ValidationError) as refused:
        documents.payment_list_pdf(draft)
    assert refused.value.messages == ["Dự thảo quyết định không chi tiền: hãy ban hành trước."]
    services.revoke_decision(seed, office, "Sai sót")
    with pytest.raises(ValidationError) as refused:
        documents.payment_list_xlsx(seed)
    assert refused.value.messages == [
        "Quyết định 15/QĐ-UBND đã thu hồi: không chi tiền theo quyết định này."
    ]


def test_the_decision_page_downloads_the_list(client, seed, office):
    client.force_login(office)
    page = client.get(f"/admin/awards/decision/{seed.pk}/change/")
    assert "Danh sách chi tiền thưởng (PDF)" in page.text
    pdf = client.get(f"/admin/awards/decision/{seed.pk}/payment-list.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "danh-sach-chi-thuong-15-QD-UBND.pdf" in pdf["Content-Disposition"]
    xlsx = client.get(f"/admin/awards/decision/{seed.pk}/payment-list.xlsx")
    assert xlsx.status_code == 200
    assert client.get(f"/admin/awards/decision/{seed.pk}/payment-list.doc").status_code == 404
