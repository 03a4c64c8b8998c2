"""Fixed-seed data at a chosen size for the admin and report benchmarks."""

import datetime
import random
from decimal import Decimal


def make(size, seed=2023):
    """``size`` targets, ``size`` pledge items and ``size`` commendations in movement 2030."""
    from django.contrib.auth import get_user_model

    from awards.models import AwardKind, Commendation, Decision
    from emulation.models import Commune, Movement, Unit
    from emulation.roles import CLERK, ensure_roles
    from pledges.models import Pledge, PledgeItem
    from targets.models import Target

    rng = random.Random(seed)
    ensure_roles()
    if Commune.current() is None:
        Commune.objects.create(name="Hàm Liêm", chairman_name="Nguyễn Quang Minh")
    movement = Movement.objects.create(year=2030 + size % 7, title=f"Bench {size}")
    units = Unit.objects.bulk_create(
        Unit(commune=movement.commune, name=f"Đơn vị {size}-{i:04d}", kind="hamlet", order=i)
        for i in range(max(2, size // 100))
    )
    Target.objects.bulk_create(
        Target(
            movement=movement,
            order=i,
            name=f"Chỉ tiêu {i}",
            unit_of_measure="tấn",
            plan_value=Decimal(rng.randint(1, 1000)),
            actual_value=Decimal(rng.randint(0, 1200)),
            is_key=i % 10 == 0,
            responsible_unit=units[i % len(units)],
        )
        for i in range(size)
    )
    pledges = Pledge.objects.bulk_create(
        Pledge(
            movement=movement,
            unit=unit,
            status=rng.choice(["signed", "approved"]),
            signed_on=datetime.date(2030, 1, 17),
        )
        for unit in units
    )
    PledgeItem.objects.bulk_create(
        PledgeItem(
            pledge=pledges[i % len(pledges)],
            order=i,
            title=f"Nội dung {i}",
            unit_of_measure="hộ",
            committed_value=Decimal(rng.randint(1, 50)),
            result_value=Decimal(rng.randint(0, 60)),
        )
        for i in range(size)
    )
    kind = AwardKind.objects.get(name="Giấy khen")  # seeded with its dated rules
    decisions = []
    for i in range(max(1, size // 200)):
        decisions.append(
            Decision.objects.create(
                movement=movement,
                number=f"{i + 1}/QĐ-UBND",
                signer_name="Nguyễn Quang Minh",
                signed_on=datetime.date(2030, 1, 17),
                status="draft",
            )
        )
    Commendation.objects.bulk_create(
        Commendation(
            decision=decisions[i % len(decisions)],
            award_kind=kind,
            honorific="Ông",
            full_name=f"Người {i}",
            order=i,
            bonus_amount=450000,
        )
        for i in range(size)
    )
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name=CLERK))
    return movement, user
