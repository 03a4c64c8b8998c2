"""Background jobs: what the clerk's request costs when the work goes to the worker, and
what the worker adds to the work itself (target: the request under 0.5 s whatever the
size; the job within 1.1 × the same work done directly, measured in the same run).

A decision of N certificates (default 1,000: four renders of 250 pages) and a household
file of R rows (default 5,000): each is asked for through the admin with the test client,
run by the worker's own code (django-tasks-db's Worker.run_task), and compared with
``certificates_pdf`` and the resource's import called directly.

    .venv/bin/python bench/jobs.py [--certificates 1000] [--rows 5000] [--repeat 4]
"""

import argparse
import datetime
import io
import random
import statistics
import time
from types import SimpleNamespace

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    vendor = start()

    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from openpyxl import Workbook

    from awards.documents import certificates_pdf
    from awards.models import AwardKind, Commendation, Decision
    from awards.services import issue_decision
    from emulation.models import BackgroundJob, Commune, Household, Movement, Unit
    from emulation.resources import HouseholdResource
    from emulation.roles import CLERK, ensure_roles

    rng = random.Random(2023)
    commune = Commune.objects.create(name="Hàm Liêm", chairman_name="Nguyễn Quang Minh")
    movement = Movement.objects.create(commune=commune, year=2022, title="2022")
    kind = AwardKind.objects.get(name="Giấy khen")
    decision = Decision.objects.create(
        number="15/QĐ-UBND",
        signed_on=datetime.date(2023, 1, 17),
        movement=movement,
        signer_name="Nguyễn Quang Minh",
    )
    Commendation.objects.bulk_create(
        Commendation(
            decision=decision,
            award_kind=kind,
            honorific=rng.choice(["Ông", "Bà"]),
            full_name=f"Nguyễn Văn Thử {i}",
            position="Trưởng thôn",
            order=i,
            bonus_amount=450000,
        )
        for i in range(args.certificates)
    )
    ensure_roles()
    clerk = get_user_model().objects.create_user("vanphong", password="x" * 12, is_staff=True)
    clerk.groups.add(Group.objects.get(name=CLERK))
    commune.users.add(clerk)
    issue_decision(decision, clerk)
    hamlets = [
        Unit.objects.create(commune=commune, name=f"Thôn {n}", kind=Unit.Kind.HAMLET)
        for n in range(1, 7)
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(clerk)
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    )

    def run_queue():
        started = time.perf_counter()
        for result in DBTaskResult.objects.ready():
            result.claim(worker.worker_id)
            worker.run_task(result)
        return time.perf_counter() - started

    def timed(call):
        started = time.perf_counter()
        value = call()
        return time.perf_counter() - started, value

    # Each pair (the work done directly; asked through the admin and run by the worker)
    # is repeated, the two taking turns to go first, and the medians compared: the
    # machine's drift falls on both sides alike.
    url = f"/admin/awards/decision/{decision.pk}/certificates.pdf"
    pdf = {"direct": [], "ask": [], "job": []}

    def print_here():
        pdf["direct"].append(timed(lambda: certificates_pdf(decision))[0])

    def print_through_the_worker():
        ask, response = timed(lambda: client.post(url, secure=True))
        assert response.status_code == 302, response.status_code
        pdf["ask"].append(ask)
        pdf["job"].append(run_queue())
        job = BackgroundJob.objects.latest("pk")
        assert job.status == "done", job.message

    for round_ in range(args.repeat):
        runs = [print_here, print_through_the_worker]
        for run in runs if round_ % 2 == 0 else runs[::-1]:
            run()

    def workbook(offset):
        book = Workbook()
        sheet = book.active
        sheet.append(["Thôn", "Danh xưng", "Chủ hộ", "Địa chỉ", "Đang sinh sống"])
        for n in range(args.rows):
            sheet.append([hamlets[n % 6].name, "Ông", f"Chủ hộ {offset + n}", f"Tổ {n}", "Có"])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    from emulation.imports import XLSX

    household_admin = admin.site.get_model_admin(Household)

    def import_directly(content):
        # What the page's confirmation does: the rows, their history, the admin log.
        result = HouseholdResource().import_data(
            XLSX().create_dataset(content),
            dry_run=False,
            user=clerk,
            retain_instance_in_row_result=True,
        )
        household_admin.generate_log_entries(result, SimpleNamespace(user=clerk))
        return result

    imports = {"direct": [], "ask": [], "job": []}

    def import_through_the_worker(content):
        upload = SimpleUploadedFile("ho.xlsx", content)
        ask, response = timed(
            lambda: client.post(
                "/admin/emulation/household/import/",
                {"import_file": upload, "format": "0"},
                secure=True,
            )
        )
        assert response.status_code == 302, response.status_code
        imports["ask"].append(ask)
        imports["job"].append(run_queue())
        job = BackgroundJob.objects.latest("pk")
        assert job.status == "done", job.message

    def import_here(content):
        direct, result = timed(lambda: import_directly(content))
        assert not result.has_errors() and not result.has_validation_errors()
        imports["direct"].append(direct)

    for round_ in range(args.repeat):
        # Each run into the same empty table, the two taking turns to go first.
        content = workbook(round_ * args.rows)
        runs = [import_here, import_through_the_worker]
        for run in runs if round_ % 2 == 0 else runs[::-1]:
            run(content)
            assert Household.objects.count() == args.rows
            Household.objects.all().delete()

    def median(figures):
        return {key: statistics.median(values) for key, values in figures.items()}

    pdf, imports = median(pdf), median(imports)
    print(f"machine: {machine()}, database: {vendor}, medians of {args.repeat}")
    print("| work | request | worker | direct (baseline) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    rows = [
        (f"{args.certificates:,} certificates", pdf["ask"], pdf["job"], pdf["direct"]),
        (f"import of {args.rows:,} households", imports["ask"], imports["job"], imports["direct"]),
    ]
    met = True
    for name, ask, ran, direct in rows:
        ratio = ran / direct
        met = met and ask < 0.5 and ratio <= 1.1
        print(f"| {name} | {ask * 1000:.0f} ms | {ran:.2f} s | {direct:.2f} s | {ratio:.2f} |")
    print("target met" if met else "TARGET MISSED")


if __name__ == "__main__":
    main()
