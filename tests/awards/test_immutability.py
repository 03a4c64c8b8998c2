import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Commendation, Decision

FROZEN = "Quyết định đã ban hành và danh sách kèm theo không được sửa hay xóa"


@pytest.fixture
def issued(draft, office):
    services.issue_decision(draft, office)
    draft.refresh_from_db()
    return draft


def _snapshot(decision):
    return (
        list(Decision.objects.filter(pk=decision.pk).values()),
        list(Commendation.objects.filter(decision=decision).order_by("pk").values()),
    )


def test_orm_paths_refuse_changes(issued):
    before = _snapshot(issued)
    line = issued.commendations.first()
    for attempt in [
        lambda: issued.save(),
        lambda: issued.delete(),
        lambda: Decision.objects.filter(pk=issued.pk).update(signer_name="X"),
        lambda: Decision.objects.filter(pk=issued.pk).delete(),
        lambda: line.save(),
        lambda: line.delete(),
        lambda: Commendation.objects.filter(decision=issued).update(full_name="X"),
        lambda: Commendation.objects.filter(decision=issued).delete(),
        lambda: Commendation.objects.create(
            decision=issued, award_kind=line.award_kind, full_name="Thêm", honorific="Ông"
        ),
    ]:
        with pytest.raises(ValidationError, match=FROZEN):
            attempt()
    assert _snapshot(issued) == before


def test_admin_refuses_change_and_delete(client, issued, office):
    client.force_login(office)
    before = _snapshot(issued)
    url = f"/admin/awards/decision/{issued.pk}/"
    body = client.get(url + "change/").content.decode()
    assert 'name="number"' not in body and "Thu hồi quyết định" in body
    assert client.post(url + "change/", {"number": "99/QĐ-UBND"}).status_code == 403
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    line = issued.commendations.first()
    assert (
        client.post(f"/admin/awards/commendation/{line.pk}/change/", {"full_name": "X"}).status_code
        == 403
    )
    assert (
        client.post(f"/admin/awards/commendation/{line.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    client.post(
        "/admin/awards/decision/",
        {"action": "delete_selected", "_selected_action": [issued.pk], "post": "yes"},
    )
    client.post(
        "/admin/awards/commendation/",
        {"action": "delete_selected", "post": "yes", "_selected_action": [line.pk]},
    )
    assert _snapshot(issued) == before
