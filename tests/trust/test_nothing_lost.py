import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from emulation.models import Unit
from pledges.models import Pledge, PledgeItem
from targets.models import Target
from targets.resources import TargetResource
from tests import factories
from tests.spreadsheets import csv_bytes, dataset_from
from tests.targets.test_import_export import HEADERS


def test_deleting_a_unit_with_an_approved_pledge_is_refused_with_a_reason(clerk_client, demo):
    unit = Pledge.objects.get(movement__commune__name="Hàm Liêm", status="approved").unit
    url = f"/admin/emulation/unit/{unit.pk}/delete/"
    body = clerk_client.get(url).content.decode()
    # Django's own Vietnamese page: the unit cannot go, and what holds it is named.
    assert "Không thể xóa đơn vị" in body
    assert "giao ước thi đua" in body and "trường hợp khen thưởng" in body
    clerk_client.post(url, {"post": "yes"})
    assert Unit.objects.filter(pk=unit.pk).exists()
    response = clerk_client.post(
        "/admin/emulation/unit/",
        {"action": "delete_selected", "_selected_action": [unit.pk], "post": "yes"},
    )
    assert "Không thể xóa đơn vị" in response.content.decode()
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_signed_pledges_and_their_items_are_never_deleted(demo):
    pledge = Pledge.objects.get(movement__commune__name="Hàm Liêm", status="approved")
    count = PledgeItem.objects.count()
    for attempt in (
        pledge.delete,
        Pledge.objects.filter(pk=pledge.pk).delete,
        pledge.items.first().delete,
        PledgeItem.objects.all().delete,
    ):
        with pytest.raises(ValidationError, match="chỉ giao ước nháp mới xóa được"):
            attempt()
    assert PledgeItem.objects.count() == count


def test_a_target_fed_by_pledges_cannot_be_deleted(clerk_client, demo):
    target = Target.objects.get(
        movement__commune__name="Hàm Liêm", movement__year=2023, name="Giảm hộ nghèo"
    )
    clerk_client.post(f"/admin/targets/target/{target.pk}/delete/", {"post": "yes"})
    assert Target.objects.filter(pk=target.pk).exists()


def test_an_import_killed_midway_leaves_the_database_unchanged(demo, monkeypatch):

    factories.MovementFactory(year=2024, title="2024")
    before = [model_to_dict(t) for t in Target.objects.order_by("pk")]
    rows = [HEADERS] + [
        ["2024", str(i), f"Chỉ tiêu {i}", "tấn", "", "10", "", "", "Có", "", "", ""]
        for i in range(1, 6)
    ]
    original = TargetResource.save_instance
    calls = []

    def dies_on_the_third_row(self, instance, is_create, row, **kwargs):
        calls.append(instance.name)
        if len(calls) == 3:
            raise RuntimeError("mất điện giữa chừng")
        return original(self, instance, is_create, row, **kwargs)

    monkeypatch.setattr(TargetResource, "save_instance", dies_on_the_third_row)
    result = TargetResource().import_data(dataset_from(csv_bytes(rows), "csv"))
    assert result.has_errors()
    assert len(calls) >= 3
    assert [model_to_dict(t) for t in Target.objects.order_by("pk")] == before
    assert not Target.objects.filter(movement__year=2024).exists()
