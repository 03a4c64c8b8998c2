"""Text on every input path and every spreadsheet the product writes: one spelling per
name, no control characters, no live formulas, CSV that Excel opens in Vietnamese."""

import io
import unicodedata
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from awards.documents import register_xlsx
from awards.models import Commendation, Decision
from awards.resources import CommendationResource
from awards.services import issue_decision
from emulation.imports import CSV, error_messages
from emulation.models import Movement, Unit
from targets.models import Target
from targets.reports import as_xlsx
from targets.resources import TargetResource
from tests import factories
from tests.factories import CommendationFactory, DecisionFactory, UnitFactory
from tests.spreadsheets import csv_bytes, dataset_from, xlsx_bytes

HEADERS = ["Năm", "STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"]
NFC = "Giảm hộ nghèo"
NFD = unicodedata.normalize("NFD", NFC)
ZERO_WIDTH = "Giảm hộ\u200b nghèo"


@pytest.fixture
def year(db):
    movement = factories.MovementFactory(year=2024, title="Phong trào thi đua năm 2024")
    Target.objects.create(movement=movement, name=NFC, unit_of_measure="hộ", plan_value=26)
    return movement


@pytest.mark.parametrize("spelling", [NFD, ZERO_WIDTH], ids=["NFD", "zero-width"])
def test_an_imported_look_alike_name_is_the_stored_target(year, spelling):
    assert spelling != NFC
    content = xlsx_bytes([HEADERS, [2024, 1, spelling, "hộ", 26, 30]])
    result = TargetResource().import_data(dataset_from(content, "xlsx"))
    assert error_messages(result) == []
    assert list(Target.objects.values_list("name", "actual_value")) == [(NFC, Decimal(30))]


@pytest.mark.parametrize("spelling", [NFD, ZERO_WIDTH], ids=["NFD", "zero-width"])
def test_a_typed_look_alike_name_is_refused_as_a_repeat(year, clerk_client, spelling):
    response = clerk_client.post(
        "/admin/targets/target/add/",
        {
            "movement": year.pk,
            "order": "2",
            "name": spelling,
            "direction": "at_least",
            "unit_of_measure": "hộ",
            "plan_value": "10",
            "rollup": "none",
        },
    )
    assert response.status_code == 200
    assert "Phong trào này đã có chỉ tiêu với tên này." in response.content.decode()
    assert Target.objects.count() == 1


def test_a_nul_byte_in_a_cell_is_refused_by_row_and_column(year):
    content = csv_bytes([HEADERS, ["2024", "2", "Trồng\x00 cây", "cây", "100", ""]])
    result = TargetResource().import_data(dataset_from(content, "csv"))
    assert error_messages(result) == [
        "Dòng 2, cột “Chỉ tiêu”: Ô có ký tự điều khiển ẩn (U+0000); hãy gõ lại ô này."
    ]
    assert Target.objects.count() == 1


def test_a_nul_byte_is_refused_in_the_admin_preview_and_never_reaches_the_database(
    year, clerk_client
):
    content = csv_bytes([HEADERS, ["2024", "2", "Trồng\x00 cây", "cây", "100", ""]])
    response = clerk_client.post(
        "/admin/targets/target/import/",
        {"resource": "0", "format": "1", "import_file": SimpleUploadedFile("a.csv", content)},
    )
    assert response.status_code == 200
    assert "U+0000" in response.content.decode()
    assert Target.objects.count() == 1


def test_control_characters_are_refused_in_forms(year, clerk_client):
    response = clerk_client.post(
        "/admin/targets/target/add/",
        {
            "movement": year.pk,
            "order": "2",
            "name": "Trồng\x1b cây",
            "direction": "at_least",
            "plan_value": "10",
            "rollup": "none",
        },
    )
    assert response.status_code == 200
    assert "U+001B" in response.content.decode()
    assert Target.objects.count() == 1


ATTACK = '=HYPERLINK("http://x.example","bấm")'


def test_register_and_report_write_text_never_formulas(db, clerk):
    unit = UnitFactory(name="@Thôn Độc")
    line = CommendationFactory(decision=DecisionFactory(), full_name=ATTACK, unit=unit)
    issue_decision(line.decision, clerk)
    Target.objects.create(movement=line.decision.movement, name="=1+1", plan_value=1)
    commune = line.decision.movement.commune
    for content in (register_xlsx(2023, commune), as_xlsx(line.decision.movement)):
        book = load_workbook(io.BytesIO(content))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert any(ATTACK in t or "=1+1" in t for t in texts)


def test_exports_escape_related_names_and_read_them_back(db, clerk):
    unit = UnitFactory(name="=Thôn Độc")
    line = CommendationFactory(
        decision=DecisionFactory(), recipient_type="collective", unit=unit, full_name=""
    )
    dataset = CommendationResource().export(queryset=Commendation.objects.all())
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["Đơn vị"] == "'=Thôn Độc"
    result = CommendationResource().import_data(dataset, dry_run=True)
    assert error_messages(result) == []
    assert Unit.objects.filter(name="=Thôn Độc").count() == 1
    assert line.unit == unit


def test_csv_exports_start_with_a_byte_order_mark(db, clerk):
    factories.MovementFactory(year=2024, title="Phong trào thi đua năm 2024")
    dataset = TargetResource().export(queryset=Target.objects.all())
    assert CSV().export_data(dataset).startswith("\ufeff")
    client = Client()
    client.force_login(clerk)
    response = client.post(
        "/admin/targets/target/export/",
        {"format": "1", "resource": "0", "targetresource_name": "on"},
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())


def _upload_targets(client, name, content, fmt):
    return client.post(
        "/admin/targets/target/import/",
        {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, content)},
    )


def test_a_file_above_the_row_limit_is_refused_before_it_is_read(year, clerk_client):
    from emulation.imports import IMPORT_MAX_ROWS

    rows = [HEADERS] + [[2024, n, f"Chỉ tiêu {n}", "", 1, ""] for n in range(IMPORT_MAX_ROWS + 1)]
    message = "Tệp có hơn 20.000 dòng; hãy chia thành nhiều tệp nhỏ hơn rồi nhập lần lượt."
    for name, content, fmt in (
        ("lon.csv", csv_bytes(rows), "1"),
        ("lon.xlsx", xlsx_bytes(rows), "0"),
    ):
        response = _upload_targets(clerk_client, name, content, fmt)
        assert response.status_code == 200
        assert message in response.content.decode(), name
    assert Target.objects.count() == 1
    # At the limit, the file is read.
    dataset = dataset_from(xlsx_bytes(rows[: IMPORT_MAX_ROWS + 1]), "xlsx")
    assert len(dataset) == IMPORT_MAX_ROWS


def test_downloads_have_vietnamese_names_without_diacritics_and_rfc6266_headers(demo, clerk_client):
    from emulation.downloads import file_name

    assert file_name("giay-khen", "15/QĐ-UBND", extension="pdf") == "giay-khen-15-QD-UBND.pdf"
    assert file_name("chỉ tiêu kinh tế - xã hội", 2022, extension="xlsx") == (
        "chi-tieu-kinh-te-xa-hoi-2022.xlsx"
    )
    decision = Decision.objects.get(number="15/QĐ-UBND")
    base = f"/admin/awards/decision/{decision.pk}"
    for url, header in [
        (f"{base}/certificates.pdf", 'inline; filename="giay-khen-15-QD-UBND.pdf"'),
        (f"{base}/decision.pdf", 'inline; filename="quyet-dinh-15-QD-UBND.pdf"'),
        (
            "/admin/awards/decision/register/2023/",
            'attachment; filename="so-khen-thuong-2023.xlsx"',
        ),
        (
            "/admin/targets/target/report/2022/?format=pdf",
            'inline; filename="bao-cao-chi-tieu-2022.pdf"',
        ),
    ]:
        assert clerk_client.get(url)["Content-Disposition"] == header, url


def test_the_admin_export_writes_numbers_as_numbers_and_names_the_year(demo, clerk_client):
    movement = Movement.objects.get(year=2022)
    response = clerk_client.post(
        f"/admin/targets/target/export/?year={movement.year}",
        {
            "format": "0",
            "resource": "0",
            **{f"targetresource_{name}": "on" for name in ("movement", "name", "plan_value")},
        },
    )
    assert response["Content-Disposition"] == 'attachment; filename="chi-tieu-2022.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet.title == "Chỉ tiêu"  # not "Tablib Dataset"
    rows = list(sheet.iter_rows(values_only=True))
    plans = {row[1]: row[2] for row in rows[1:]}
    assert plans["Tổng sản lượng lương thực"] == 5000  # a number, not "5.000"
    assert isinstance(plans["Tổng sản lượng lương thực"], (int, float))
    formats = {row[1].value: row[2].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats["Tổng sản lượng lương thực"] == "#,##0.####"  # shown 5.000 in Excel


def test_written_workbooks_show_figures_and_dates_the_vietnamese_way():
    import datetime

    from openpyxl import Workbook

    from emulation.imports.reading import with_display_formats

    book = Workbook()
    book.active.append(["Ngày ký", "Số tiền", "Ghi chú", "Có"])
    book.active.append([datetime.date(2023, 1, 17), 3420000, "=1+1", True])
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(with_display_formats(out.getvalue()))).active
    date, money, note, flag = sheet[2]
    assert date.number_format == "dd/mm/yyyy" and money.number_format == "#,##0.####"
    assert note.data_type == "s" and note.value == "=1+1"  # text stays text
    assert flag.number_format == "General"
