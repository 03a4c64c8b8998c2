import datetime

import pytest

from awards.models import AwardKind
from emulation.models import Commune
from tests import factories
from tests.factories import CommuneFactory, CouncilMeetingFactory, MovementFactory, UnitFactory


class Path:
    """The 2025 movement of a commune with two hamlets and a department: each hamlet's
    head, the clerk and the leader; the seeded award kinds and council rules."""

    def __init__(self):
        if Commune.current() is None:
            CommuneFactory()
        self.movement = MovementFactory(year=2025)
        self.hamlet = UnitFactory(name="Thôn Lâm Giang", order=1)
        self.other = UnitFactory(name="Thôn Ku Kê", order=2)
        self.department = UnitFactory(name="Văn phòng - Thống kê", kind="department", order=3)
        self.head = factories.hamlet_head(self.hamlet, username="thon.lamgiang")
        self.other_head = factories.hamlet_head(self.other, username="thon.kuke")
        self.clerk = factories.clerk(username="vanphong")
        self.leader = factories.leader(username="lanhdao")
        self.giay_khen = AwardKind.objects.get(name="Giấy khen")
        self.lao_dong = AwardKind.objects.get(name="Lao động tiên tiến")
        self.chien_si = AwardKind.objects.get(name="Chiến sĩ thi đua cơ sở")
        self.xuat_sac = AwardKind.objects.get(name="Tập thể lao động xuất sắc")

    def nomination(self, **kwargs):
        kwargs.setdefault("movement", self.movement)
        kwargs.setdefault("unit", self.hamlet)
        kwargs.setdefault("award_kind", self.giay_khen)
        return factories.NominationFactory(**kwargs)

    def meeting(self, **kwargs):
        kwargs.setdefault("movement", self.movement)
        kwargs.setdefault("held_on", datetime.date(2026, 1, 10))
        return CouncilMeetingFactory(**kwargs)


@pytest.fixture
def path(db):
    return Path()
