from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from emulation.imports import error_messages
from pledges.models import Pledge, PledgeItem
from pledges.resources import PledgeItemResource
from tests.factories import PledgeFactory, UnitFactory
from tests.spreadsheets import csv_bytes, dataset_from, xlsx_bytes

HEADERS = [
    "Năm",
    "Đơn vị",
    "STT",
    "Nội dung giao ước",
    "Chỉ tiêu của xã",
    "Đơn vị tính",
    "Loại chỉ tiêu",
    "Cam kết",
    "Kết quả",
    "Đạt (có/không)",
    "Ghi chú kết quả",
]


def snapshot():
    return [model_to_dict(i) for i in PledgeItem.objects.order_by("pk")]


def run(content, fmt="csv", dry_run=False):
    result = PledgeItemResource().import_data(dataset_from(content, fmt), dry_run=dry_run)
    return error_messages(result)


@pytest.fixture
def draft(world):
    unit = UnitFactory(name="Thôn C")
    return PledgeFactory(movement=world.movement, unit=unit, status="draft")


def test_import_items_into_a_draft_pledge(world, draft):
    rows = [
        HEADERS,
        ["2023", "Thôn C", "1", "Giảm hộ nghèo", "Giảm hộ nghèo", "hộ", "", "4", "", "", ""],
        ["2023", "Thôn C", "2", "Làm đường bê tông", "", "m", "", "1.200", "", "", ""],
    ]
    assert run(xlsx_bytes(rows), "xlsx") == []
    items = {i.title: i for i in draft.items.all()}
    assert items["Giảm hộ nghèo"].target == world.poverty
    assert items["Làm đường bê tông"].committed_value == Decimal(1200)


def test_export_round_trip_changes_nothing(world):
    before = snapshot()
    dataset = PledgeItemResource().export(queryset=PledgeItem.objects.all())
    assert dataset.headers == HEADERS
    assert run(dataset.export("csv").encode()) == []
    assert snapshot() == before


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ["2023", "Thôn Z", "1", "X", "", "hộ", "", "4", "", "", ""],
            "Dòng 3, cột “Đơn vị”: Thôn Z chưa có giao ước năm 2023.",
        ),
        (
            ["2023", "Thôn C", "1", "X", "Không có", "hộ", "", "4", "", "", ""],
            "Dòng 3, cột “Chỉ tiêu của xã”: Xã không có chỉ tiêu “Không có” trong năm 2023.",
        ),
        (
            ["2023", "Thôn C", "1", "X", "", "hộ", "", "bốn", "", "", ""],
            "Dòng 3, cột “Cam kết”: “bốn” không phải là số.",
        ),
        (
            ["2023", "Thôn A", "1", "Giảm hộ nghèo", "", "hộ", "", "9", "", "", ""],
            "Dòng 3: Giao ước của Thôn A đang ở trạng thái “Đã ký”: không sửa nội dung qua tệp",
        ),
    ],
)
def test_bad_rows_save_nothing(world, draft, row, message):
    before = snapshot()
    good = ["2023", "Thôn C", "1", "Tốt", "", "hộ", "", "4", "", "", ""]
    errors = run(csv_bytes([HEADERS, good, row]))
    assert any(e.startswith(message) for e in errors), errors
    assert snapshot() == before
    assert not Pledge.objects.get(unit__name="Thôn C").items.exists()


def test_the_import_asks_the_policy_for_each_row(world, draft):
    """Definitions of a draft by file; results only by the unit's own accounts in the form;
    nothing of a signed pledge."""
    row = ["2023", "Thôn C", "1", "Trồng cây", "", "cây", "", "100", "", "", ""]
    assert run(csv_bytes([HEADERS, row])) == []
    with_result = [*row[:8], "90", "", ""]
    assert run(csv_bytes([HEADERS, with_result])) == [
        "Dòng 2: Các cột sau không được thay đổi bằng tệp ở trạng thái hiện tại: “Kết quả”."
    ]
    signed = ["2023", "Thôn A", "1", "Giảm hộ nghèo", "Giảm hộ nghèo", "hộ", "", "6", "", "", ""]
    assert run(csv_bytes([HEADERS, signed])) == [
        "Dòng 2: Giao ước của Thôn A đang ở trạng thái “Đã ký”: không sửa nội dung qua tệp "
        "được nữa."
    ]
    assert PledgeItem.objects.get(pledge=draft).result_value is None
    assert PledgeItem.objects.get(pk=world.item_a.pk).committed_value == Decimal(5)


def test_an_account_that_may_not_add_items_is_refused_by_the_import(world, draft):
    row = ["2023", "Thôn C", "1", "Trồng cây", "", "cây", "", "100", "", "", ""]
    dataset = dataset_from(csv_bytes([HEADERS, row]), "csv")
    result = PledgeItemResource().import_data(dataset, user=world.leader)
    assert error_messages(result) == [
        "Dòng 2: Tài khoản của bạn không được thêm nội dung vào giao ước của Thôn C."
    ]
    assert not PledgeItem.objects.filter(pledge=draft).exists()
