"""A commune joins a province's deployment: ``add_commune`` on the command line or the
administrator's "add commune" page give it its movement of the year and its office's
first account; bad input changes nothing."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from emulation.communes import add_commune, office_username
from emulation.models import Commune, Movement, Unit
from emulation.policy import COMMAND_LINE
from emulation.roles import CLERK
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ham_liem():
    commune = factories.CommuneFactory()
    factories.UnitFactory(commune=commune, name="Thôn Lâm Giang")
    return commune


def _rows():
    User = get_user_model()
    return (Commune.objects.count(), Movement.objects.count(), User.objects.count())


def test_the_command_adds_a_commune_its_movement_and_its_office(ham_liem, capsys, client):
    call_command(
        "add_commune",
        "Hàm Chính",
        "--kind",
        "xã",
        "--province",
        "Lâm Đồng",
        "--chairman",
        "Trần Chính",
    )
    out = capsys.readouterr().out
    year = timezone.localdate().year
    commune = Commune.objects.get(name="Hàm Chính")
    assert (commune.kind, commune.province, commune.chairman_name) == (
        "xã",
        "Lâm Đồng",
        "Trần Chính",
    )
    assert list(commune.movements.values_list("year", "title")) == [
        (year, f"Phong trào thi đua năm {year}")
    ]
    found = re.search(r"username: (\S+) password: (\S+)", out)
    assert out.splitlines()[0] == f"Đã thêm xã Hàm Chính (phong trào thi đua năm {year})."
    username, password = found.groups()
    assert username == "vanphong.hamchinh"
    account = commune.users.get()
    assert account.username == username and account.groups.get().name == CLERK
    assert account.last_name == "Văn phòng xã Hàm Chính"

    assert client.login(username=username, password=password)
    units = client.get(reverse("admin:emulation_unit_changelist")).content.decode()
    assert "Thôn Lâm Giang" not in units  # the other commune's unit
    client.post(
        reverse("admin:emulation_unit_add"), {"name": "Thôn Một", "kind": "hamlet", "order": 1}
    )
    assert Unit.objects.get(name="Thôn Một").commune == commune


@pytest.mark.parametrize(
    "args, message",
    [
        (["Hàm Liêm", "--chairman", "Ai Đó"], "Đã có xã Hàm Liêm."),
        (["Hàm Chính", "--kind", "huyện", "--chairman", "Ai Đó"], "Loại đơn vị là một trong:"),
        (["  ", "--chairman", "Ai Đó"], "Nhập tên xã."),
        (["Hàm Chính", "--chairman", " "], "Nhập tên chủ tịch."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_adds_nothing(ham_liem, args, message):
    before = _rows()
    with pytest.raises(CommandError, match=message):
        call_command("add_commune", *args)
    assert _rows() == before


def test_a_taken_login_name_is_refused(ham_liem):
    factories.UserFactory(username="vanphong.hamchinh")
    before = _rows()
    with pytest.raises(CommandError, match="Tên đăng nhập “vanphong.hamchinh” đã có người dùng"):
        call_command("add_commune", "Hàm Chính", "--chairman", "Trần Chính")
    assert _rows() == before


def test_office_login_names_drop_the_marks():
    assert office_username("Đông Giang") == "vanphong.donggiang"
    assert office_username("Phường 1") == "vanphong.phuong1"


def test_only_the_administrator_adds_a_commune_beside_others(ham_liem, client):
    clerk = factories.clerk(commune=ham_liem)
    with pytest.raises(Exception, match="Chỉ quản trị viên"):
        add_commune(clerk, name="Hàm Chính", chairman_name="Trần Chính")
    client.force_login(clerk)
    assert client.get(reverse("admin:emulation_commune_add")).status_code == 403
    new = add_commune(
        COMMAND_LINE, name="Hàm Chính", chairman_name="Trần Chính", today=datetime.date(2026, 3, 1)
    )
    assert new.movement.year == 2026


def test_the_administrator_adds_a_commune_from_the_admin(ham_liem, admin_client):
    url = reverse("admin:emulation_commune_add")
    form = {
        "name": "Hàm Chính",
        "kind": "xã",
        "province": "Lâm Đồng",
        "chairman_name": "Trần Chính",
    }
    before = _rows()
    refused = admin_client.post(url, {**form, "name": "Hàm Liêm"})
    assert refused.status_code == 200 and "Đã có xã Hàm Liêm." in refused.content.decode()
    assert _rows() == before

    page = admin_client.post(url, form)
    assert page.status_code == 200
    text = page.content.decode()
    commune = Commune.objects.get(name="Hàm Chính")
    account = commune.users.get()
    assert "Phiếu giao tài khoản" in text and account.username in text
    password = re.search(r'id="handover-password">([^<]+)<', text).group(1)
    assert account.check_password(password)
    assert commune.movements.count() == 1
