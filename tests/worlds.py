from decimal import Decimal

from targets.models import Target
from tests import factories
from tests.factories import MovementFactory, PledgeFactory, PledgeItemFactory, UnitFactory


class World:
    """Two hamlets with a head each, pledges signed for 2023, one summed commune target."""

    def __init__(self):
        self.movement = MovementFactory(year=2023)
        self.poverty = Target.objects.create(
            movement=self.movement,
            name="Giảm hộ nghèo",
            unit_of_measure="hộ",
            plan_value=Decimal(26),
            is_key=True,
            rollup=Target.Rollup.SUM,
        )
        self.unit_a = UnitFactory(name="Thôn A")
        self.unit_b = UnitFactory(name="Thôn B")
        self.head_a = factories.hamlet_head(self.unit_a, username="head_a")
        self.head_b = factories.hamlet_head(self.unit_b, username="head_b")
        self.clerk = factories.clerk(username="clerk")
        self.leader = factories.leader(username="leader")
        self.pledge_a = PledgeFactory(movement=self.movement, unit=self.unit_a)
        self.pledge_b = PledgeFactory(movement=self.movement, unit=self.unit_b)
        self.item_a = PledgeItemFactory(
            pledge=self.pledge_a,
            target=self.poverty,
            title="Giảm hộ nghèo",
            committed_value=Decimal(5),
        )
        self.item_b = PledgeItemFactory(
            pledge=self.pledge_b,
            target=self.poverty,
            title="Giảm hộ nghèo",
            committed_value=Decimal(4),
            result_value=Decimal(3),
            result_note="Bí mật của B",
        )

    def result(self, item, value):
        item.result_value = Decimal(value)
        item.save()
