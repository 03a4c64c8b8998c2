"""Background jobs: what the clerk's request costs when the work goes to the worker, and
what the worker adds to the work itself (target: the request under 0.5 s whatever the
size; the job within 1.1 × the same work done directly, measured in the same run).

A decision of N certificates (default 1,000: four renders of 250 pages) and a household
file of R rows (default 5,000): each is asked for through the admin with the test client,
run by the worker's own code (django-tasks-db's Worker.run_task), and compared with
``certificates_pdf`` and the resource's import called directly.

    .venv/bin/python bench/jobs.py [--certificates 1000] [--rows 5000]
"""

import argparse
import datetime
import io
import random
import time

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    vendor = start()

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

    # Certificates: direct, then through the admin and the worker.
    direct_pdf, _content = timed(lambda: certificates_pdf(decision))
    url = f"/admin/awards/decision/{decision.pk}/certificates.pdf"
    ask_pdf, response = timed(lambda: client.post(url, secure=True))
    assert response.status_code == 302, response.status_code
    job_pdf = run_queue()
    job = BackgroundJob.objects.latest("pk")
    assert job.status == "done", job.message

    # A household file: the resource directly (into one hamlet set), then the job.
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

    direct_import, result = timed(
        lambda: HouseholdResource().import_data(
            XLSX().create_dataset(workbook(0)), dry_run=False, user=clerk
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    upload = SimpleUploadedFile("ho.xlsx", workbook(args.rows))
    ask_import, response = timed(
        lambda: client.post(
            "/admin/emulation/household/import/",
            {"import_file": upload, "format": "0"},
            secure=True,
        )
    )
    assert response.status_code == 302, response.status_code
    job_import = run_queue()
    job = BackgroundJob.objects.latest("pk")
    assert job.status == "done", job.message
    assert Household.objects.count() == 2 * args.rows

    print(f"machine: {machine()}, database: {vendor}")
    print("| work | request | worker | direct (baseline) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    rows = [
        (f"{args.certificates:,} certificates", ask_pdf, job_pdf, direct_pdf),
        (f"import of {args.rows:,} households", ask_import, job_import, direct_import),
    ]
    met = True
    for name, ask, ran, direct in rows:
        ratio = ran / direct
        met = met and ask < 0.5 and ratio <= 1.1
        print(f"| {name} | {ask * 1000:.0f} ms | {ran:.2f} s | {direct:.2f} s | {ratio:.2f} |")
    print("target met" if met else "TARGET MISSED")


if __name__ == "__main__":
    main()
