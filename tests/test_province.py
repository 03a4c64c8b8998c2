"""The province (group Tỉnh): it reads every commune and changes nothing; its home puts
the communes side by side, and province_report gives the same table."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook

from awards import services
from awards.models import Commendation
from awards.province import province_text, province_year
from emulation.models import BackgroundJob
from emulation.policy import policy_for
from emulation.roles import CLERK
from tests import factories
from tests.trust.test_route_walker import _guarded_models

pytestmark = pytest.mark.django_db


def _commune(name, chairman, met, missed, pledges, recipients):
    commune = factories.CommuneFactory(name=name, chairman_name=chairman)
    clerk = factories.clerk(commune=commune)
    movement = factories.MovementFactory(commune=commune, year=2023)
    for number in range(met + missed):
        factories.TargetFactory(
            movement=movement,
            plan_value=Decimal(10),
            actual_value=Decimal(12 if number < met else 8),
        )
    factories.TargetFactory(movement=movement, is_key=False, actual_value=Decimal(1))
    for status in pledges:
        unit = factories.UnitFactory(commune=commune)
        factories.PledgeFactory(movement=movement, unit=unit, status=status)
    decision = factories.DecisionFactory(movement=movement, signed_on=datetime.date(2023, 12, 20))
    for kind in recipients:
        unit = factories.UnitFactory(commune=commune)
        extra = {"unit": unit, "full_name": "", "honorific": ""} if kind == "collective" else {}
        factories.CommendationFactory(decision=decision, recipient_type=kind, **extra)
    services.issue_decision(decision, clerk)
    return commune


@pytest.fixture
def province():
    ham_liem = _commune(
        "Hàm Liêm",
        "Nguyễn Quang Minh",
        10,
        1,
        ["signed", "approved", "approved"],
        ["collective"] * 3 + ["individual"] * 9,
    )
    ham_chinh = _commune("Hàm Chính", "Trần Chính", 2, 2, ["draft"], ["individual"])
    factories.CommuneFactory(name="Hàm Trí", chairman_name="Lê Trí")  # no 2023 movement
    return ham_liem, ham_chinh


def _paid(commune):
    lines = Commendation.objects.filter(decision__movement__commune=commune)
    return lines.aggregate(total=Sum("bonus_amount"))["total"]


def test_the_table_puts_the_communes_side_by_side(province, django_assert_num_queries):
    ham_liem, ham_chinh = province
    with django_assert_num_queries(5):
        table = province_year(2023)
    rows = {str(row.commune): row for row in table.communes}
    assert list(rows) == ["xã Hàm Chính", "xã Hàm Liêm", "xã Hàm Trí"]
    assert rows["xã Hàm Liêm"].key_phrase == "10/11"
    assert rows["xã Hàm Chính"].key_phrase == "2/4"
    assert rows["xã Hàm Liêm"].pledge_cells() == [0, 1, 0, 0, 2]
    assert rows["xã Hàm Liêm"].commended_cells() == [3, 9, 0]
    assert rows["xã Hàm Chính"].commended_cells() == [0, 1, 0]
    assert rows["xã Hàm Liêm"].bonus_total == _paid(ham_liem) > 0
    assert rows["xã Hàm Trí"].movement is None and rows["xã Hàm Trí"].key_phrase == "0/0"
    assert table.total.key_phrase == "12/15" and table.movement_count == 2
    assert table.total.bonus_total == _paid(ham_liem) + _paid(ham_chinh)


def test_the_query_count_does_not_grow_with_the_communes(province, django_assert_num_queries):
    _commune("Hàm Kiệm", "Võ Kiệm", 1, 0, ["draft"], ["individual"])
    with django_assert_num_queries(5):
        province_year(2023)


def test_province_report_as_text_and_xlsx(province, tmp_path, capsys):
    call_command("province_report", "2023")
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0] == "Thi đua, khen thưởng của các xã năm 2023"
    assert lines[2].split("  ")[0].strip() == "Xã"
    assert "Chỉ tiêu chủ yếu đạt" in lines[2]
    assert lines[3].startswith("xã Hàm Chính") and lines[3].split()[3] == "2/4"
    assert lines[-1].startswith("Toàn tỉnh") and "12/15" in lines[-1]
    assert text == province_text(province_year(2023))

    out = tmp_path / "tinh.xlsx"
    call_command("province_report", "2023", "--format", "xlsx", "--output", str(out))
    book = load_workbook(out)
    table = list(book["Các xã"].iter_rows(values_only=True))
    assert table[0][0] == "Thi đua, khen thưởng của các xã năm 2023"
    assert table[2][:2] == ("Xã", "Chỉ tiêu chủ yếu đạt")
    assert table[4][:2] == ("xã Hàm Liêm", "10/11") and table[4][-4:-1] == (3, 9, 0)
    assert table[-1][0] == "Toàn tỉnh"
    form = list(book["0601.N"].iter_rows(values_only=True))
    assert form[4] == ("Tổng số", "01", 2, 0, 0, 2)
    assert form[-1] == ("- Thi đua thường xuyên hàng năm", "12", 2, 0, 0, 2)

    with pytest.raises(Exception, match="Không xã nào có phong trào thi đua năm 2031"):
        call_command("province_report", "2031")


def test_province_report_as_pdf(province, tmp_path):
    import re

    from pypdf import PdfReader

    out = tmp_path / "tinh.pdf"
    call_command("province_report", "2023", "--format", "pdf", "--output", str(out))
    reader = PdfReader(out)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert text.startswith("THI ĐUA, KHEN THƯỞNG CỦA CÁC XÃ NĂM 2023")
    assert "3 xã, 2 xã có phong trào năm nay; số liệu đến ngày" in text
    assert "1 xã Hàm Chính 2/4" in text and "2 xã Hàm Liêm 10/11" in text
    assert "3 xã Hàm Trí 0/0" in text and "Toàn tỉnh 12/15" in text
    paid = f"{_paid(ham_liem := province[0]):,}".replace(",", ".")
    assert f"3 9 0 {paid}" in text, ham_liem


def test_the_province_home_and_its_links_into_each_commune(province, client):
    ham_liem, _ham_chinh = province
    client.force_login(factories.province_staff())
    page = client.get(reverse("admin:index")).content.decode()
    assert "Các xã, 2023" in page and "10/11" in page and "2/4" in page
    link = f"?commune={ham_liem.pk}&amp;year=2023"
    assert link in page
    commune_home = client.get(reverse("admin:index"), {"commune": ham_liem.pk, "year": 2023})
    assert commune_home.status_code == 200
    assert "xã Hàm Liêm" in commune_home.content.decode()
    assert "10/11" in commune_home.content.decode()  # the commune's own targets panel
    # Its links stay on that commune (a province reads several with the same years).
    reports = f"/admin/reports/?commune={ham_liem.pk}&amp;year=2023"
    assert reports in commune_home.content.decode()
    xlsx = client.get(reverse("admin:province_report", args=[2023]))
    assert load_workbook(io.BytesIO(xlsx.content))["Các xã"]["A1"].value.endswith("2023")


def test_a_communes_clerk_has_no_province_home(province, client):
    clerk = province[0].users.get()
    client.force_login(clerk)
    assert client.get(reverse("admin:province")).status_code == 403
    assert client.get(reverse("admin:province_report", args=[2023])).status_code == 403
    other = province[1]
    assert client.get(reverse("admin:index"), {"commune": other.pk}).status_code == 200
    page = client.get(reverse("admin:index"), {"commune": other.pk}).content.decode()
    assert "Hàm Chính" not in page  # another commune's home is an empty one, not its data


def test_the_province_reads_every_row_and_may_change_none(province):
    # Given the clerk's group as well, the province account still changes nothing.
    staff = factories.province_staff()
    staff.groups.add(factories.Group.objects.get(name=CLERK))
    for model in _guarded_models():
        for row in model._base_manager.all()[:3]:
            policy = policy_for(staff, row)
            assert not policy.can_change(), f"{model.__name__} {row.pk}"
            assert not policy.can_delete() and not policy.transitions(), model.__name__
        if model is BackgroundJob:
            continue  # asking for the province's PDF records the asker's own job, below
        assert not policy_for(staff, model).can_add(), model.__name__
    # The one row the province makes is its own job (the report it asked the worker for);
    # it may make none in anyone else's name, and change none once made.
    assert policy_for(staff, BackgroundJob(requested_by=staff)).can_add()
    other = BackgroundJob(requested_by=factories.clerk(commune=province[0]))
    assert not policy_for(staff, other).can_add()
    assert not policy_for(staff, BackgroundJob(requested_by=staff, pk=1)).can_change()
    reader = factories.province_staff()
    for model in ("pledges.Pledge", "awards.Decision", "targets.Target", "emulation.Unit"):
        from django.apps import apps

        rows = apps.get_model(model)._base_manager.all()
        assert rows.exists()
        assert all(policy_for(reader, row).can_view() for row in rows), model
        assert policy_for(reader, apps.get_model(model)).scope(rows).count() == rows.count()


def test_the_province_filters_any_list_by_commune(province, client):
    ham_liem, ham_chinh = province
    client.force_login(factories.province_staff())
    url = reverse("admin:emulation_unit_changelist")
    every = client.get(url).content.decode()
    liem_units = list(ham_liem.units.values_list("name", flat=True))
    chinh_units = list(ham_chinh.units.values_list("name", flat=True))
    assert all(name in every for name in liem_units + chinh_units)
    assert f"?commune={ham_chinh.pk}" in every  # the filter offers each commune
    one = client.get(url, {"commune": ham_chinh.pk}).content.decode()
    assert all(name in one for name in chinh_units)
    assert not any(name in one for name in set(liem_units) - set(chinh_units))
    targets = client.get(reverse("admin:targets_target_changelist"), {"commune": ham_chinh.pk})
    assert targets.status_code == 200


def test_a_communes_clerk_gets_no_commune_filter(province, client):
    client.force_login(province[0].users.get())
    page = client.get(reverse("admin:emulation_unit_changelist")).content.decode()
    assert "?commune=" not in page
