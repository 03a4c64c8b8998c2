"""Guards for what the benchmarks measure (not timed): bulk imports, one PDF render."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import documents
from awards.resources import CommendationResource
from pledges.resources import PledgeItemResource
from targets.resources import TargetResource
from tests import factories
from tests.factories import CommendationFactory, DecisionFactory, PledgeFactory, UnitFactory
from tests.spreadsheets import csv_bytes, dataset_from


@pytest.mark.parametrize("resource", [TargetResource, PledgeItemResource, CommendationResource])
def test_import_resources_write_in_bulk(resource):
    assert resource._meta.use_bulk is True
    assert resource._meta.batch_size >= 500


def _import(rows, dry_run):
    content = csv_bytes(rows)
    with CaptureQueriesContext(connection) as captured:
        result = PledgeItemResource().import_data(dataset_from(content, "csv"), dry_run=dry_run)
    assert not result.has_errors() and not result.has_validation_errors()
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [True, False])
def test_pledge_item_import_makes_no_query_per_row(dry_run):
    movement = factories.MovementFactory(year=2031, title="2031")
    units = [UnitFactory(name=f"Thôn {i}") for i in range(3)]
    for unit in units:
        PledgeFactory(movement=movement, unit=unit, status="draft")
    headers = [f.column_name for f in PledgeItemResource().get_import_fields()]

    def rows(n, start):
        return [headers] + [
            ["2031", f"Thôn {i % 3}", str(i), f"Nội dung {i}", "", "hộ", "", "5", "", "", ""]
            for i in range(start, start + n)
        ]

    few = _import(rows(6, 0), dry_run)
    many = _import(rows(300, 1000), dry_run)
    # No query per row: only the database's own batch limits on bulk inserts add a few.
    assert many - few <= (300 - 6) // 30


@pytest.mark.django_db
def test_all_certificates_of_a_decision_are_one_render(demo):
    decision = DecisionFactory(number="77/QĐ-UBND")
    for _ in range(5):
        CommendationFactory(decision=decision)
    with mock.patch(
        "emulation.pdf.html_to_pdf", wraps=documents.render_pdf.__globals__["html_to_pdf"]
    ) as render:
        content = documents.certificates_pdf(decision)
    assert render.call_count == 1
    assert content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_batch_larger_than_one_render_is_joined_in_order(demo, monkeypatch):
    import io

    from pypdf import PdfReader

    decision = DecisionFactory(number="78/QĐ-UBND")
    lines = [CommendationFactory(decision=decision, order=n) for n in range(1, 6)]
    monkeypatch.setattr(documents, "PAGES_PER_RENDER", 2)
    with mock.patch(
        "emulation.pdf.html_to_pdf", wraps=documents.render_pdf.__globals__["html_to_pdf"]
    ) as render:
        content = documents.certificates_pdf(decision)
    assert render.call_count == 3  # 2 + 2 + 1 pages
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == 5
    for page, line in zip(pages, lines, strict=True):
        assert line.display_name in page.extract_text()
