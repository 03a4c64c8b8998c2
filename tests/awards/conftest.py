import pytest

from emulation.models import Commune
from tests import factories
from tests.factories import CommendationFactory, CommuneFactory, DecisionFactory, UnitFactory


@pytest.fixture
def office(db):
    if Commune.current() is None:
        CommuneFactory()
    return factories.clerk(username="clerk")


@pytest.fixture
def draft(office):
    """A draft with one collective and two individuals."""
    decision = DecisionFactory(number="15/QĐ-UBND")
    unit = UnitFactory(name="Thôn Lâm Giang")
    CommendationFactory(
        decision=decision,
        recipient_type="collective",
        honorific="",
        full_name="",
        unit=unit,
        position="",
    )
    CommendationFactory(
        decision=decision,
        honorific="Ông",
        full_name="Nguyễn Văn An",
        position="Trưởng thôn, thôn Lâm Giang",
        unit=unit,
    )
    CommendationFactory(
        decision=decision,
        honorific="Bà",
        full_name="Phạm Thị Lan",
        position="Trưởng thôn",
        unit=UnitFactory(name="Thôn Lâm Hòa"),
    )
    return decision
