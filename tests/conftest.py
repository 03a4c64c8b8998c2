import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from emulation.models import Commune
from emulation.roles import CLERK, LEADER
from tests import factories
from tests.worlds import World


@pytest.fixture
def world(db):
    """Two hamlets with a head each, their 2023 pledges signed, a summed target."""
    return World()


@pytest.fixture
def demo(db):
    """The Hàm Liêm demo story, loaded through the real command (with the second demo
    commune beside it). A test's own clerk or leader is Hàm Liêm's office."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    # Office accounts the test made before the demo's communes existed are Hàm Liêm's.
    accounts = get_user_model().objects.filter(groups__name__in=[CLERK, LEADER], communes=None)
    Commune.objects.get(name="Hàm Liêm").users.add(*accounts)


@pytest.fixture
def clerk(db):
    return factories.clerk()


@pytest.fixture
def leader(db):
    return factories.leader()


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the verification page's rate limit lives there)."""
    from django.core.cache import cache

    cache.clear()


def pytest_collection_modifyitems(items):
    """The route walker's long tests first: spread over the workers from the start, they
    do not leave one worker walking alone at the end."""
    items.sort(key=lambda item: "test_route_walker.py" not in item.nodeid)
