"""Random and malformed spreadsheets: a clear error or a clean import, never a crash,
never a partial save."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from awards.models import Commendation
from awards.resources import CommendationResource
from emulation.imports import error_messages
from pledges.models import PledgeItem
from pledges.resources import PledgeItemResource
from targets.models import Target
from targets.resources import TargetResource
from tests.spreadsheets import csv_bytes, dataset_from, xlsx_bytes

RESOURCES = {
    "target": (TargetResource, Target, "/admin/targets/target/"),
    "pledgeitem": (PledgeItemResource, PledgeItem, "/admin/pledges/pledgeitem/"),
    "commendation": (CommendationResource, Commendation, "/admin/awards/commendation/"),
}

cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2022",
            "2023",
            "5.018,6",
            "=1+1",
            "@SUM(A1)",
            "Có",
            "không",
            "15/QĐ-UBND",
            "Thôn Lâm Giang",
            "Giấy khen",
            "Cá nhân",
            "Ông",
            "Tổng sản lượng lương thực",
            "tấn",
            "1e999",
            "-0",
            " ",
        ]
    ),
)


def _snapshot(model):
    return [model_to_dict(row) for row in model.objects.order_by("pk")]


def _rows(resource, extra_columns, rows):
    headers = [field.column_name for field in resource().get_import_fields()]
    headers += [f"Cột thừa {i}" for i in range(extra_columns)]
    return [headers] + [(row + [None] * len(headers))[: len(headers)] for row in rows]


@pytest.mark.parametrize("name", RESOURCES)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(st.lists(cells, max_size=14), max_size=6),
    extra=st.integers(0, 2),
    as_xlsx=st.booleans(),
)
def test_random_sheets_import_cleanly_or_save_nothing(demo, name, rows, extra, as_xlsx):
    resource, model, _url = RESOURCES[name]
    table = _rows(resource, extra, rows)
    if as_xlsx:
        # Control characters cannot be stored in an xlsx at all.
        content = xlsx_bytes(
            [
                [ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row]
                for row in table
            ]
        )
    else:
        content = csv_bytes([["" if c is None else c for c in row] for row in table])
    before = _snapshot(model)
    result = resource().import_data(dataset_from(content, "xlsx" if as_xlsx else "csv"))
    errors = error_messages(result)
    if errors:
        assert _snapshot(model) == before
        assert all(isinstance(e, str) and e for e in errors)


def _upload(client, url, name, content, fmt):
    return client.post(
        url + "import/",
        {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize("name", RESOURCES)
def test_malformed_files_get_a_clear_message_in_the_admin(clerk_client, demo, name):
    _resource, model, url = RESOURCES[name]
    before = _snapshot(model)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    not_excel = io.BytesIO()
    with zipfile.ZipFile(not_excel, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải Excel")
    cases = [
        ("rong.csv", b"", "1", None),
        (
            "latin1.csv",
            "Năm,Chỉ tiêu\n2022,Lúa".encode("cp1258", errors="replace") + b"\xff\xfe",
            "1",
            None,
        ),
        ("hong.xlsx", b"PK\x03\x04 not really a zip", "0", "Tệp Excel bị hỏng."),
        ("bom.xlsx", bomb.getvalue(), "0", "Tệp Excel khi giải nén vượt quá 50 MB"),
        ("to.csv", b"a," * (3 * 1024 * 1024), "1", "Tệp lớn hơn 5 MB"),
        ("chi-co-tieu-de.xlsx", xlsx_bytes([["Năm"]]), "0", None),
        (
            "khong-phai-excel.xlsx",
            not_excel.getvalue(),
            "0",
            "Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng đã chọn.",
        ),
    ]
    for filename, content, fmt, message in cases:
        response = _upload(clerk_client, url, filename, content, fmt)
        assert response.status_code == 200, filename
        body = response.content.decode()
        if message:
            assert message in body, filename
        assert "process_import" not in body or "Xác nhận nhập" not in body, filename
        assert _snapshot(model) == before, filename
