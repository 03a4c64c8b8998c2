import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from emulation.roles import CLERK, HAMLET_HEAD, LEADER, ensure_roles


def _perms(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_groups_exist_after_migrate_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= {CLERK, HAMLET_HEAD, LEADER}
    assert {"add_unit", "change_unit", "change_commune", "add_movement"} <= _perms(CLERK)
    assert "view_unit" in _perms(LEADER)
    assert "change_unit" not in _perms(LEADER)
    assert "add_commune" not in _perms(CLERK)


@pytest.mark.django_db
def test_ensure_roles_is_idempotent_and_repairs_drift():
    before = {name: _perms(name) for name in (CLERK, HAMLET_HEAD, LEADER)}
    Group.objects.get(name=LEADER).permissions.clear()
    ensure_roles()
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    assert {name: _perms(name) for name in (CLERK, HAMLET_HEAD, LEADER)} == before
    assert Group.objects.filter(name__in=[CLERK, HAMLET_HEAD, LEADER]).count() == 3
