import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emulation.uploads import MAX_SCAN_BYTES
from pledges import services
from pledges.models import Pledge
from tests.factories import PledgeFactory, PledgeItemFactory, UnitFactory

P = "/admin/pledges/pledge/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_clerk_returns_one_approves_another_and_head_sees_the_note(client, world):
    w = world
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    services.submit_pledge(w.pledge_b, w.head_b)
    client.force_login(w.clerk)
    body = client.get(f"{P}{w.pledge_b.pk}/change/").content.decode()
    assert "Duyệt kết quả" in body and "Trả lại đơn vị" in body and "Mở lại để sửa" not in body
    response = client.post(f"{P}{w.pledge_b.pk}/workflow/return/", {"note": ""}, follow=True)
    assert "Ghi rõ đơn vị cần sửa gì." in response.content.decode()
    client.post(f"{P}{w.pledge_b.pk}/workflow/return/", {"note": "Số hộ chưa khớp"})
    response = client.post(f"{P}{w.pledge_a.pk}/workflow/approve/", follow=True)
    assert "Thôn A: giao ước chuyển sang “Đã duyệt”." in response.content.decode()
    w.pledge_a.refresh_from_db()
    w.pledge_b.refresh_from_db()
    w.poverty.refresh_from_db()
    assert (w.pledge_a.status, w.pledge_b.status) == ("approved", "returned")
    assert w.poverty.actual_value == Decimal(6)
    # The target page shows the breakdown by unit.
    body = client.get(f"/admin/targets/target/{w.poverty.pk}/change/").content.decode()
    assert "Kết quả giao ước đã duyệt theo đơn vị" in body and "Thôn A" in body
    # Head of B sees the office's note and may submit again.
    client.force_login(w.head_b)
    body = client.get(f"{P}{w.pledge_b.pk}/change/").content.decode()
    assert "Ghi chú của văn phòng" in body and "Số hộ chưa khớp" in body
    assert "Nộp kết quả" in body
    assert client.get("/admin/").status_code == 200


def test_get_on_workflow_url_is_refused(client, world):
    client.force_login(world.clerk)
    assert client.get(f"{P}{world.pledge_a.pk}/workflow/approve/").status_code == 405


def test_status_who_and_when_are_shown(client, world):
    services.submit_pledge(world.pledge_b, world.head_b)
    client.force_login(world.clerk)
    body = client.get(f"{P}{world.pledge_b.pk}/change/").content.decode()
    assert "Đã nộp kết quả" in body and "head_b nộp lúc" in body
    body = client.get(P).content.decode()
    assert "Đã nộp kết quả" in body and "01/01" in body  # results entered / items


def test_ranking_orders_by_share_then_exceeded_then_name(client, world):
    w = world
    unit_c = UnitFactory(name="Thôn C")
    pledge_c = PledgeFactory(movement=w.movement, unit=unit_c, status="approved")
    PledgeItemFactory(pledge=pledge_c, committed_value=5, result_value=5)
    w.result(w.item_a, 7)  # exceeded
    for pledge in (w.pledge_a, w.pledge_b):
        Pledge.objects.filter(pk=pledge.pk).update(status="approved")
    from pledges.selectors import unit_ranking

    rows = unit_ranking(w.movement)
    assert [(r.unit.name, r.met, r.total, r.exceeded) for r in rows] == [
        ("Thôn A", 1, 1, 1),
        ("Thôn C", 1, 1, 0),
        ("Thôn B", 0, 1, 0),
    ]
    client.force_login(w.leader)
    body = client.get(f"{P}ranking/2023/").content.decode()
    assert body.index("Thôn A") < body.index("Thôn C") < body.index("Thôn B")
    client.force_login(w.head_a)
    assert client.get(f"{P}ranking/2023/").status_code == 403


def test_upload_checks_type_by_content_and_size(client, world):
    draft = PledgeFactory(movement=world.movement, unit=UnitFactory(), status="draft")
    client.force_login(world.clerk)
    url = f"{P}{draft.pk}/change/"
    base = {
        "movement": world.movement.pk,
        "unit": draft.unit.pk,
        "signed_on": "17/01/2023",
        "signatory_name": "A",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    body = client.post(url, {**base, "document": fake}).content.decode()
    assert "Chỉ nhận bản quét dạng PDF, JPEG hoặc PNG" in body
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * MAX_SCAN_BYTES, "application/pdf")
    body = client.post(url, {**base, "document": big}).content.decode()
    assert "chỉ nhận tệp tối đa 10 MB" in body
    draft.refresh_from_db()
    assert not draft.document
    good = SimpleUploadedFile("../../etc/passwd.pdf", PDF, "application/pdf")
    assert client.post(url, {**base, "document": good}).status_code == 302
    draft.refresh_from_db()
    assert draft.document.name.startswith("pledges/") and draft.document.name.endswith(".pdf")
    assert ".." not in draft.document.name and "passwd" not in draft.document.name
    response = client.get(f"{P}{draft.pk}/document/")
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world.head_a)
    assert client.get(f"{P}{draft.pk}/document/").status_code == 404


def test_changelists_query_count_constant(client, world):
    client.force_login(world.clerk)

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count(P), count("/admin/pledges/pledgeitem/")
    for _ in range(30):
        pledge = PledgeFactory(movement=world.movement, unit=UnitFactory())
        PledgeItemFactory(pledge=pledge)
        PledgeItemFactory(pledge=pledge)
    assert (count(P), count("/admin/pledges/pledgeitem/")) == small


@pytest.mark.django_db
def test_assign_action_creates_draft_pledges(client, world):
    unit_c = UnitFactory(name="Thôn C")
    client.force_login(world.clerk)
    url = "/admin/targets/target/"
    data = {"action": "assign_to_units", "_selected_action": [world.poverty.pk]}
    body = client.post(url, data).content.decode()
    assert "Giao chỉ tiêu cho đơn vị" in body and "Thôn C" in body
    response = client.post(url, {**data, "apply": "1", "units": [unit_c.pk]}, follow=True)
    assert "Đã tạo 1 giao ước nháp, thêm 1 nội dung." in response.content.decode()
    pledge = Pledge.objects.get(unit=unit_c)
    assert pledge.status == "draft" and pledge.items.get().target == world.poverty


def test_the_hamlet_heads_form_is_one_card_per_item_with_only_the_field_that_applies(world):
    from django.test import Client

    w = world
    yes_no = PledgeItemFactory(
        pledge=w.pledge_a,
        title="Giữ chuẩn thôn văn hóa",
        direction="yes_no",
        committed_value=None,
        unit_of_measure="",
    )
    client = Client()
    client.force_login(w.head_a)
    body = client.get(f"/admin/pledges/pledge/{w.pledge_a.pk}/change/").content.decode()
    cards = re.findall(
        r'<div class="inline-related has_original result-card".*?<p class="assessment">', body, re.S
    )
    assert len(cards) == w.pledge_a.items.count()
    for card in cards:
        title = re.search(r"<h3>\d+\. (.*?)</h3>", card)[1]
        assert card.count(title) == 1  # the title once
        if title == yes_no.title:
            assert "achieved" in card and "result_value" not in card
        else:
            assert "result_value" in card and 'name="items-' in card and "achieved" not in card
    assert 'data-confirm="Nộp kết quả cho Văn phòng UBND xã?' in body
    assert "_addanother" not in body  # a hamlet head adds no pledges


def test_the_ranking_prints_and_exports(clerk_client, demo):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    url = "/admin/pledges/pledge/ranking/2023/"
    page = clerk_client.get(url).content.decode()
    assert 'href="?format=pdf"' in page and 'href="?format=xlsx"' in page
    pdf = clerk_client.get(url, {"format": "pdf"})
    assert pdf["Content-Disposition"] == 'inline; filename="xep-hang-don-vi-2023.pdf"'
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Kết quả thực hiện giao ước thi đua của các đơn vị năm 2023" in text
    assert "1 Thôn Lâm Giang" in text
    book = clerk_client.get(url, {"format": "xlsx"})
    assert book["Content-Disposition"] == 'attachment; filename="xep-hang-don-vi-2023.xlsx"'
    rows = list(load_workbook(io.BytesIO(book.content)).active.iter_rows(values_only=True))
    assert rows[2][:2] == ("Hạng", "Đơn vị")
    first = rows[3]
    assert first[0] == 1 and isinstance(first[2], int) and isinstance(first[5], (int, float))


def test_assigning_targets_names_the_units_that_already_have_a_pledge(clerk_client, demo):
    from targets.models import Target

    ham_liem = {"movement__commune__name": "Hàm Liêm", "movement__year": 2023}
    ids = list(Target.objects.filter(**ham_liem).values_list("pk", flat=True)[:2])
    page = clerk_client.post(
        "/admin/targets/target/?year=2023",
        {"action": "assign_to_units", "_selected_action": ids},
    ).content.decode()
    assert "Thôn Lâm Thuận — đã có giao ước (Đã ký)" in page
    assert page.count("— đã có giao ước") == Pledge.objects.filter(**ham_liem).count()


def test_a_draft_pledge_asks_for_the_signing_once_and_notes_are_labelled(clerk_client, world):
    w = world
    draft = PledgeFactory(movement=w.movement, unit=UnitFactory(), status="draft")
    page = clerk_client.get(f"/admin/pledges/pledge/{draft.pk}/change/").content.decode()
    assert page.count('name="signed_on"') == 1 and page.count('name="signatory_name"') == 1
    w.pledge_a.items.update(result_value=Decimal(5))
    services.submit_pledge(w.pledge_a, w.head_a)
    page = clerk_client.get(f"/admin/pledges/pledge/{w.pledge_a.pk}/change/").content.decode()
    assert '<label for="id_note">Đơn vị cần sửa gì</label>' in page
