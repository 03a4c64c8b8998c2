from decimal import Decimal

from pledges.models import Pledge
from targets.models import Target


def test_demo_has_every_pledge_state_and_rollup(demo):
    pledges = Pledge.objects.filter(movement__commune__name="Hàm Liêm", movement__year=2023)
    states = set(pledges.values_list("status", flat=True))
    assert states == {"signed", "submitted", "returned", "approved"}
    assert pledges.filter(unit__kind="hamlet").count() == 6
    assert pledges.filter(unit__kind="department").exists()
    assert not pledges.exclude(signed_on="2023-01-17").exists()
    returned = pledges.get(status="returned")
    assert "kiểm tra lại" in returned.review_note
    poverty = Target.objects.get(
        movement__commune__name="Hàm Liêm", movement__year=2023, name="Giảm hộ nghèo"
    )
    assert poverty.rollup == "sum"
    approved = pledges.get(status="approved")
    assert poverty.actual_value == approved.items.get(target=poverty).result_value == Decimal(6)
