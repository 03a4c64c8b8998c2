"""Import: 5,000 pledge-item rows from xlsx through PledgeItemResource (dry run, then the
commit), against the baseline of reading the same file with openpyxl and bulk_create of the
same rows in the same run. Targets: ratio ≤ 3 and under 15 s.

    .venv/bin/python bench/imports.py [--rows 5000]
"""

import argparse
import io
import random
import time

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    vendor = start()

    import datetime
    from decimal import Decimal

    import tablib
    from openpyxl import Workbook, load_workbook

    from emulation.imports import error_messages
    from emulation.models import Movement, Unit
    from pledges.models import Pledge, PledgeItem
    from pledges.resources import PledgeItemResource

    rng = random.Random(5000)
    movement = Movement.objects.create(year=2031, title="Bench 2031")
    units = Unit.objects.bulk_create(
        Unit(name=f"Đơn vị {i:03d}", kind="hamlet") for i in range(max(1, args.rows // 50))
    )
    pledges = Pledge.objects.bulk_create(
        Pledge(movement=movement, unit=u, status="draft", signed_on=datetime.date(2031, 1, 17))
        for u in units
    )
    headers = [f.column_name for f in PledgeItemResource().get_import_fields()]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for i in range(args.rows):
        pledge = pledges[i % len(pledges)]
        sheet.append(
            [
                2031,
                pledge.unit.name,
                i,
                f"Nội dung {i}",
                "",
                "hộ",
                "",
                rng.randint(1, 500),
                None,
                None,
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    content = out.getvalue()

    # Baseline: read the file, build the rows, bulk_create them; then remove them again.
    started = time.perf_counter()
    rows = list(
        load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
    )[1:]
    by_unit = {p.unit.name: p for p in pledges}
    PledgeItem.objects.bulk_create(
        PledgeItem(
            pledge=by_unit[r[1]],
            order=r[2],
            title=r[3],
            unit_of_measure=r[5],
            committed_value=Decimal(r[7]),
        )
        for r in rows
    )
    baseline = time.perf_counter() - started
    PledgeItem.objects.filter(pledge__movement=movement).delete()

    timings = {}
    for dry_run in (True, False):
        started = time.perf_counter()
        dataset = tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        result = PledgeItemResource().import_data(dataset, dry_run=dry_run)
        timings["dry run" if dry_run else "commit"] = time.perf_counter() - started
        assert not error_messages(result), error_messages(result)[:3]
    assert PledgeItem.objects.filter(pledge__movement=movement).count() == args.rows
    total = sum(timings.values())
    ratio = total / baseline
    print(f"machine: {machine()}, database: {vendor}, rows: {args.rows}")
    for name, seconds in timings.items():
        print(f"PledgeItemResource {name:8s}: {seconds:6.2f} s")
    print(f"dry run + commit:           {total:6.2f} s (target < 15 s)")
    print(f"baseline: openpyxl read + bulk_create: {baseline:6.2f} s")
    ok = ratio <= 3 and total < 15
    print(f"ratio: {ratio:.2f} (target <= 3) -> {'OK' if ok else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
