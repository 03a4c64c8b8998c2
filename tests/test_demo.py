import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from emulation.models import Commune, Unit


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin"}
    }


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_prints_logins():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first

    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert "username: vanphong password: HamLiem2023!" in text
    assert "username: vanphong.hamchinh password: HamLiem2023!" in text
    assert "username: tinh password: HamLiem2023!" in text

    commune = Commune.objects.get(name="Hàm Liêm")
    assert commune.chairman_name == "Nguyễn Quang Minh"
    units = Unit.objects.filter(commune=commune)
    assert units.filter(kind=Unit.Kind.HAMLET).count() == 6
    assert units.filter(kind=Unit.Kind.DEPARTMENT).exists()
    assert units.filter(kind=Unit.Kind.ORGANISATION).exists()
    assert set(commune.movements.values_list("year", flat=True)) >= {2022, 2023}
    # The second, smaller commune: its own hamlets, 2023 movement and issued decision.
    second = Commune.objects.get(name="Hàm Chính")
    assert set(second.units.values_list("name", flat=True)) == {"Thôn Một", "Thôn Hai"}
    decision = second.movements.get(year=2023).decisions.get()
    assert (decision.number, decision.status, decision.commendations.count()) == (
        "7/QĐ-UBND",
        "issued",
        3,
    )


@pytest.mark.django_db
def test_demo_logins_work_and_land_in_vietnamese_admin(client):
    call_command("load_demo", stdout=io.StringIO())
    for username in ["vanphong", "lanhdao", "thon.lamgiang"]:
        client.logout()
        assert client.login(username=username, password="HamLiem2023!"), username
        response = client.get("/admin/")
        assert response.status_code == 200
        assert "Xin chào, <strong>" in response.content.decode()
    # Every hamlet has exactly its own head account linked.
    for unit in Unit.objects.filter(kind=Unit.Kind.HAMLET):
        assert unit.users.count() == 1
        assert unit.users.get().groups.filter(name="Trưởng thôn").exists()
    assert (
        get_user_model().objects.get(username="vanphong").groups.filter(name="Văn phòng").exists()
    )
