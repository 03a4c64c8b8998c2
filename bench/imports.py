"""Import: 5,000 pledge-item rows from xlsx through PledgeItemResource (dry run, then the
commit), against the baseline of reading the same file with openpyxl and bulk_create of the
same rows in the same run. Targets: ratio ≤ 3 and under 15 s.

The resource's passes read the file as the admin's import page does (emulation.imports.XLSX)
and run as the clerk, so each row's change history names a user. Every repeat imports into
a movement of its own (a fresh year), so no run finds the rows of an earlier one; the
figures are medians.

    .venv/bin/python bench/imports.py [--rows 5000] [--repeat 5] [--profile FILE]
"""

import argparse
import cProfile
import gc
import io
import random
import re
import statistics
import time

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", help="write cProfile stats of the resource passes here")
    args = parser.parse_args()
    vendor = start()

    import datetime
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from openpyxl import Workbook, load_workbook

    from emulation.imports import XLSX, error_messages
    from emulation.models import Movement, Unit
    from emulation.roles import CLERK, ensure_roles
    from pledges.models import Pledge, PledgeItem
    from pledges.resources import PledgeItemResource

    clerk = get_user_model().objects.create_user("vanphong.bench", password="x" * 12, is_staff=True)
    ensure_roles()
    clerk.groups.add(Group.objects.get(name=CLERK))
    from emulation.models import Commune

    commune = Commune.current() or Commune.objects.create(
        name="Hàm Liêm", chairman_name="Nguyễn Quang Minh"
    )
    units = Unit.objects.bulk_create(
        Unit(commune=commune, name=f"Đơn vị {i:03d}", kind="hamlet")
        for i in range(max(1, args.rows // 50))
    )
    headers = [f.column_name for f in PledgeItemResource().get_import_fields()]

    def movement_with_file(year):
        """A movement with a draft pledge per unit, and the xlsx of its items."""
        movement = Movement.objects.create(year=year, title=f"Bench {year}")
        pledges = Pledge.objects.bulk_create(
            Pledge(movement=movement, unit=u, status="draft", signed_on=datetime.date(year, 1, 17))
            for u in units
        )
        rng = random.Random(5000)
        book = Workbook()
        sheet = book.active
        sheet.append(headers)
        for i in range(args.rows):
            pledge = pledges[i % len(pledges)]
            sheet.append(
                [year, pledge.unit.name, i, f"Nội dung {i}", "", "hộ", "", rng.randint(1, 500)]
                + [None, None, ""]
            )
        out = io.BytesIO()
        book.save(out)
        return movement, pledges, out.getvalue()

    def baseline(year):
        """Read the file with openpyxl, build the rows, bulk_create them."""
        _movement, pledges, content = movement_with_file(year)
        by_unit = {p.unit.name: p for p in pledges}
        gc.collect()  # the set-up's garbage is not the baseline's
        started = time.perf_counter()
        rows = list(
            load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(
                min_row=2, values_only=True
            )
        )
        read = time.perf_counter() - started
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
        return time.perf_counter() - started, read

    profiler = cProfile.Profile() if args.profile else None

    def through_resource(year):
        """Dry run, then commit, each reading the file as the admin does."""
        movement, _pledges, content = movement_with_file(year)
        timings = []
        for dry_run in (True, False):
            gc.collect()  # nor the resource's
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            dataset = XLSX().create_dataset(content)
            reads.append(time.perf_counter() - started)
            result = PledgeItemResource().import_data(dataset, dry_run=dry_run, user=clerk)
            if profiler:
                profiler.disable()
            timings.append(time.perf_counter() - started)
            assert not error_messages(result), error_messages(result)[:3]
        assert PledgeItem.objects.filter(pledge__movement=movement).count() == args.rows
        assert PledgeItem.history.filter(pledge__movement=movement).count() == args.rows
        return timings

    def through_admin(year):
        """What the clerk waits for: the import page's upload (dry run, preview page), then
        the confirmation (commit, admin log, redirect)."""
        movement, _pledges, content = movement_with_file(year)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(clerk)
        url = "/admin/pledges/pledgeitem/"
        gc.collect()
        started = time.perf_counter()
        preview = client.post(
            url + "import/",
            {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("g.xlsx", content)},
            secure=True,
        )
        uploaded = time.perf_counter() - started
        body = preview.content.decode()
        assert preview.status_code == 200 and "process_import" in body, "no preview"
        confirm = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', body))
        started = time.perf_counter()
        done = client.post(url + "process_import/", confirm, secure=True)
        confirmed = time.perf_counter() - started
        assert done.status_code == 302, done.status_code
        assert PledgeItem.objects.filter(pledge__movement=movement).count() == args.rows
        return uploaded, confirmed

    baselines, baseline_reads, dry_runs, commits, reads = [], [], [], [], []
    for repeat in range(args.repeat):
        seconds, read = baseline(2100 + 2 * repeat)
        baselines.append(seconds)
        baseline_reads.append(read)
        dry_run, commit = through_resource(2101 + 2 * repeat)
        dry_runs.append(dry_run)
        commits.append(commit)
    if profiler:
        profiler.dump_stats(args.profile)
    uploaded, confirmed = through_admin(2099)

    median = statistics.median
    total = median(d + c for d, c in zip(dry_runs, commits, strict=True))
    base = median(baselines)
    ratio = total / base
    print(f"machine: {machine()}, database: {vendor}, rows: {args.rows}, repeats: {args.repeat}")
    print(f"PledgeItemResource dry run: {median(dry_runs):6.2f} s")
    print(f"PledgeItemResource commit:  {median(commits):6.2f} s")
    print(f"dry run + commit:           {total:6.2f} s (target < 15 s)")
    print(f"baseline: openpyxl read + bulk_create: {base:6.2f} s")
    print(
        f"  of which reading the file: openpyxl {median(baseline_reads):.3f} s; "
        f"the import's reader (calamine) {median(reads):.3f} s per pass"
    )
    print(
        f"for information, through the admin: upload to preview page {uploaded:.2f} s, "
        f"confirmation {confirmed:.2f} s"
    )
    ok = ratio <= 3 and total < 15
    print(f"ratio: {ratio:.2f} (target <= 3) -> {'OK' if ok else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
