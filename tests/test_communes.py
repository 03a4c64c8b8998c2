"""Units and movements belong to a commune, and a commune has its office's accounts: the
migration moves a single-commune installation's rows into its commune unchanged."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from emulation.models import Commune, Movement, Unit
from emulation.roles import CLERK, HAMLET_HEAD, LEADER, ensure_roles
from tests import factories

BEFORE = [("emulation", "0010_cache_table")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


# Committed rows, and the database's first contents put back after (as the backup test
# does): a flush that re-made the role groups would collide with them.
MIGRATING = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def before_communes():
    """The database as it was before units and movements had a commune; put back after."""
    old = _migrate(BEFORE)
    yield old
    _migrate(_latest())


def _office_and_head(old):
    ensure_roles()
    User = old.get_model("auth", "User")
    OldGroup = old.get_model("auth", "Group")
    accounts = {}
    for username, group in (("vp", CLERK), ("ld", LEADER), ("tt", HAMLET_HEAD)):
        user = User.objects.create(username=username, is_staff=True)
        user.groups.add(OldGroup.objects.get(name=group))
        accounts[username] = user.pk
    return accounts


@MIGRATING
def test_the_migration_moves_every_unit_and_movement_into_the_commune(before_communes):
    old = before_communes
    commune = old.get_model("emulation", "Commune").objects.create(
        name="Hàm Liêm", kind="xã", chairman_name="Nguyễn Quang Minh"
    )
    units = [
        old.get_model("emulation", "Unit").objects.create(name=name, kind="hamlet")
        for name in ("Thôn Lâm Giang", "Thôn Ku Kê")
    ]
    years = [
        old.get_model("emulation", "Movement").objects.create(year=year, title=f"Năm {year}").pk
        for year in (2022, 2023)
    ]
    accounts = _office_and_head(old)

    _migrate(_latest())

    assert Commune.objects.get().pk == commune.pk
    assert sorted(Unit.objects.values_list("pk", "name", "commune")) == sorted(
        (u.pk, u.name, commune.pk) for u in units
    )
    assert sorted(Movement.objects.values_list("pk", "year", "commune")) == [
        (years[0], 2022, commune.pk),
        (years[1], 2023, commune.pk),
    ]
    assert set(Commune.objects.get().users.values_list("pk", flat=True)) == {
        accounts["vp"],
        accounts["ld"],
    }


@MIGRATING
def test_units_without_a_commune_row_get_one_to_complete(before_communes):
    old = before_communes
    old.get_model("emulation", "Unit").objects.create(name="Thôn Lâm Giang", kind="hamlet")

    _migrate(_latest())

    commune = Commune.objects.get()
    assert commune.name == Commune.UNNAMED == "(chưa nhập tên xã)" and not commune.is_named
    assert Unit.objects.get().commune == commune


@MIGRATING
def test_an_empty_installation_gets_no_commune(before_communes):
    _migrate(_latest())
    assert not Commune.objects.exists()


@pytest.mark.django_db
def test_names_and_years_are_unique_within_the_commune(clerk_client):
    factories.UnitFactory(name="Thôn Lâm Giang")
    factories.MovementFactory(year=2023)
    response = clerk_client.post(
        "/admin/emulation/unit/add/", {"name": "Thôn Lâm Giang", "kind": "hamlet", "order": 0}
    )
    assert response.status_code == 200
    assert "Xã đã có đơn vị mang tên này." in response.text
    response = clerk_client.post(
        "/admin/emulation/movement/add/",
        {
            "year": 2023,
            "title": "Phong trào thi đua năm 2023",
            "household_posting_days": 10,
            "household_award_years": 3,
            "household_award_share": 15,
            "report_signer_title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        },
    )
    assert response.status_code == 200
    assert "Xã đã có phong trào thi đua của năm này." in response.text
    assert Unit.objects.count() == 1 and Movement.objects.count() == 1


@pytest.mark.django_db
def test_a_unit_needs_the_commune_set_up_first(clerk_client):
    response = clerk_client.post(
        "/admin/emulation/unit/add/", {"name": "Thôn Lâm Giang", "kind": "hamlet", "order": 0}
    )
    assert "Hãy nhập thông tin của xã trước (Quản trị › Xã)." in response.text
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_only_the_administrator_chooses_a_communes_office_accounts(client, clerk):
    from django.contrib.auth import get_user_model

    commune = factories.CommuneFactory()
    client.force_login(clerk)
    page = client.get(f"/admin/emulation/commune/{commune.pk}/change/").text
    assert 'name="users"' not in page
    admin = get_user_model().objects.create_superuser("quantri", password="x" * 12)
    client.force_login(admin)
    page = client.get(f"/admin/emulation/commune/{commune.pk}/change/").text
    assert 'name="users"' in page


@pytest.mark.django_db
def test_the_demo_office_accounts_are_the_communes(demo):
    commune = Commune.objects.get(name="Hàm Liêm")
    office = set(commune.users.values_list("username", flat=True))
    assert office == {"vanphong", "lanhdao"}
    second = Commune.objects.get(name="Hàm Chính")
    assert set(second.users.values_list("username", flat=True)) == {"vanphong.hamchinh"}
    assert not Group.objects.get(name=HAMLET_HEAD).user_set.filter(communes=commune).exists()


@pytest.mark.django_db
def test_commands_name_the_commune_when_there_are_several(tmp_path):
    import io

    from django.core.management import CommandError, call_command

    from targets.models import Target

    first = factories.CommuneFactory(name="Hàm Liêm")
    second = factories.CommuneFactory(name="Hàm Chính")
    for commune, target in ((first, "Tổng sản lượng lương thực"), (second, "Trồng rừng mới")):
        movement = factories.MovementFactory(commune=commune, year=2023)
        Target.objects.create(movement=movement, name=target, unit_of_measure="ha")
    with pytest.raises(CommandError, match="Có ở nhiều xã .*: chọn một bằng --commune TÊN."):
        call_command("summary_report", "2023", stdout=io.StringIO())
    out = io.StringIO()
    call_command("summary_report", "2023", "--commune", "xã Hàm Chính", stdout=out)
    assert "Trồng rừng mới" in out.getvalue() and "lương thực" not in out.getvalue()
    with pytest.raises(CommandError, match="Không có xã nào tên “Hàm Kiệm”."):
        call_command("summary_report", "2023", "--commune", "Hàm Kiệm", stdout=io.StringIO())

    decision = factories.DecisionFactory(
        movement=Movement.objects.get(commune=second), number="7/QĐ-UBND"
    )
    factories.CommendationFactory(decision=decision)
    with pytest.raises(CommandError, match="Không có quyết định số 7/QĐ-UBND."):
        call_command(
            "print_certificates",
            "7/QĐ-UBND",
            "--commune",
            "Hàm Liêm",
            "--output",
            str(tmp_path / "gk.pdf"),
            stdout=io.StringIO(),
        )
    call_command(
        "print_certificates",
        "7/QĐ-UBND",
        "--commune",
        "Hàm Chính",
        "--output",
        str(tmp_path / "gk.pdf"),
        stdout=io.StringIO(),
    )
    assert (tmp_path / "gk.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_a_clerk_adds_movements_and_funds_in_their_own_commune(client):
    from awards.models import Fund

    factories.CommuneFactory(name="Hàm Liêm")
    second = factories.CommuneFactory(name="Hàm Chính")
    clerk = factories.clerk(commune=second, username="vp_hamchinh")
    client.force_login(clerk)
    response = client.post(
        "/admin/emulation/movement/add/",
        {
            "year": 2024,
            "title": "Phong trào thi đua năm 2024",
            "household_posting_days": 10,
            "household_award_years": 3,
            "household_award_share": 15,
            "report_signer_title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        },
    )
    assert response.status_code == 302, response.text
    assert Movement.objects.get(year=2024).commune == second
    response = client.post(
        "/admin/awards/fund/add/",
        {
            "year": 2024,
            "organising_percent": 20,
            "legal_source": "Nghị định 152/2025/NĐ-CP",
            "entries-TOTAL_FORMS": 0,
            "entries-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.text
    assert Fund.objects.get(year=2024).commune == second
