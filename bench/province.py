"""A province of 130 communes on one deployment (#18): each commune ~30 targets, 20 units
(6 hamlets), 3,000 households, its pledges and one year of issued decisions.

Targets: each clerk page has the same query count at 130 communes as at one, and takes at
most 1.2 × its one-commune time; the province home and ``province_report`` for 130
communes take under 2 s. The one-commune figures are measured in the same run, before the
other communes are added (the baseline).

    .venv/bin/python bench/province.py [--communes 130] [--households 3000] [--repeat 5]
"""

import argparse
import datetime
import random
import statistics
import time
from decimal import Decimal

from _setup import machine, measure, start

CLERK_PAGES = {
    "home (dashboard)": "/admin/?year=2023",
    "targets": "/admin/targets/target/?year=2023",
    "pledges": "/admin/pledges/pledge/?year=2023",
    "units": "/admin/emulation/unit/",
    "households": "/admin/emulation/household/",
    "decisions": "/admin/awards/decision/?year=2023",
    "commendations": "/admin/awards/commendation/?year=2023",
    "target report": "/admin/targets/target/report/2023/",
}


def build_commune(number, households, rng):
    """One commune's year, written in bulk (the data, not the workflow, is measured)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from awards.models import AwardKind, Commendation, Decision
    from emulation.models import Commune, Household, Movement, Unit
    from emulation.roles import CLERK
    from pledges.models import Pledge
    from targets.models import Target

    commune = Commune.objects.create(
        name=f"Xã số {number:03d}", kind="xã", province="Tỉnh Thử", chairman_name="Nguyễn Văn A"
    )
    movement = Movement.objects.create(commune=commune, year=2023, title="Năm 2023")
    units = Unit.objects.bulk_create(
        Unit(
            commune=commune,
            name=f"{'Thôn' if i < 6 else 'Ban'} {i + 1}",
            kind="hamlet" if i < 6 else "department",
            order=i,
        )
        for i in range(20)
    )
    Target.objects.bulk_create(
        Target(
            movement=movement,
            order=i,
            name=f"Chỉ tiêu {i + 1}",
            unit_of_measure="tấn",
            plan_value=Decimal(rng.randint(10, 1000)),
            actual_value=Decimal(rng.randint(0, 1200)),
            is_key=i < 11,
            responsible_unit=units[i % 20],
        )
        for i in range(30)
    )
    Pledge.objects.bulk_create(
        Pledge(
            movement=movement,
            unit=unit,
            status=rng.choice(["signed", "submitted", "approved"]),
            signed_on=datetime.date(2023, 1, 17),
        )
        for unit in units
    )
    hamlets = units[:6]
    rows = []
    for i in range(households):
        row = Household(
            unit=hamlets[i % 6], honorific="Ông", head_name=f"Nguyễn Văn Hộ {i}", address=""
        )
        row.fill_search_key()
        rows.append(row)
    Household.objects.bulk_create(rows, batch_size=1000)
    kind = AwardKind.objects.get(name="Giấy khen")
    decision = Decision.objects.create(
        movement=movement,
        number="15/QĐ-UBND",
        number_year=2023,
        number_commune=commune,
        signed_on=datetime.date(2023, 12, 20),
        signer_name="Nguyễn Văn A",
        status="issued",
    )
    Commendation.objects.bulk_create(
        Commendation(
            decision=decision,
            award_kind=kind,
            recipient_type="individual",
            honorific="Ông",
            full_name=f"Người {i}",
            order=i + 1,
            bonus_amount=450000,
            register_commune=commune,
            register_year=2023,
            register_number=i + 1,
            verification_code=f"c{number}-{i}",
        )
        for i in range(12)
    )
    clerk = get_user_model().objects.create(username=f"vp{number}", is_staff=True)
    clerk.groups.add(Group.objects.get(name=CLERK))
    commune.users.add(clerk)
    return clerk


def timed(action, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=130)
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    vendor = start()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from awards.province import province_text, province_xlsx, province_year
    from emulation.roles import PROVINCE

    rng = random.Random(2023)
    clerk = build_commune(1, args.households, rng)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(clerk)
    one = {name: measure(client, url, args.repeat) for name, url in CLERK_PAGES.items()}

    started = time.perf_counter()
    for number in range(2, args.communes + 1):
        build_commune(number, args.households, rng)
    built = time.perf_counter() - started
    many = {name: measure(client, url, args.repeat) for name, url in CLERK_PAGES.items()}

    province = get_user_model().objects.create(username="tinh", is_staff=True)
    province.groups.add(Group.objects.get(name=PROVINCE))
    reader = Client(HTTP_HOST="127.0.0.1")
    reader.force_login(province)
    home_ms, home_queries = measure(reader, "/admin/", args.repeat)
    report_text = timed(lambda: province_text(province_year(2023)), args.repeat)
    report_xlsx = timed(lambda: province_xlsx(province_year(2023)), args.repeat)

    print(
        f"machine: {machine()}, database: {vendor}, {args.communes} communes of "
        f"{args.households} households (built in {built:.0f} s), median of {args.repeat}"
    )
    ok = True
    for name in CLERK_PAGES:
        (base_ms, base_q), (ms, q) = one[name], many[name]
        good = q == base_q and ms <= 1.2 * base_ms
        ok &= good
        print(
            f"{name:18s} {args.communes} communes: {ms:6.1f} ms, {q} queries | baseline 1 "
            f"commune: {base_ms:6.1f} ms, {base_q} queries | ratio {ms / base_ms:.2f} | "
            f"{'OK' if good else 'OVER TARGET'}"
        )
    for name, seconds in (
        ("province home", home_ms / 1000),
        ("province_report text", report_text),
        ("province_report xlsx", report_xlsx),
    ):
        good = seconds < 2
        ok &= good
        extra = f", {home_queries} queries" if name == "province home" else ""
        print(
            f"{name:22s} {seconds * 1000:7.1f} ms{extra} | target < 2000 ms | "
            f"{'OK' if good else 'OVER TARGET'}"
        )
    print(
        "targets: equal query counts, ≤ 1.2 × the one-commune time, province < 2 s ->",
        "OK" if ok else "OVER TARGET",
    )


if __name__ == "__main__":
    main()
