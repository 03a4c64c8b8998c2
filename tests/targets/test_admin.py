import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.models import Movement
from targets.models import Target
from tests import factories
from tests.factories import MovementFactory, TargetFactory, UnitFactory
from tests.spreadsheets import csv_bytes, xlsx_bytes
from tests.targets.test_import_export import GOOD, HEADERS

pytestmark = pytest.mark.django_db
URL = "/admin/targets/target/"


def _rows(n):
    movement = MovementFactory(year=2022)
    unit = UnitFactory()
    Target.objects.bulk_create(
        Target(
            movement=movement,
            order=i,
            name=f"Chỉ tiêu {i}",
            unit_of_measure="tấn",
            plan_value=Decimal(5),
            actual_value=Decimal(i % 150),
            responsible_unit=unit,
            is_key=bool(i % 2),
        )
        for i in range(n)
    )


def _queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [10, 1000])
def test_changelist_query_count_is_constant(clerk_client, django_assert_max_num_queries, count):
    _rows(count)
    with django_assert_max_num_queries(16):
        response = clerk_client.get(URL, {"all": ""})
    assert response.status_code == 200
    with django_assert_max_num_queries(17):
        response = clerk_client.get(URL, {"status": "exceeded"})
    assert response.status_code == 200


def test_changelist_queries_do_not_grow_with_rows(clerk_client):
    _rows(10)
    small = _queries(clerk_client, {"all": ""}), _queries(clerk_client, {"status": "met"})
    _rows_more(990)
    assert (_queries(clerk_client, {"all": ""}), _queries(clerk_client, {"status": "met"})) == (
        small
    )


def _rows_more(n):
    movement = Movement.objects.get(year=2022)
    unit = UnitFactory()
    Target.objects.bulk_create(
        Target(
            movement=movement,
            order=i,
            name=f"Thêm {i}",
            unit_of_measure="tấn",
            plan_value=Decimal(5),
            actual_value=Decimal(i % 150),
            responsible_unit=unit,
        )
        for i in range(n)
    )


def test_changelist_shows_figures_status_and_vietnamese(clerk_client, demo):
    body = clerk_client.get(URL, {"year": "all"}).content.decode()
    for text in [
        "Tổng sản lượng lương thực",
        "5.000 tấn",
        "100,37%",
        "Vượt",
        "Đạt",
        "Chưa có số liệu",
        "Tỷ lệ so với kế hoạch",
        "Đánh giá",
        "dưới 6%",
        "Nhập từ tệp",
        "Xuất ra tệp",
        "Báo cáo tổng hợp năm 2023",
    ]:
        assert text in body, text


def test_status_filter_uses_the_achievement_rule(clerk_client, demo):
    body = clerk_client.get(URL, {"status": "met", "year": "all"}).content.decode()
    assert "Giảm hộ nghèo" in body and "Tỷ lệ trẻ em SDD" in body
    assert "Tổng sản lượng lương thực" not in body
    body = clerk_client.get(URL, {"status": "pending", "year": "all"}).content.decode()
    assert "Chỉ tiêu chủ yếu thứ 11" in body and "Giảm hộ nghèo" not in body


def test_actual_values_editable_in_the_list(clerk_client):
    target = TargetFactory(name="Thu ngân sách", plan_value=Decimal(848))
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(target.pk),
        "form-0-actual_value": "984",
        "form-0-achieved": "unknown",
        "_save": "Lưu",
    }
    response = clerk_client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    target.refresh_from_db()
    assert target.actual_value == Decimal("984")


def test_list_edit_with_invalid_value_changes_nothing(clerk_client):
    target = TargetFactory(name="Thu ngân sách", plan_value=Decimal(848), unit_of_measure="tấn")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(target.pk),
        "form-0-actual_value": "-3",
        "form-0-achieved": "unknown",
        "_save": "Lưu",
    }
    response = clerk_client.post(URL, data)
    assert response.status_code == 200
    assert "Giá trị không được âm với đơn vị tính “tấn”." in response.content.decode()
    target.refresh_from_db()
    assert target.actual_value is None


def test_copy_targets_to_next_year(clerk_client, demo):
    ids = list(Target.objects.filter(movement__year=2023).values_list("pk", flat=True))
    assert not Movement.objects.filter(year=2024).exists()
    data = {"action": "copy_to_next_year", "_selected_action": ids}
    response = clerk_client.post(f"{URL}?year=2023", data, follow=True)
    assert "Năm 2024: đã sao chép 12 chỉ tiêu, 0 chỉ tiêu đã có sẵn." in response.content.decode()
    copied = Target.objects.filter(movement__year=2024)
    assert copied.count() == 12
    assert not copied.exclude(actual_value=None).exists()
    assert not copied.exclude(achieved=None).exists()
    assert copied.get(name="Tổng sản lượng lương thực").plan_value == Decimal("5000")
    response = clerk_client.post(f"{URL}?year=2023", data, follow=True)
    assert "đã sao chép 0 chỉ tiêu, 12 chỉ tiêu đã có sẵn" in response.content.decode()
    assert Target.objects.filter(movement__year=2024).count() == 12


def test_report_pages(clerk_client, demo):
    body = clerk_client.get(f"{URL}report/2022/").content.decode()
    assert "Kết quả thực hiện các chỉ tiêu kinh tế - xã hội năm 2022" in body
    assert "Thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu" in body
    pdf = clerk_client.get(f"{URL}report/2022/", {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = clerk_client.get(f"{URL}report/2022/", {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"
    assert clerk_client.get(f"{URL}report/1999/").status_code == 404
    assert clerk_client.get(f"{URL}report/2022/", {"format": "doc"}).status_code == 404
    movement = Movement.objects.get(year=2022)
    body = clerk_client.get(f"/admin/emulation/movement/{movement.pk}/change/").content.decode()
    assert f"{URL}report/2022/" in body


def test_leader_reads_but_cannot_change_and_hamlet_head_sees_nothing(client, demo):
    target = Target.objects.get(name="Giao quân", movement__year=2022)
    client.force_login(factories.leader())
    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}report/2022/").status_code == 200
    response = client.post(f"{URL}{target.pk}/change/", {"name": "Đổi"})
    assert response.status_code == 403
    assert client.get(f"{URL}import/").status_code == 403
    head = factories.hamlet_head(UnitFactory())
    client.force_login(head)
    for url in [URL, f"{URL}report/2022/", f"{URL}export/"]:
        assert client.get(url).status_code == 403, url
    # A row they may not see answers as a missing one does.
    assert client.get(f"{URL}{target.pk}/change/").status_code == 404
    assert client.get(f"{URL}999999/change/").status_code == 404
    target.refresh_from_db()
    assert target.name == "Giao quân"


def _upload(clerk_client, content, name, fmt_index):
    return clerk_client.post(
        f"{URL}import/",
        {
            "resource": "0",
            "format": str(fmt_index),
            "import_file": SimpleUploadedFile(name, content),
        },
    )


@pytest.fixture
def year_2024(demo):
    factories.MovementFactory(year=2024, title="Phong trào thi đua năm 2024")


def test_admin_import_previews_then_confirms(clerk_client, year_2024):
    content = xlsx_bytes([HEADERS, GOOD])
    response = _upload(clerk_client, content, "chi-tieu.xlsx", 0)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ tiêu tốt" in body
    assert not Target.objects.filter(name="Chỉ tiêu tốt").exists()  # preview only
    confirm = response.context["confirm_form"].initial
    response = clerk_client.post(f"{URL}process_import/", confirm, follow=True)
    assert response.status_code == 200
    assert Target.objects.filter(name="Chỉ tiêu tốt", movement__year=2024).exists()


def test_preview_of_a_large_file_lists_its_first_changes_and_counts_every_row(clerk_client, demo):
    from emulation.imports import PREVIEW_ROWS
    from targets.resources import TargetResource
    from tests.spreadsheets import xlsx_rows

    stored = Target.objects.filter(movement__year=2022)
    exported = TargetResource().export(queryset=stored, force_native_type=True).export("xlsx")
    rows = xlsx_rows(exported)
    (budget,) = [row for row in rows if row[2] == "Thu ngân sách"]
    budget[6] = 990
    added = PREVIEW_ROWS + 5
    rows += [
        ["2022", str(100 + i), f"Chỉ tiêu thêm {i}", "hộ", "", "10", "", "", "Không", "", "", ""]
        for i in range(added)
    ]
    unchanged = stored.count() - 1

    response = _upload(clerk_client, xlsx_bytes(rows), "chi-tieu-2022.xlsx", 0)
    body = re.sub(r"\s+", " ", response.content.decode())
    assert (
        f"Tệp có {added + unchanged + 1} dòng: {added} dòng mới, 1 dòng sửa, "
        f"{unchanged} dòng không đổi." in body
    )
    assert body.count('<tr class="update">') == 1
    assert body.count('<tr class="new">') == PREVIEW_ROWS - 1
    assert '<del style="background:#ffe6e6;">' in body  # the budget's old actual
    assert "Chỉ tiêu thêm 0<" in body and f"Chỉ tiêu thêm {added - 1}<" not in body
    assert "Bảng chỉ cho xem những thay đổi đầu tiên; 6 dòng khác cũng sẽ được nhập." in body
    assert "Tổng sản lượng lương thực" not in body  # unchanged rows are counted, not listed
    assert not Target.objects.filter(name__startswith="Chỉ tiêu thêm").exists()

    confirm = response.context["confirm_form"].initial
    clerk_client.post(f"{URL}process_import/", confirm, follow=True)
    assert Target.objects.filter(name__startswith="Chỉ tiêu thêm").count() == added
    assert stored.get(name="Thu ngân sách").actual_value == Decimal("990")


def test_preview_of_a_file_that_changes_nothing_says_so(clerk_client, demo):
    from targets.resources import TargetResource

    stored = Target.objects.filter(movement__year=2022)
    exported = TargetResource().export(queryset=stored, force_native_type=True).export("xlsx")
    response = _upload(clerk_client, exported, "chi-tieu-2022.xlsx", 0)
    body = re.sub(r"\s+", " ", response.content.decode())
    count = stored.count()
    assert f"Tệp có {count} dòng: 0 dòng mới, 0 dòng sửa, {count} dòng không đổi." in body
    assert "Tệp không thay đổi gì: mọi dòng đều giống dữ liệu đã có." in body
    assert 'class="import-preview"' not in body


def test_admin_import_of_bad_file_lists_errors_and_offers_no_confirm(clerk_client, year_2024):
    bad = ["2023", "2", "Sai", "tấn", "", "mười", "", "", "Có", "Không Có", "", ""]
    response = _upload(clerk_client, csv_bytes([HEADERS, GOOD, bad]), "chi-tieu.csv", 1)
    body = re.sub(r"\s+", " ", response.content.decode())
    assert "Tệp chưa được nhập: chưa có dữ liệu nào được lưu." in body
    assert "Dòng 3, cột “Kế hoạch”: “mười” không phải là số." in body
    assert "Dòng 3, cột “Đơn vị phụ trách”: Không có đơn vị nào tên “Không Có”." in body
    assert "process_import" not in body
    assert not Target.objects.filter(movement__year=2024).exists()


def test_admin_export_xlsx_has_vietnamese_headers(clerk_client, demo):
    fields = [
        "movement",
        "order",
        "name",
        "unit_of_measure",
        "direction",
        "plan_value",
        "actual_value",
        "achieved",
        "is_key",
        "responsible_unit",
        "rollup",
        "note",
    ]
    data = {"format": "0", "resource": "0", **{f"targetresource_{f}": "on" for f in fields}}
    response = clerk_client.post(f"{URL}export/?year=2022", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    from tests.spreadsheets import xlsx_rows

    rows = xlsx_rows(response.content)
    assert rows[0] == HEADERS
    assert len(rows) == 14 and {r[0] for r in rows[1:]} == {2022}


def test_each_row_of_the_list_offers_only_the_field_that_applies(clerk_client):
    numeric = TargetFactory(name="Thu ngân sách", plan_value=Decimal(848))
    yes_no = TargetFactory(
        name="Giữ chuẩn 19 tiêu chí NTM", direction="yes_no", plan_value=None, unit_of_measure=""
    )
    body = clerk_client.get(URL).content.decode()
    rows = {
        name: re.search(rf"{name}</a>.*?</tr>", body, re.S).group(0)
        for name in (numeric.name, yes_no.name)
    }
    assert re.search(r'name="form-\d-actual_value"', rows[numeric.name])
    assert "<select" not in rows[numeric.name]
    assert "<select" in rows[yes_no.name] and "_actual_value" not in rows[yes_no.name]
    # A value posted for the field that does not apply is ignored, the other is saved.
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    for i, target, actual, achieved in ((0, numeric, "984", "true"), (1, yes_no, "5", "true")):
        data.update(
            {f"form-{i}-id": str(target.pk), f"form-{i}-actual_value": actual}
            | {f"form-{i}-achieved": achieved}
        )
    response = clerk_client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    numeric.refresh_from_db()
    yes_no.refresh_from_db()
    assert (numeric.actual_value, numeric.achieved) == (Decimal(984), None)
    assert (yes_no.actual_value, yes_no.achieved) == (None, True)
    page = clerk_client.get(f"/admin/targets/target/{numeric.pk}/change/").content.decode()
    assert 'name="actual_value"' in page and 'name="achieved"' not in page


def test_the_list_opens_on_the_current_movement_and_offers_the_others(clerk_client):
    TargetFactory(name="Chỉ tiêu năm trước", movement=MovementFactory(year=2022))
    TargetFactory(name="Chỉ tiêu năm nay", movement=MovementFactory(year=2023))
    body = clerk_client.get(URL).content.decode()
    assert "Chỉ tiêu năm nay" in body and "Chỉ tiêu năm trước" not in body
    assert '<td class="field-movement_year">2023</td>' in body
    body = clerk_client.get(URL, {"year": "2022"}).content.decode()
    assert "Chỉ tiêu năm trước" in body and "Chỉ tiêu năm nay" not in body
    body = clerk_client.get(URL, {"year": "all"}).content.decode()
    assert "Chỉ tiêu năm trước" in body and "Chỉ tiêu năm nay" in body
    assert "Tất cả các năm" in body
