"""A hamlet head must never see or change another unit's pledge, by any admin path."""

from decimal import Decimal

import pytest
from django.contrib import admin as django_admin
from django.core.exceptions import PermissionDenied

from pledges import services
from pledges.models import Pledge, PledgeItem
from tests.factories import PledgeFactory, UnitFactory

SECRET = "Bí mật của B"
P = "/admin/pledges/pledge/"
I = "/admin/pledges/pledgeitem/"  # noqa: E741


def _state(world):
    pledge = Pledge.objects.values().get(pk=world.pledge_b.pk)
    item = PledgeItem.objects.values().get(pk=world.item_b.pk)
    return pledge, item


@pytest.fixture
def head_a(client, world):
    client.force_login(world.head_a)
    return client


def _get_urls(w):
    pb, ib = w.pledge_b.pk, w.item_b.pk
    return [
        f"{P}{pb}/change/",
        f"{P}{pb}/history/",
        f"{P}{pb}/delete/",
        f"{P}{pb}/document/",
        f"{I}{ib}/change/",
        f"{I}{ib}/history/",
        f"{I}{ib}/delete/",
    ]


def test_other_units_pages_are_refused(head_a, world):
    before = _state(world)
    for url in _get_urls(world):
        response = head_a.get(url)
        assert response.status_code in (403, 404), url
        assert SECRET not in response.content.decode()
    assert _state(world) == before


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?unit__id__exact={b}",
        "?q=Thôn+B",
        "?status=signed",
        "?movement__id__exact={m}",
        "?all=",
        "?o=1",
    ],
)
def test_changelists_never_show_other_units(head_a, world, query):
    query = query.format(b=world.unit_b.pk, m=world.movement.pk)
    for base in (P, I):
        response = head_a.get(base + query)
        body = response.content.decode()
        assert response.status_code in (200, 302, 400), (base, query)
        assert SECRET not in body, (base, query)
        assert f"/{world.pledge_b.pk}/change/" not in body or base == I
        assert f"{I}{world.item_b.pk}/change/" not in body
        if "Thôn+B" not in query:
            assert "Thôn B" not in body, (base, query)
    # Their own row is there.
    assert "Thôn A" in head_a.get(P).content.decode()


def test_item_filters_by_other_unit_are_refused_or_empty(head_a, world):
    response = head_a.get(f"{I}?pledge__unit__id__exact={world.unit_b.pk}")
    assert SECRET not in response.content.decode()
    response = head_a.get(f"{I}?pledge__id__exact={world.pledge_b.pk}")
    assert response.status_code in (200, 302, 400) and SECRET not in response.content.decode()


def test_filter_choices_show_only_own_units(head_a, world):
    # A head of two hamlets gets a unit filter listing those two, never a third.
    second = UnitFactory(name="Thôn A2")
    second.users.add(world.head_a)
    PledgeFactory(movement=world.movement, unit=second)
    body = head_a.get(P).content.decode()
    assert f"unit__id__exact={second.pk}" in body
    assert f"unit__id__exact={world.unit_b.pk}" not in body
    assert f"unit__id__exact={world.unit_a.pk}" in body


def test_posts_to_change_and_delete_are_refused(head_a, world):
    before = _state(world)
    w = world
    payload = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": str(w.item_b.pk),
        "items-0-pledge": str(w.pledge_b.pk),
        "items-0-result_value": "99",
        "items-0-result_note": "hacked",
        "_submit_results": "1",
    }
    for url, data in [
        (f"{P}{w.pledge_b.pk}/change/", payload),
        (f"{P}{w.pledge_b.pk}/delete/", {"post": "yes"}),
        (f"{I}{w.item_b.pk}/change/", {"result_value": "99", "result_note": "hacked"}),
        (f"{I}{w.item_b.pk}/delete/", {"post": "yes"}),
        (f"{P}{w.pledge_b.pk}/workflow/submit/", {}),
        (f"{P}{w.pledge_b.pk}/workflow/approve/", {}),
        (P, {"action": "delete_selected", "_selected_action": [w.pledge_b.pk], "post": "yes"}),
        (P, {"action": "approve_selected", "_selected_action": [w.pledge_b.pk]}),
        (I, {"action": "delete_selected", "_selected_action": [w.item_b.pk], "post": "yes"}),
    ]:
        response = head_a.post(url, data)
        # A changelist answers 200 "no action" for actions the head does not have.
        allowed = (200, 302, 400, 403, 404) if url in (P, I) else (302, 400, 403, 404)
        assert response.status_code in allowed, url
        assert SECRET not in response.content.decode()
    assert _state(world) == before
    assert Pledge.objects.filter(pk=w.pledge_b.pk).exists()


def test_submit_service_refuses_other_units_head(world):
    before = _state(world)
    with pytest.raises(PermissionDenied):
        services.submit_pledge(world.pledge_b, world.head_a)
    assert _state(world) == before


def test_export_contains_only_own_rows(world, rf):
    request = rf.get(I)
    request.user = world.head_a
    model_admin = django_admin.site._registry[PledgeItem]
    assert list(model_admin.get_export_queryset(request)) == [world.item_a]
    request.user = world.clerk
    assert set(model_admin.get_export_queryset(request)) == {world.item_a, world.item_b}


def test_autocomplete_does_not_leak(head_a, world):
    response = head_a.get(
        "/admin/autocomplete/",
        {
            "app_label": "pledges",
            "model_name": "pledgeitem",
            "field_name": "target",
            "term": "",
        },
    )
    assert response.status_code in (403, 404)
    response = head_a.get(
        "/admin/autocomplete/",
        {
            "app_label": "targets",
            "model_name": "target",
            "field_name": "responsible_unit",
            "term": "Thôn",
        },
    )
    assert response.status_code in (403, 404)
    assert "Thôn B" not in response.content.decode()


def test_head_edits_only_results_of_own_pledge_and_submits(head_a, world):
    w = world
    url = f"{P}{w.pledge_a.pk}/change/"
    body = head_a.get(url).content.decode()
    assert "Nộp kết quả" in body
    assert 'name="items-0-result_value"' in body
    assert 'name="items-0-committed_value"' not in body
    assert 'name="signatory_name"' not in body
    response = head_a.post(
        url,
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-id": str(w.item_a.pk),
            "items-0-pledge": str(w.pledge_a.pk),
            "items-0-result_value": "6",
            "items-0-achieved": "unknown",
            "items-0-result_note": "Đã rà soát",
            "items-0-committed_value": "1",
            "signatory_name": "Đổi tên",
            "_submit_results": "1",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Thôn A: giao ước chuyển sang “Đã nộp kết quả”." in body
    w.item_a.refresh_from_db()
    w.pledge_a.refresh_from_db()
    assert w.item_a.result_value == Decimal(6) and w.item_a.result_note == "Đã rà soát"
    assert w.item_a.committed_value == Decimal(5)  # not theirs to change
    assert w.pledge_a.signatory_name == "Nguyễn Văn Thử"
    assert w.pledge_a.status == Pledge.Status.SUBMITTED
    # Locked now: read-only page with the status, no submit button, posts refused.
    body = head_a.get(url).content.decode()
    assert "Đã nộp kết quả" in body and 'name="items-0-result_value"' not in body
    assert 'name="_submit_results"' not in body
    response = head_a.post(
        url,
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": str(w.item_a.pk),
            "items-0-result_value": "1",
        },
    )
    assert response.status_code == 403
    w.item_a.refresh_from_db()
    assert w.item_a.result_value == Decimal(6)


def test_head_is_offered_no_office_actions(head_a, world):
    body = head_a.get(P).content.decode()
    assert "approve_selected" not in body and "delete_selected" not in body


def test_admin_export_download_has_only_own_rows(head_a, world):
    world.item_a.result_note = "Của A"
    world.item_a.save()
    fields = [
        "year",
        "pledge",
        "order",
        "title",
        "target",
        "unit_of_measure",
        "direction",
        "committed_value",
        "result_value",
        "achieved",
        "result_note",
    ]
    data = {"format": "1", "resource": "0", **{f"pledgeitemresource_{f}": "on" for f in fields}}
    response = head_a.post(f"{I}export/", data)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Của A" in text and "Thôn A" in text
    assert "Thôn B" not in text and SECRET not in text
    response = head_a.post(f"{I}export/?pledge__unit__id__exact={world.unit_b.pk}", data)
    assert SECRET not in response.content.decode("utf-8-sig", errors="replace")
