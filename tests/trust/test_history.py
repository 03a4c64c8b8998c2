from decimal import Decimal

import pytest
from django.apps import apps

from pledges import services
from pledges.models import Pledge
from targets.models import Target

DOMAIN_APPS = ["emulation", "targets", "pledges", "awards"]


def test_every_domain_model_keeps_history():
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in DOMAIN_APPS
        and not m.__name__.startswith("Historical")
        # The register counter is derived from the recipients' numbers, which keep history.
        and m.__name__ != "RegisterCounter"
        # A unit account is a login (auth.User): the admin's log records who changed it.
        and not m._meta.proxy
        # A background job is the worker's note of work done for its asker (the rows that
        # work writes keep their history), not part of the movement's record.
        and m.__name__ != "BackgroundJob"
    ]
    assert len(models) == 27
    for model in models:
        assert hasattr(model, "history"), model


def test_workflow_changes_record_who_when_and_values(world):
    w = world
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    services.approve_pledge(w.pledge_a, w.clerk)
    records = list(Pledge.history.filter(id=w.pledge_a.pk).order_by("history_date"))
    assert [r.status for r in records][-2:] == ["submitted", "approved"]
    assert [r.history_user for r in records][-2:] == [w.head_a, w.clerk]
    delta = records[-1].diff_against(records[-2])
    assert "status" in delta.changed_fields
    target = Target.history.filter(id=w.poverty.pk).latest("history_date")
    assert target.actual_value == Decimal(6) and target.history_user == w.clerk


def test_admin_edits_are_attributed_and_searchable(clerk_client, clerk, demo):
    target = Target.objects.get(name="Giao quân", movement__year=2022)
    url = f"/admin/targets/target/{target.pk}/change/"
    form = clerk_client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        actual_value="21",
        note="Sửa theo báo cáo quân sự",
        achieved="unknown",
        responsible_unit=target.responsible_unit_id,
        movement=target.movement_id,
    )
    assert clerk_client.post(url, data).status_code == 302
    record = Target.history.filter(id=target.pk).latest("history_date")
    assert record.history_user == clerk and record.actual_value == Decimal(21)
    body = clerk_client.get(f"{url.replace('change/', 'history/')}").content.decode()
    assert clerk.username in body
    listing = clerk_client.get("/admin/targets/historicaltarget/", {"q": clerk.username})
    text = listing.content.decode()
    assert listing.status_code == 200 and "Giao quân" in text
    assert "21" in text and "Sửa theo báo cáo quân sự" in text


@pytest.mark.django_db
def test_history_lists_are_for_the_office_only(client, world):
    client.force_login(world.head_a)
    for url in [
        "/admin/pledges/historicalpledge/",
        "/admin/targets/historicaltarget/",
        "/admin/awards/historicaldecision/",
    ]:
        assert client.get(url).status_code == 403
    client.force_login(world.leader)
    assert client.get("/admin/pledges/historicalpledge/").status_code == 200


def test_history_cannot_revert(clerk_client, world):
    record = Pledge.history.filter(id=world.pledge_a.pk).earliest("history_date")
    url = f"/admin/pledges/pledge/{world.pledge_a.pk}/history/{record.history_id}/"
    response = clerk_client.post(url, {"status": "approved"})
    assert response.status_code in (200, 302, 403, 405)
    world.pledge_a.refresh_from_db()
    assert world.pledge_a.status == "signed"
