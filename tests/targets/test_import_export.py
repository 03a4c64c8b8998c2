from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from emulation.imports import error_messages
from emulation.models import Movement
from targets.models import Target
from targets.resources import TargetResource
from tests import factories
from tests.spreadsheets import csv_bytes, dataset_from, xlsx_bytes, xlsx_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo):
    """The demo plus an empty 2024 movement to import into."""
    factories.MovementFactory(year=2024, title="Phong trào thi đua năm 2024")


HEADERS = [
    "Năm",
    "STT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Loại chỉ tiêu",
    "Kế hoạch",
    "Thực hiện",
    "Đạt (có/không)",
    "Chỉ tiêu chủ yếu",
    "Đơn vị phụ trách",
    "Số thực hiện lấy từ",
    "Ghi chú",
]


def snapshot():
    return [model_to_dict(t) for t in Target.objects.order_by("pk")]


def run_import(content, fmt, dry_run=False):
    result = TargetResource().import_data(dataset_from(content, fmt), dry_run=dry_run)
    return result, error_messages(result)


def export(fmt):
    dataset = TargetResource().export(
        queryset=Target.objects.filter(movement__year=2022),
        **({"force_native_type": True} if fmt == "xlsx" else {}),
    )
    if fmt == "xlsx":
        return dataset.export("xlsx")
    return dataset.export("csv").encode()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_has_vietnamese_headers_and_round_trips_unchanged(demo, fmt):
    before = snapshot()
    content = export(fmt)
    headers = dataset_from(content, fmt).headers
    assert headers == HEADERS
    result, errors = run_import(content, fmt)
    assert errors == []
    assert snapshot() == before
    assert {row.import_type for row in result.rows} == {"skip"}


def test_xlsx_export_writes_numbers_as_numbers(demo):
    rows = xlsx_rows(export("xlsx"))
    food = next(r for r in rows if r[2] == "Tổng sản lượng lương thực")
    assert food[0] == 2022
    assert food[5] == 5000 and isinstance(food[5], int)
    assert food[6] == pytest.approx(5018.6) and isinstance(food[6], float)
    assert food[8] == "Có"


def test_csv_export_writes_numbers_the_vietnamese_way(demo):
    text = export("csv").decode()
    assert (
        'Tổng sản lượng lương thực,tấn,Tối thiểu (đạt hoặc vượt kế hoạch),5.000,"5.018,6"' in text
    )


def test_change_one_actual_in_excel_and_import_it_back(demo):
    rows = xlsx_rows(export("xlsx"))
    for row in rows:
        if row[2] == "Thu ngân sách":
            row[6] = 990
    result, errors = run_import(xlsx_bytes(rows), "xlsx")
    assert errors == []
    assert Target.objects.get(name="Thu ngân sách", movement__year=2022).actual_value == Decimal(
        "990"
    )
    assert [r.import_type for r in result.rows].count("update") == 1


def test_csv_with_vietnamese_numbers_creates_targets(demo):
    content = csv_bytes(
        [
            HEADERS,
            [
                "2024",
                "1",
                "Tổng sản lượng lương thực",
                "tấn",
                "",
                "5.100",
                "5.018,6",
                "",
                "Có",
                "Văn phòng - Thống kê",
                "Không",
                "",
            ],
            [
                "2024",
                "2",
                "Tỷ lệ trẻ em SDD",
                "%",
                "Tối đa (không vượt quá kế hoạch)",
                "5,8",
                "",
                "",
                "Có",
                "",
                "",
                "",
            ],
            ["2024", "3", "Giữ chuẩn 19 tiêu chí NTM", "", "yes_no", "", "", "có", "x", "", "", ""],
        ]
    )
    result, errors = run_import(content, "csv")
    assert errors == []
    food = Target.objects.get(movement__year=2024, name="Tổng sản lượng lương thực")
    assert food.plan_value == Decimal("5100") and food.actual_value == Decimal("5018.6")
    assert food.responsible_unit.name == "Văn phòng - Thống kê"
    assert Target.objects.get(movement__year=2024, name="Tỷ lệ trẻ em SDD").direction == "at_most"
    ntm = Target.objects.get(movement__year=2024, name="Giữ chuẩn 19 tiêu chí NTM")
    assert (ntm.direction, ntm.achieved, ntm.is_key) == ("yes_no", True, True)


def test_dry_run_saves_nothing(demo):
    before = snapshot()
    content = csv_bytes([HEADERS, ["2024", "1", "Mới", "tấn", "", "10", "", "", "Có", "", "", ""]])
    result, errors = run_import(content, "csv", dry_run=True)
    assert errors == [] and [r.import_type for r in result.rows] == ["new"]
    assert snapshot() == before


GOOD = ["2024", "1", "Chỉ tiêu tốt", "tấn", "", "10", "", "", "Có", "", "", ""]


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (
            ["2024", "2", "Sai đơn vị", "tấn", "", "10", "", "", "Có", "Thôn Không Có", "", ""],
            "Dòng 3, cột “Đơn vị phụ trách”: Không có đơn vị nào tên “Thôn Không Có”.",
        ),
        (
            ["2024", "2", "Chữ trong số", "tấn", "", "mười", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Kế hoạch”: “mười” không phải là số.",
        ),
        (
            ["2024", "2", "Chỉ tiêu tốt", "tấn", "", "12", "", "", "Có", "", "", ""],
            "Dòng 3: Dòng này trùng với dòng 2 của tệp.",
        ),
        (
            ["2024", "2", "Số mà ghi đạt", "tấn", "", "12", "", "Có", "Có", "", "", ""],
            "Dòng 3, cột “Đạt (có/không)”: Ô “Đạt” chỉ dùng cho chỉ tiêu có/không; hãy nhập giá "
            "trị thực hiện.",
        ),
        (
            ["2024", "2", "", "tấn", "", "12", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Chỉ tiêu”: Trường này không được để trắng.",
        ),
        (
            ["2024", "2", "Thiếu kế hoạch", "tấn", "", "", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Kế hoạch”: Nhập giá trị kế hoạch (chỉ chỉ tiêu có/không mới để trống).",
        ),
        (
            ["1999", "2", "Năm lạ", "tấn", "", "12", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Năm”: Không có phong trào thi đua năm 1999.",
        ),
        (
            ["2024", "2", "Âm", "tấn", "", "-12", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Kế hoạch”: Giá trị không được âm với đơn vị tính “tấn”.",
        ),
        (
            ["2024", "2", "Loại lạ", "tấn", "ngang", "12", "", "", "Có", "", "", ""],
            "Dòng 3, cột “Loại chỉ tiêu”: “ngang” không phải là một trong:",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_row_saves_nothing_and_names_row_and_column(demo, bad_row, message, fmt):
    before = snapshot()
    rows = [HEADERS, GOOD, bad_row]
    content = csv_bytes(rows) if fmt == "csv" else xlsx_bytes(rows)
    result, errors = run_import(content, fmt)
    assert any(line.startswith(message) for line in errors), errors
    assert snapshot() == before
    assert not Target.objects.filter(name="Chỉ tiêu tốt").exists()


def test_every_bad_row_is_listed(demo):
    rows = [
        HEADERS,
        GOOD,
        ["2024", "2", "A", "tấn", "", "x", "", "", "Có", "", "", ""],
        ["2024", "3", "B", "tấn", "", "1", "y", "", "Có", "Không Có", "", ""],
    ]
    result, errors = run_import(csv_bytes(rows), "csv")
    assert "Dòng 3, cột “Kế hoạch”: “x” không phải là số." in errors
    assert "Dòng 4, cột “Thực hiện”: “y” không phải là số." in errors
    assert "Dòng 4, cột “Đơn vị phụ trách”: Không có đơn vị nào tên “Không Có”." in errors
    assert Target.objects.filter(movement__year=2024).count() == 0


def test_file_without_key_columns_is_refused(demo):
    result, errors = run_import(csv_bytes([["Tên", "Số"], ["a", "1"]]), "csv")
    assert errors and errors[0].startswith("Tệp thiếu cột: “Năm”, “Chỉ tiêu”")
    assert Target.objects.filter(movement__year=2024).count() == 0


def test_export_escapes_formula_like_text_and_reads_it_back(demo):
    target = Target.objects.get(name="Giao quân", movement__year=2022)
    target.note = "=1+1 là ghi chú"
    target.save()
    rows = xlsx_rows(export("xlsx"))
    note = next(r for r in rows if r[2] == "Giao quân")[11]
    assert note == "'=1+1 là ghi chú"
    before = snapshot()
    _result, errors = run_import(xlsx_bytes(rows), "xlsx")
    assert errors == []
    assert snapshot() == before
    assert Movement.objects.filter(year=2022).exists()


def test_formula_in_csv_is_refused(demo):
    rows = [
        HEADERS,
        GOOD,
        ["2024", "2", '=HYPERLINK("x")', "tấn", "", "=1+1", "", "", "Có", "", "", ""],
    ]
    _result, errors = run_import(csv_bytes(rows), "csv")
    assert "Dòng 3, cột “Chỉ tiêu”: Không nhận công thức; hãy nhập trực tiếp giá trị." in errors
    assert "Dòng 3, cột “Kế hoạch”: Không nhận công thức; hãy nhập trực tiếp giá trị." in errors
    assert not Target.objects.filter(movement__year=2024).exists()


def test_formula_in_xlsx_counts_by_its_value_and_without_one_is_an_empty_cell(demo):
    # openpyxl stores no computed value, as a program-written file may: the cell is empty.
    rows = [
        HEADERS,
        GOOD,
        ["2024", "2", '=CONCAT("a","b")', "tấn", "", "1", "", "", "Có", "", "", ""],
    ]
    _result, errors = run_import(xlsx_bytes(rows), "xlsx")
    assert errors == ["Dòng 3, cột “Chỉ tiêu”: Trường này không được để trắng."]
    assert not Target.objects.filter(movement__year=2024).exists()
