import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from pypdf import PdfReader

from awards.models import AwardKind, Commendation, Decision
from awards.resources import CommendationResource
from emulation.imports import error_messages
from pledges.models import Pledge
from tests.factories import (
    AwardKindFactory,
    CommendationFactory,
    MovementFactory,
    PledgeFactory,
    PledgeItemFactory,
    UnitFactory,
)
from tests.spreadsheets import csv_bytes, dataset_from

D = "/admin/awards/decision/"
HEADERS = [
    "Quyết định số",
    "STT",
    "Đối tượng",
    "Danh xưng",
    "Họ tên / tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Hình thức",
    "Thành tích",
    "Số tiền (đồng)",
    "Số sổ",
]


def test_clerk_creates_issues_prints_verifies_and_revokes(client, office):
    AwardKindFactory()
    movement = MovementFactory(year=2024)
    client.force_login(office)
    kind = AwardKind.objects.get(name="Giấy khen")
    data = {
        "number": "3/QĐ-UBND",
        "signed_on": "01/08/2025",
        "movement": movement.pk,
        "signer_name": "Nguyễn Quang Minh",
        "signer_title": "CHỦ TỊCH",
        "base_salary": "",
        "reason": "",
        "legal_basis": "",
        "proposal": "Xét đề nghị của Công chức Văn phòng",
        "recipients_of_copies": "Lưu: VT.",
        "commendations-TOTAL_FORMS": "2",
        "commendations-INITIAL_FORMS": "0",
        "commendations-MIN_NUM_FORMS": "0",
        "commendations-MAX_NUM_FORMS": "1000",
        "commendations-0-order": "1",
        "commendations-0-recipient_type": "individual",
        "commendations-0-honorific": "Bà",
        "commendations-0-full_name": "Lê Thị Hoa",
        "commendations-0-position": "Chủ tịch Hội Phụ nữ",
        "commendations-0-award_kind": kind.pk,
        "commendations-1-order": "2",
        "commendations-1-recipient_type": "collective",
        "commendations-1-full_name": "Thôn Mới",
        "commendations-1-award_kind": kind.pk,
    }
    response = client.post(f"{D}add/", data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode()
    )
    decision = Decision.objects.get(number="3/QĐ-UBND")
    assert decision.base_salary == 2340000
    assert sorted(decision.commendations.values_list("bonus_amount", flat=True)) == [
        710000,
        1410000,
    ]
    body = client.get(f"{D}{decision.pk}/change/").content.decode()
    assert "01 tập thể và 01 cá nhân — 2.120.000 đồng" in body
    # The page names the law that applied: base salary and rule, with their sources.
    assert "Lương cơ sở 2.340.000 đồng từ 01/07/2024 (Nghị định số 73/2024/NĐ-CP)" in body
    assert "Giấy khen từ 01/07/2025: cá nhân 0,3, tập thể 0,6, hộ gia đình 0,45" in body
    assert "Ban hành quyết định…" in body and "Xem trước giấy khen (PDF)" in body
    # Issuing first says what will happen, then happens on the button.
    confirm = client.get(f"{D}{decision.pk}/issue/").content.decode()
    assert "vào sổ khen thưởng năm 2025" in confirm and "01 tập thể và 01 cá nhân" in confirm
    assert "2.120.000 đồng (Hai triệu một trăm hai mươi nghìn đồng)" in confirm
    assert "không sửa, không xóa được" in confirm
    assert Decision.objects.get(pk=decision.pk).status == "draft"  # the GET changed nothing
    response = client.post(f"{D}{decision.pk}/issue/", {"confirm": "1"}, follow=True)
    assert "Đã ban hành Quyết định 3/QĐ-UBND" in response.content.decode()
    pdf = client.get(f"{D}{decision.pk}/certificates.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 2
    code = decision.commendations.get(full_name="Lê Thị Hoa").verification_code
    client.logout()
    assert "HỢP LỆ" in client.get(f"/verify/{code}/").content.decode()
    client.force_login(office)
    confirm = client.get(f"{D}{decision.pk}/revoke/").content.decode()
    assert "Lý do được công khai trên trang tra cứu" in confirm
    client.post(f"{D}{decision.pk}/revoke/", {"reason": "Sai chức vụ"})
    revoked = client.get(f"{D}{decision.pk}/certificates.pdf")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(revoked.content)).pages]
    assert len(pages) == 2 and all("ĐÃ THU HỒI – KHÔNG CÓ GIÁ TRỊ" in p for p in pages)
    client.logout()
    assert "ĐÃ THU HỒI" in client.get(f"/verify/{code}/").content.decode()


def test_issue_errors_are_shown_in_vietnamese(client, draft, office):
    Decision.objects.filter(pk=draft.pk).update(number="15")
    client.force_login(office)
    response = client.post(f"{D}{draft.pk}/issue/", follow=True)
    assert "Ghi số theo dạng N/QĐ-UBND, ví dụ 15/QĐ-UBND." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    page = client.get(f"{D}{draft.pk}/issue/").content.decode()
    assert "Chưa ban hành được quyết định:" in page and 'name="confirm"' in page
    assert "disabled" in page.split('name="confirm"')[1].split(">")[0]
    assert client.put(f"{D}{draft.pk}/issue/").status_code == 405


def test_hamlet_head_sees_no_awards(client, draft):
    from tests import factories

    client.force_login(factories.hamlet_head(factories.UnitFactory()))
    for url in [
        D,
        f"{D}{draft.pk}/change/",
        f"{D}{draft.pk}/certificates.pdf",
        "/admin/awards/commendation/",
        f"{D}register/2023/",
    ]:
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"{D}{draft.pk}/issue/").status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_propose_from_ranking_adds_top_collectives(client, office, draft):
    movement = draft.movement
    for name, result in [("Thôn X", 9), ("Thôn Y", 3), ("Thôn Z", 6)]:
        pledge = PledgeFactory(movement=movement, unit__name=name, status=Pledge.Status.APPROVED)
        PledgeItemFactory(pledge=pledge, committed_value=5, result_value=result)
    client.force_login(office)
    data = {"action": "propose_from_ranking", "_selected_action": [draft.pk]}
    assert "Số tập thể" in client.post(D, data).content.decode()
    kind = AwardKind.objects.get(name="Giấy khen")
    response = client.post(
        D, {**data, "apply": "1", "award_kind": kind.pk, "count": "2"}, follow=True
    )
    assert "đã thêm 2 tập thể theo xếp hạng" in response.content.decode()
    added = draft.commendations.filter(unit__name__in=["Thôn X", "Thôn Y", "Thôn Z"])
    assert sorted(added.values_list("unit__name", flat=True)) == ["Thôn X", "Thôn Z"]


def _import(content, dry_run=False):
    result = CommendationResource().import_data(dataset_from(content, "csv"), dry_run=dry_run)
    return error_messages(result)


def test_import_recipients_into_a_draft(draft):
    rows = [
        HEADERS,
        [
            "15/QĐ-UBND",
            "5",
            "Cá nhân",
            "Ông",
            "Trần Văn Mới",
            "Công an viên",
            "Thôn Lâm Giang",
            "Giấy khen",
            "",
            "",
            "",
        ],
    ]
    assert _import(csv_bytes(rows)) == []
    line = draft.commendations.get(full_name="Trần Văn Mới")
    assert line.bonus_amount == 230000 and line.unit.name == "Thôn Lâm Giang"


def test_export_round_trip_of_a_draft(draft):
    before = [model_to_dict(c) for c in Commendation.objects.order_by("pk")]
    text = CommendationResource().export(queryset=Commendation.objects.all()).export("csv")
    assert text.splitlines()[0].split(",") == HEADERS
    assert _import(text.encode()) == []
    assert [model_to_dict(c) for c in Commendation.objects.order_by("pk")] == before


def test_import_bad_rows_save_nothing(draft, office):
    before = Commendation.objects.count()
    rows = [
        HEADERS,
        ["15/QĐ-UBND", "5", "Cá nhân", "Ông", "Tốt", "", "", "Giấy khen", "", "", ""],
        ["15/QĐ-UBND", "6", "Cá nhân", "Ngài", "X", "", "", "Giấy khen", "", "", ""],
        ["15/QĐ-UBND", "7", "Cá nhân", "Bà", "Y", "", "Thôn Ma", "Bằng vàng", "", "", ""],
        ["99/QĐ-UBND", "8", "Cá nhân", "Bà", "Z", "", "", "Giấy khen", "", "", ""],
    ]
    errors = _import(csv_bytes(rows))
    assert "Dòng 3, cột “Danh xưng”: Ghi “Ông” hoặc “Bà”, không ghi “Ngài”." in errors
    assert "Dòng 4, cột “Đơn vị”: Không có đơn vị nào tên “Thôn Ma”." in errors
    assert "Dòng 4, cột “Hình thức”: Không có hình thức khen thưởng nào tên “Bằng vàng”." in errors
    assert "Dòng 5, cột “Quyết định số”: Không có dự thảo quyết định số 99/QĐ-UBND." in errors
    assert Commendation.objects.count() == before


def test_import_into_issued_decision_is_refused(draft, office):
    from awards import services

    services.issue_decision(draft, office)
    before = [model_to_dict(c) for c in Commendation.objects.order_by("pk")]
    rows = [
        HEADERS,
        ["15/QĐ-UBND", "1", "Cá nhân", "Ông", "Nguyễn Văn An", "Đổi", "", "Giấy khen", "", "", ""],
    ]
    errors = _import(csv_bytes(rows))
    assert errors == [
        "Dòng 2, cột “Quyết định số”: Quyết định 15/QĐ-UBND đã ban hành: không sửa được danh sách."
    ]
    assert [model_to_dict(c) for c in Commendation.objects.order_by("pk")] == before


def test_admin_import_page_for_commendations(client, draft, office):
    client.force_login(office)
    rows = [
        HEADERS,
        ["15/QĐ-UBND", "5", "Cá nhân", "Ông", "Trần Văn Mới", "", "", "Giấy khen", "", "", ""],
    ]
    response = client.post(
        "/admin/awards/commendation/import/",
        {
            "resource": "0",
            "format": "1",
            "import_file": SimpleUploadedFile("ds.csv", csv_bytes(rows)),
        },
    )
    assert "Trần Văn Mới" in response.content.decode()
    client.post(
        "/admin/awards/commendation/process_import/", response.context["confirm_form"].initial
    )
    assert draft.commendations.filter(full_name="Trần Văn Mới").exists()


def test_two_collectives_without_names_keep_their_own_rows_on_reimport(draft):
    """The key was (decision, name): two collectives named by their units shared it and a
    re-import overwrote one with the other. The key is now the STT within the decision."""
    second = UnitFactory(name="Thôn Lâm Hòa 2")
    CommendationFactory(
        decision=draft, recipient_type="collective", honorific="", full_name="", unit=second
    )
    collectives = draft.commendations.filter(recipient_type="collective")
    assert sorted(collectives.values_list("order", flat=True)) == [1, 2]
    before = [model_to_dict(c) for c in Commendation.objects.order_by("pk")]
    text = CommendationResource().export(queryset=Commendation.objects.all()).export("csv")
    assert _import(text.encode()) == []
    assert [model_to_dict(c) for c in Commendation.objects.order_by("pk")] == before


def test_a_repeated_or_missing_stt_is_refused(draft):
    row = ["15/QĐ-UBND", "7", "Cá nhân", "Ông", "Trần Văn Mới", "", "", "Giấy khen", "", "", ""]
    repeated = [HEADERS, row, [*row[:4], "Trần Văn Khác", *row[5:]]]
    assert _import(csv_bytes(repeated)) == ["Dòng 3: Dòng này trùng với dòng 2 của tệp."]
    missing = [HEADERS, [row[0], "", *row[2:]]]
    assert _import(csv_bytes(missing)) == [
        "Dòng 2, cột “STT”: Nhập STT (1, 2, 3…) của tập thể hoặc cá nhân trong quyết định."
    ]
    assert not draft.commendations.filter(full_name__startswith="Trần").exists()
