"""Actions that change targets. Each runs in one transaction."""

from django.db import transaction

from emulation.models import Movement

from .models import Target


@transaction.atomic
def copy_to_next_year(targets):
    """Copy targets into the following year's movement, without actuals.

    The movement is created when missing. A name the following year already has is
    skipped, so running it twice adds nothing. Returns {year: (created, skipped)}.
    """
    report = {}
    for target in targets.select_related("movement").order_by("movement__year", "order", "pk"):
        year = target.movement.year + 1
        movement, _created = Movement.objects.get_or_create(
            commune=target.movement.commune,
            year=year,
            defaults={"title": f"Phong trào thi đua năm {year}"},
        )
        created, skipped = report.get(year, (0, 0))
        if Target.objects.filter(movement=movement, name=target.name).exists():
            report[year] = (created, skipped + 1)
            continue
        Target.objects.create(
            movement=movement,
            order=target.order,
            name=target.name,
            unit_of_measure=target.unit_of_measure,
            direction=target.direction,
            plan_value=target.plan_value,
            is_key=target.is_key,
            responsible_unit=target.responsible_unit,
            rollup=target.rollup,
            note="",
        )
        report[year] = (created + 1, skipped)
    return report
