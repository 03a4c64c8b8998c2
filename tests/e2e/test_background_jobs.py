"""A long certificate batch in a real browser: the button starts the job, its page
follows the worker by itself, and the PDF comes from the link it then shows."""

import io
import re

from pypdf import PdfReader

from awards import documents
from awards.models import Decision
from tests.e2e.conftest import E2E
from tests.test_background_jobs import run_worker

pytestmark = E2E


def test_clerk_prints_a_long_batch_in_the_background(journey, monkeypatch):
    monkeypatch.setattr(documents, "PAGES_PER_RENDER", 2)  # 250 in production
    decision = Decision.objects.get(number="15/QĐ-UBND", movement__commune__name="Hàm Liêm")
    pages = decision.commendations.filter(award_kind__prints_certificate=True).count()
    assert pages > 2
    clerk = journey("clerk-background")
    clerk.login("vanphong")
    clerk.go(f"/admin/awards/decision/{decision.pk}/change/")
    clerk.page.click("#certificates-job input[type=submit]")
    clerk.page.wait_for_load_state()
    assert "/admin/emulation/backgroundjob/" in clerk.page.url
    text = clerk.text()
    assert f"{pages} trang được dàn ở chế độ nền" in text
    assert "đang chờ máy chạy nền" in text
    clerk.shot("job waiting")

    assert run_worker() == 1  # the worker, here in the test's thread
    # No reload by hand: the page refreshes itself until the work is done.
    clerk.page.wait_for_selector("text=giay-khen-15-QD-UBND.pdf", timeout=15_000)
    assert "xong" in clerk.text()
    clerk.shot("job done")
    href = clerk.page.get_attribute("text=giay-khen-15-QD-UBND.pdf", "href")
    pdf = clerk.context.request.get(clerk.url + href)
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    assert len(reader.pages) == pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Quyết định số: 15/QĐ-UBND" in text
