"""A summed commune target's actual: the total of its approved pledge results."""

from django.db.models import Sum

from targets.models import Target
from targets.rollups import source

from .models import Pledge, PledgeItem


@source(Target.Rollup.SUM)
def approved_results(target):
    if target.pk is None:
        return None
    return PledgeItem.objects.filter(
        target=target, pledge__status=Pledge.Status.APPROVED, result_value__isnull=False
    ).aggregate(total=Sum("result_value"))["total"]
