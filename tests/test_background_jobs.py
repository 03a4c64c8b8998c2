"""Work that outgrows a request runs in the worker: big imports, long certificate
batches and the province's PDF report, each followed on its job's page by the account
that asked, and by nobody else."""

import io
import re

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from awards import documents
from emulation import jobs
from emulation.models import BackgroundJob, Household
from tests import factories
from tests.factories import CommendationFactory, DecisionFactory, UnitFactory
from tests.spreadsheets import csv_bytes, xlsx_bytes

HOUSEHOLDS = "/admin/emulation/household/"
JOBS = "/admin/emulation/backgroundjob/"
HEADERS = ["Thôn", "Danh xưng", "Chủ hộ", "Địa chỉ", "Đang sinh sống"]


def run_worker():
    """What ``manage.py db_worker`` does with each queued task, in the test's transaction
    (its loop closes the connection between tasks, which a test transaction cannot
    survive; ``test_the_worker_command_runs_the_queue`` runs the real command)."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for result in DBTaskResult.objects.ready():
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def small_threshold(monkeypatch):
    """Files of more than 3 rows go to the worker (3,000 in production)."""
    monkeypatch.setattr("emulation.admin_mixins.IMPORT_IN_REQUEST_ROWS", 3)


@pytest.fixture
def hamlet(db):
    return UnitFactory(name="Thôn Lâm Giang")


def _upload(client, content, name="ho-gia-dinh.xlsx", fmt="0"):
    upload = SimpleUploadedFile(name, content)
    return client.post(f"{HOUSEHOLDS}import/", {"import_file": upload, "format": fmt})


def _rows(count, start=1):
    return [
        ["Thôn Lâm Giang", "Ông", f"Chủ hộ {n}", f"Tổ {n}", "Có"]
        for n in range(start, start + count)
    ]


def test_a_big_import_runs_in_the_worker_and_its_page_follows_it(
    small_threshold, hamlet, clerk, client
):
    client.force_login(clerk)
    response = _upload(client, xlsx_bytes([HEADERS, *_rows(5)]))
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{JOBS}{job.pk}/change/"
    assert job.status == "queued" and job.requested_by == clerk and job.total == 5
    assert job.title == "Nhập ho-gia-dinh.xlsx vào hộ gia đình"
    assert not Household.objects.exists()  # nothing before the worker
    page = client.get(response["Location"]).content.decode()
    assert "Tệp có 5 dòng: được kiểm tra và nhập ở chế độ nền" in page
    assert "đang chờ máy chạy nền" in page
    assert '<meta http-equiv="refresh" content="3">' in page  # the page follows the work
    stored = job.source.name
    assert job.source.storage.exists(stored)

    assert run_worker() == 1
    job.refresh_from_db()
    assert job.status == "done" and (job.done, job.total) == (5, 5)
    assert job.message == "Đã nhập ho-gia-dinh.xlsx, 5 dòng: 5 mới, 0 sửa, 0 không đổi."
    assert sorted(Household.objects.values_list("head_name", flat=True)) == [
        f"Chủ hộ {n}" for n in range(1, 6)
    ]
    # As the page's import: the admin log names the clerk, each row keeps its history.
    assert LogEntry.objects.filter(user=clerk).count() == 5
    assert Household.history.filter(history_user=clerk).count() == 5
    assert not job.source and not job.source.storage.exists(stored)  # no copy is kept
    page = client.get(f"{JOBS}{job.pk}/change/").content.decode()
    assert "http-equiv" not in page and ">xong<" in page
    listing = client.get(JOBS).content.decode()
    assert "Nhập ho-gia-dinh.xlsx vào hộ gia đình" in listing


def test_a_big_csv_with_bad_rows_imports_nothing_and_lists_each_row(
    small_threshold, hamlet, clerk_client
):
    rows = _rows(4)
    rows[1][1] = "Anh"
    rows[3][0] = "Thôn Không Có"
    content = b"\xef\xbb\xbf" + csv_bytes([HEADERS, *rows])
    response = _upload(clerk_client, content, name="ho.csv", fmt="1")
    assert response.status_code == 302
    run_worker()
    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    lines = job.message.splitlines()
    assert lines[0] == "Không nhập dòng nào từ ho.csv:"
    assert "Dòng 3, cột “Danh xưng”: “Anh” không phải là một trong: “Ông”, “Bà”." in lines
    assert any("Không có đơn vị nào tên “Thôn Không Có”." in line for line in lines)
    assert not Household.objects.exists()  # all or nothing
    page = clerk_client.get(f"{JOBS}{job.pk}/change/").content.decode()
    assert ">không thành công<" in page
    # The outcome as paragraphs, each line escaped (the file's own text is never markup).
    assert "<p>Không nhập dòng nào từ ho.csv:<br>Dòng 3, cột “Danh xưng”:" in page


def test_a_small_file_is_still_previewed_on_the_page(small_threshold, hamlet, clerk_client):
    response = _upload(clerk_client, xlsx_bytes([HEADERS, *_rows(3)]))
    assert response.status_code == 200 and "Chủ hộ 3" in response.content.decode()
    assert not BackgroundJob.objects.exists() and not DBTaskResult.objects.exists()


def test_a_file_too_big_for_any_import_is_refused_on_the_page(
    monkeypatch, small_threshold, hamlet, clerk_client
):
    monkeypatch.setattr("emulation.admin_mixins.IMPORT_MAX_ROWS", 4)
    monkeypatch.setattr("emulation.imports.reading.IMPORT_MAX_ROWS", 4)
    body = _upload(clerk_client, xlsx_bytes([HEADERS, *_rows(5)])).content.decode()
    assert "Tệp có hơn 4 dòng" in body
    assert not BackgroundJob.objects.exists()


def test_an_import_job_acts_with_the_uploaders_rights_when_it_runs(small_threshold, hamlet):
    """A hamlet head's file naming another hamlet is refused by the worker as the page
    would refuse it."""
    other = UnitFactory(name="Thôn Ku Kê")
    head = factories.hamlet_head(hamlet)
    client = Client()
    client.force_login(head)
    rows = _rows(3) + [["Thôn Ku Kê", "Bà", "Đỗ Thị Năm", "Tổ 1", "Có"]]
    assert _upload(client, xlsx_bytes([HEADERS, *rows])).status_code == 302
    run_worker()
    job = BackgroundJob.objects.get()
    assert job.status == "failed"
    assert "không được thêm hoặc sửa hộ gia đình của Thôn Ku Kê" in job.message
    assert not Household.objects.filter(unit__in=[hamlet, other]).exists()


@pytest.fixture
def big_decision(db, monkeypatch):
    """A decision of 5 certificates, laid out 2 pages per render (250 in production)."""
    monkeypatch.setattr(documents, "PAGES_PER_RENDER", 2)
    decision = DecisionFactory(number="15/QĐ-UBND")
    for n in range(5):
        CommendationFactory(decision=decision, full_name=f"Nguyễn Văn Thử {n}")
    return decision


def test_a_long_certificate_batch_is_laid_out_in_the_worker_with_its_progress(
    big_decision, clerk, client, monkeypatch
):
    client.force_login(clerk)
    url = f"/admin/awards/decision/{big_decision.pk}/certificates.pdf"
    page = client.get(f"/admin/awards/decision/{big_decision.pk}/change/").content.decode()
    assert 'id="certificates-job"' in page and "Xem trước giấy khen (PDF, chạy nền)" in page
    # A link followed by mistake starts nothing: work starts on the button (POST).
    response = client.get(url, follow=True)
    assert "5 trang được dàn ở chế độ nền: bấm nút bên dưới." in response.content.decode()
    assert not BackgroundJob.objects.exists()

    response = client.post(url)
    job = BackgroundJob.objects.get()
    assert response["Location"] == f"{JOBS}{job.pk}/change/"
    assert job.title == "Giấy khen của quyết định 15/QĐ-UBND" and job.total == 5
    # The page can show the pages laid out so far: each render sees the previous saved.
    seen = []
    render = documents.render_pdf

    def spying_render(template, context):
        seen.append(BackgroundJob.objects.values_list("done", flat=True).get(pk=job.pk))
        return render(template, context)

    monkeypatch.setattr(documents, "render_pdf", spying_render)
    run_worker()
    assert seen == [0, 2, 4]
    job.refresh_from_db()
    assert job.status == "done" and (job.done, job.total, job.percent) == (5, 5, 100)
    assert job.message == "5 giấy khen của quyết định 15/QĐ-UBND, mỗi giấy một trang."
    assert job.result_name == "giay-khen-15-QD-UBND.pdf"
    change = client.get(f"{JOBS}{job.pk}/change/").content.decode()
    assert f"{JOBS}{job.pk}/result/" in change
    download = client.get(f"{JOBS}{job.pk}/result/")
    assert download["Content-Type"] == "application/pdf"
    reader, pages = pdf_text(b"".join(download.streaming_content))
    assert len(reader.pages) == 5
    assert [n for n in range(5) if f"Nguyễn Văn Thử {n}" in " ".join(pages)] == [0, 1, 2, 3, 4]


def test_a_job_and_its_file_are_the_askers_alone(big_decision, clerk, client):
    client.force_login(clerk)
    client.post(f"/admin/awards/decision/{big_decision.pk}/certificates.pdf")
    run_worker()
    job = BackgroundJob.objects.get()
    others = [
        factories.clerk(username="vanphong2"),  # the same commune's other clerk
        factories.leader(username="lanhdao"),
        factories.province_staff(username="tinh"),
        factories.hamlet_head(UnitFactory(), username="thon"),
    ]
    for other in others:
        client.force_login(other)
        for url in (f"{JOBS}{job.pk}/change/", f"{JOBS}{job.pk}/result/"):
            assert client.get(url).status_code == 404, (other, url)
        assert "Giấy khen của quyết định" not in client.get(JOBS).content.decode()
    client.force_login(factories.UserFactory(username="admin", is_superuser=True))
    assert client.get(f"{JOBS}{job.pk}/result/").status_code == 200
    # Nobody makes, edits or deletes a job by hand.
    for url in (f"{JOBS}add/", f"{JOBS}{job.pk}/delete/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{JOBS}{job.pk}/change/", {"title": "Khác"}).status_code == 403


def test_the_queues_own_admin_page_is_not_offered(db):
    assert not admin.site.is_registered(DBTaskResult)
    assert admin.site.is_registered(BackgroundJob)


def test_a_decision_whose_certificates_cannot_print_starts_no_job(
    big_decision, clerk_client, settings
):
    settings.SITE_URL = ""
    big_decision.status = "issued"
    big_decision.save(update_fields=["status"])
    url = f"/admin/awards/decision/{big_decision.pk}/certificates.pdf"
    response = clerk_client.post(url, follow=True)
    assert not BackgroundJob.objects.exists()
    assert "SITE_URL" in response.content.decode()


def test_the_province_report_pdf_is_made_in_the_worker(db, client):
    from tests.factories import CommuneFactory, MovementFactory

    ham_liem = CommuneFactory(name="Hàm Liêm")
    ham_chinh = CommuneFactory(name="Hàm Chính")
    MovementFactory(commune=ham_liem, year=2022)
    MovementFactory(commune=ham_chinh, year=2022)
    staff = factories.province_staff(username="tinh")
    client.force_login(staff)
    assert 'id="province-pdf"' in client.get("/admin/province/?year=2022").content.decode()
    assert client.get("/admin/province/2022/pdf/").status_code == 405
    response = client.post("/admin/province/2022/pdf/")
    job = BackgroundJob.objects.get()
    assert response["Location"] == f"{JOBS}{job.pk}/change/"
    assert job.commune is None and job.title == "Báo cáo các xã năm 2022 (PDF)"
    run_worker()
    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.message == "Báo cáo của 2 xã năm 2022."
    download = client.get(f"{JOBS}{job.pk}/result/")
    _reader, pages = pdf_text(b"".join(download.streaming_content))
    text = " ".join(pages)
    assert "THI ĐUA, KHEN THƯỞNG CỦA CÁC XÃ NĂM 2022" in text
    assert "2 xã, 2 xã có phong trào năm nay" in text
    assert text.index("xã Hàm Chính") < text.index("xã Hàm Liêm") < text.index("Toàn tỉnh")
    # A commune's clerk reads no province.
    client.force_login(factories.clerk(commune=ham_liem, username="vanphong"))
    assert client.post("/admin/province/2022/pdf/").status_code == 403
    assert BackgroundJob.objects.count() == 1


def test_a_job_runs_once_and_a_crash_is_told_in_vietnamese(db, clerk):
    calls = []

    def handler(job, progress):
        calls.append(job.pk)
        return jobs.Outcome("Xong việc.")

    job = BackgroundJob.objects.create(kind="thu", title="Việc thử", requested_by=clerk)
    jobs.run_job(job.pk, handler)
    jobs.run_job(job.pk, handler)  # handed out twice: done once
    assert calls == [job.pk]
    job.refresh_from_db()
    assert job.status == "done" and job.message == "Xong việc." and job.finished_at

    def crashing(job, progress):
        progress(1, 4)
        raise RuntimeError("boom")

    crashed = BackgroundJob.objects.create(kind="thu", title="Việc hỏng", requested_by=clerk)
    with pytest.raises(RuntimeError):
        jobs.run_job(crashed.pk, crashing)
    crashed.refresh_from_db()
    assert crashed.status == "failed" and (crashed.done, crashed.total) == (1, 4)
    assert crashed.message.startswith("Công việc dừng vì một lỗi không lường trước")


# Serialized like the other transactional tests, so those after it find the database as
# the migrations left it (groups included).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_the_queue(small_threshold, client):
    """``manage.py db_worker --batch`` (what the deployment's worker runs, without
    --batch) takes the queued job and exits when the queue is empty."""
    UnitFactory(name="Thôn Lâm Giang")
    client.force_login(factories.clerk())
    assert _upload(client, xlsx_bytes([HEADERS, *_rows(4)])).status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    job = BackgroundJob.objects.get()
    assert job.status == "done" and Household.objects.count() == 4
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_finished_jobs_and_their_files_are_pruned_after_a_month(db, clerk):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    now = timezone.now()

    def job(title, status, days_ago):
        made = BackgroundJob.objects.create(
            kind="thu", title=title, requested_by=clerk, status=status
        )
        made.result.save("ket-qua.pdf", ContentFile(b"%PDF-1.4"), save=False)
        made.finished_at = now - datetime.timedelta(days=days_ago) if days_ago else None
        made.save()
        return made

    old = job("Cũ", "done", 40)
    failed = job("Hỏng", "failed", 31)
    recent = job("Mới", "done", 3)
    running = job("Đang chạy", "running", None)
    old_file = old.result.name
    out = io.StringIO()
    call_command("prune_jobs", stdout=out)
    assert out.getvalue().startswith("Đã xóa 2 công việc chạy nền xong trước ")
    assert set(BackgroundJob.objects.values_list("title", flat=True)) == {"Mới", "Đang chạy"}
    assert not old.result.storage.exists(old_file)
    assert recent.result.storage.exists(recent.result.name)
    assert running.result.storage.exists(running.result.name) and failed.pk
    with pytest.raises(Exception, match="--days phải từ 1 trở lên."):
        call_command("prune_jobs", "--days", "0")


def test_a_jobs_outcome_is_shown_as_text_never_as_markup(db, clerk_client, clerk):
    job = BackgroundJob.objects.create(
        kind="thu",
        title="Nhập <b>tệp</b>",
        requested_by=clerk,
        status="failed",
        message="Không nhập dòng nào từ <script>alert(1)</script>.csv:\nDòng 2: sai",
    )
    page = clerk_client.get(f"{JOBS}{job.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>tệp</b>" not in page
    assert "<p>Không nhập dòng nào từ &lt;script&gt;alert(1)&lt;/script&gt;.csv:<br>" in page


def test_a_job_whose_worker_stopped_under_it_is_told_and_stops_waiting(db, clerk, clerk_client):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    lost = BackgroundJob.objects.create(
        kind="thu", title="Mất máy", requested_by=clerk, status="running"
    )
    busy = BackgroundJob.objects.create(
        kind="thu", title="Đang làm", requested_by=clerk, status="running"
    )
    BackgroundJob.objects.filter(pk=lost.pk).update(started_at=now - datetime.timedelta(hours=2))
    BackgroundJob.objects.filter(pk=busy.pk).update(started_at=now - datetime.timedelta(minutes=5))
    out = io.StringIO()
    call_command("prune_jobs", stdout=out)
    assert out.getvalue().startswith("Đã ghi 1 công việc dừng giữa chừng là không thành công.")
    lost.refresh_from_db()
    busy.refresh_from_db()
    assert lost.status == "failed" and lost.finished_at is not None
    assert lost.message == (
        "Máy chạy nền đã dừng trước khi làm xong việc này; không giữ lại kết quả nào. "
        "Hãy yêu cầu lại."
    )
    assert busy.status == "running"
    page = clerk_client.get(f"{JOBS}{lost.pk}/change/").content.decode()
    assert "http-equiv" not in page  # its page no longer waits
