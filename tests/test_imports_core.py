"""What every import shares: reading xlsx as the clerk typed it, the preview's markup, and a
dry run that writes nothing."""

import datetime
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook
from openpyxl.styles import Font

from awards.resources import CommendationResource
from emulation.imports import XLSX, PreviewDiff
from pledges.resources import PledgeItemResource
from targets.models import Target
from targets.resources import TargetResource
from tests import factories
from tests.spreadsheets import dataset_from, xlsx_bytes


def _with_cached_results(content, results):
    """The xlsx with the given stored results for its formula cells, as Excel saves them
    (openpyxl writes formulas without results)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for cell, (kind, value) in results.items():
                    text, count = re.subn(
                        # openpyxl writes an empty value as <v/> or, through lxml, <v></v>.
                        rf'<c r="{cell}"><f>(.*?)</f>(?:<v ?/>|<v></v>)',
                        rf'<c r="{cell}" t="{kind}"><f>\1</f><v>{value}</v>',
                        text,
                    )
                    assert count == 1, cell
                data = text.encode()
            target.writestr(item, data)
    return out.getvalue()


def test_xlsx_is_read_as_the_clerk_typed_it():
    content = xlsx_bytes(
        [
            ["Năm", "Đơn vị", "Số", "Ngày", "Đạt", "Tiền", "Ghi chú"],
            [2023, "Thôn Lâm Giang", 1.5, datetime.date(2023, 1, 17), True, 7.0, None],
            [None] * 7,
            ["2023", " Thôn Ku Kê ", "5.018,6", None, False, 450000, "=1+1"],
        ]
    )
    dataset = XLSX().create_dataset(content)
    assert dataset.headers == ["Năm", "Đơn vị", "Số", "Ngày", "Đạt", "Tiền", "Ghi chú"]
    assert [list(row) for row in dataset] == [
        # Whole numbers as int (as openpyxl read them), so 7 is not written back as "7.0".
        [2023, "Thôn Lâm Giang", 1.5, datetime.date(2023, 1, 17), True, 7, None],
        # A blank row inside the sheet stays, so row numbers in messages match Excel's.
        [None] * 7,
        # Text as typed; a formula without a stored result is an empty cell.
        ["2023", " Thôn Ku Kê ", "5.018,6", None, False, 450000, None],
    ]
    assert isinstance(dataset[0][5], int) and isinstance(dataset[0][2], float)


def test_xlsx_formula_counts_by_the_result_excel_stored():
    content = xlsx_bytes([["Tổng", "Tên"], ["=2+3", '=CONCAT("Thôn ","A")']])
    content = _with_cached_results(content, {"A2": ("n", "5"), "B2": ("str", "Thôn A")})
    assert list(XLSX().create_dataset(content)[0]) == [5, "Thôn A"]


def test_xlsx_reads_the_first_visible_sheet_and_drops_trailing_blank_rows():
    book = Workbook()
    notes = book.active
    notes.title = "Hướng dẫn"
    notes.append(["Đọc kỹ trước khi điền"])
    notes.sheet_state = "hidden"
    data = book.create_sheet("Dữ liệu")
    data.append(["Năm", "Chỉ tiêu"])
    data.append([2023, "Thu ngân sách"])
    # Formatting left below the data makes rows Excel stores without any value.
    for row in range(3, 40):
        data.cell(row=row, column=1).font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    dataset = XLSX().create_dataset(out.getvalue())
    assert dataset.headers == ["Năm", "Chỉ tiêu"]
    assert [list(row) for row in dataset] == [[2023, "Thu ngân sách"]]


def test_xlsx_with_only_a_header_or_nothing_is_an_empty_dataset():
    assert len(XLSX().create_dataset(xlsx_bytes([["Năm", "Chỉ tiêu"]]))) == 0
    assert len(XLSX().create_dataset(xlsx_bytes([]))) == 0


class _Diffed:
    def __init__(self, **values):
        self.__dict__.update(values)


class _Field:
    def __init__(self, attribute):
        self.attribute = attribute
        self.widget = self

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class _Resource:
    def get_import_fields(self):
        return [_Field("name"), _Field("plan"), _Field("note")]


def test_preview_marks_new_changed_and_unchanged_values_as_diff_match_patch_does():
    resource = _Resource()
    new = PreviewDiff(resource, _Diffed(name=None, plan=None, note=None), True)
    new.compare_with(resource, _Diffed(name="Lúa <ĐX>", plan=5000, note=None))
    assert new.as_html() == [
        '<ins style="background:#e6ffe6;">Lúa &lt;ĐX&gt;</ins>',
        '<ins style="background:#e6ffe6;">5000</ins>',
        "",
    ]
    before = _Diffed(name="Thu ngân sách", plan=900, note="dòng 1\ndòng 2")
    changed = PreviewDiff(resource, before, False)
    changed.compare_with(resource, _Diffed(name="Thu ngân sách", plan=990, note="dòng 1\ndòng 2"))
    html = changed.as_html()
    assert html[0] == "<span>Thu ngân sách</span>"
    assert html[1] == (
        '<span>9</span><del style="background:#ffe6e6;">0</del>'
        '<ins style="background:#e6ffe6;">9</ins><span>0</span>'
    )
    assert html[2] == "<span>dòng 1&para;<br>dòng 2</span>"


# The dry run writes nothing and trusts validation for what the database would refuse:
# that holds while every unique constraint of an imported model is made of its import keys
# (an existing row is then updated, and a key repeated in the file is refused).
@pytest.mark.parametrize("resource", [TargetResource, PledgeItemResource, CommendationResource])
def test_imported_models_have_no_constraint_a_dry_run_would_miss(resource):
    model = resource._meta.model
    keys = set(resource._meta.import_id_fields)
    imported = {f.attribute for f in resource().get_import_fields() if not f.readonly}
    for constraint in model._meta.constraints:
        fields = set(getattr(constraint, "fields", ()))
        assert fields, f"{constraint.name} is not a unique constraint on fields"
        assert fields == keys or not fields & imported, constraint.name
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            assert field.name not in imported, field.name


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(demo):
    rows = [
        [f.column_name for f in TargetResource().get_import_fields()],
        ["2022", "99", "Chỉ tiêu xem trước", "tấn", "", "10", "", "", "Không", "", "", ""],
    ]
    with CaptureQueriesContext(connection) as captured:
        result = TargetResource().import_data(dataset_from(xlsx_bytes(rows), "xlsx"), dry_run=True)
    assert [row.import_type for row in result.rows] == ["new"]
    writes = [q["sql"] for q in captured if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"])]
    assert writes == []
    assert not Target.objects.filter(name="Chỉ tiêu xem trước").exists()
    assert not Target.history.filter(name="Chỉ tiêu xem trước").exists()


@pytest.mark.django_db
def test_a_formula_error_in_any_cell_is_refused_by_row_and_column(demo):
    from emulation.imports import error_messages

    factories.MovementFactory(year=2024, title="2024")
    headers = [f.column_name for f in TargetResource().get_import_fields()]
    content = xlsx_bytes(
        [
            headers,
            ["2024", "1", "=NA()", "tấn", "", "10", "", "", "Không", "", "", ""],
            ["2024", "2", "Lúa", "tấn", "", "=1/0", "", "", "Không", "", "", ""],
            ["2024", "3", "Ngô", "tấn", "", "20", "", "", "Không", "", "", ""],
        ]
    )
    content = _with_cached_results(content, {"C2": ("e", "#N/A"), "F3": ("e", "#DIV/0!")})
    dataset = XLSX().create_dataset(content)
    result = TargetResource().import_data(dataset)
    assert error_messages(result) == [
        "Dòng 2, cột “Chỉ tiêu”: Ô có lỗi Excel “#N/A”: hãy sửa công thức trong Excel rồi "
        "nhập lại tệp.",
        "Dòng 3, cột “Kế hoạch”: Ô có lỗi Excel “#DIV/0!”: hãy sửa công thức trong Excel rồi "
        "nhập lại tệp.",
    ]
    assert not Target.objects.filter(movement__year=2024).exists()
