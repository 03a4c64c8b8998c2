"""Registration at the start of the year (đăng ký thi đua): each unit its own, by the
movement's deadline, by form and by file; the office sees who has not registered; the
nomination's checklist reads the registrations and the other titles."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from awards import services
from awards.models import Registration
from awards.selectors import nomination_checklist
from tests.factories import confirm_council_rules
from tests.spreadsheets import xlsx_bytes, xlsx_rows

LIST = "/admin/awards/registration/"
HEADERS = ["Năm", "Đơn vị", "Đối tượng", "Danh xưng", "Họ tên", "Chức vụ", "Danh hiệu đăng ký"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form(path, **overrides):
    data = {
        "movement": path.movement.pk,
        "unit": path.hamlet.pk,
        "award_kind": path.lao_dong.pk,
        "recipient_type": "individual",
        "honorific": "Ông",
        "full_name": "Nguyễn Văn An",
        "position": "Trưởng thôn",
        "registered_on": "15/01/2025",
    }
    return {**data, **overrides}


def test_a_hamlet_head_registers_their_own_unit_and_sees_only_its_rows(path):
    client = _client(path.head)
    response = client.post(f"{LIST}add/", _form(path))
    assert response.status_code == 302
    theirs = Registration.objects.create(
        movement=path.movement,
        unit=path.other,
        award_kind=path.lao_dong,
        honorific="Bà",
        full_name="Lê Thị Tư",
    )
    listing = client.get(f"{LIST}?year=all").text
    assert "Ông Nguyễn Văn An" in listing and "Lê Thị Tư" not in listing
    assert client.get(f"{LIST}{theirs.pk}/change/").status_code == 404
    refused = client.post(f"{LIST}add/", _form(path, unit=path.other.pk, full_name="Lê Văn Năm"))
    assert refused.status_code == 200
    assert not Registration.objects.filter(full_name="Lê Văn Năm").exists()


def test_after_the_deadline_only_the_office_registers(path):
    path.movement.registration_deadline = datetime.date(2025, 2, 28)
    path.movement.save()
    refused = _client(path.head).post(f"{LIST}add/", _form(path))
    assert refused.status_code == 200
    assert (
        "Đăng ký thi đua năm 2025 đã hết hạn ngày 28/02/2025; hãy đề nghị Văn phòng xã thêm."
        in refused.text
    )
    assert not Registration.objects.exists()
    assert _client(path.clerk).post(f"{LIST}add/", _form(path)).status_code == 302
    registration = Registration.objects.get()
    page = _client(path.head).get(f"{LIST}{registration.pk}/change/")
    assert page.status_code == 200 and 'name="full_name"' not in page.text  # read only


def test_an_individual_needs_a_name_and_an_honorific(path):
    response = _client(path.head).post(f"{LIST}add/", _form(path, honorific="", full_name=""))
    assert "Hãy nhập họ tên." in response.text and "Hãy chọn Ông hoặc Bà." in response.text
    assert not Registration.objects.exists()


def _import(client, rows):
    upload = SimpleUploadedFile("dang-ky.xlsx", xlsx_bytes([HEADERS, *rows]))
    return client.post(f"{LIST}import/", {"import_file": upload, "format": "0", "resource": "0"})


def test_a_file_with_another_units_row_or_after_the_deadline_saves_nothing(path):
    client = _client(path.head)
    ours = [
        "2025",
        "Thôn Lâm Giang",
        "Cá nhân",
        "Ông",
        "Võ Văn Tư",
        "Tổ trưởng",
        "Lao động tiên tiến",
    ]
    theirs = ["2025", "Thôn Ku Kê", "Tập thể", "", "", "", "Tập thể lao động tiên tiến"]
    body = _import(client, [ours, theirs]).text
    assert "Tài khoản của bạn không được đăng ký cho Thôn Ku Kê." in body
    assert not Registration.objects.exists()
    path.movement.registration_deadline = datetime.date(2025, 2, 28)
    path.movement.save()
    body = _import(client, [ours]).text
    assert "Đăng ký thi đua năm 2025 đã hết hạn ngày 28/02/2025" in body
    assert not Registration.objects.exists()


def test_registrations_export_and_import_back_unchanged(path):
    Registration.objects.create(
        movement=path.movement,
        unit=path.hamlet,
        award_kind=path.chien_si,
        honorific="Bà",
        full_name="Phạm Thị Lan",
        position="Chi hội trưởng",
    )
    client = _client(path.clerk)
    fields = (
        "movement",
        "unit",
        "recipient_type",
        "honorific",
        "full_name",
        "position",
        "award_kind",
    )
    response = client.post(
        f"{LIST}export/",
        {"format": "0", "resource": "0", **{f"registrationresource_{f}": "on" for f in fields}},
    )
    rows = xlsx_rows(response.content)
    assert rows[0] == HEADERS
    assert str(rows[1][0]) == "2025"
    assert rows[1][1:] == [
        "Thôn Lâm Giang",
        "Cá nhân",
        "Bà",
        "Phạm Thị Lan",
        "Chi hội trưởng",
        "Chiến sĩ thi đua cơ sở",
    ]
    before = list(Registration.objects.values())
    preview = _import(client, rows[1:]).text
    assert "Tệp không thay đổi gì" in preview
    assert list(Registration.objects.values()) == before


def test_the_office_sees_who_has_not_registered(path):
    Registration.objects.create(
        movement=path.movement,
        unit=path.hamlet,
        award_kind=path.lao_dong,
        honorific="Ông",
        full_name="Nguyễn Văn An",
    )
    page = _client(path.clerk).get(f"{LIST}not-registered/2025/")
    assert "Thôn Ku Kê" in page.text and "Văn phòng - Thống kê" in page.text
    assert "Thôn Lâm Giang" not in page.text.split('id="not-registered"')[1]
    assert _client(path.head).get(f"{LIST}not-registered/2025/").status_code == 403


def test_the_checklist_of_a_nomination_reads_the_registrations_and_other_titles(path):
    confirm_council_rules()
    meeting = path.meeting()
    chien_si = path.nomination(award_kind=path.chien_si, full_name="Nguyễn Văn An")
    results = {r.criterion.text: r.met for r in nomination_checklist(chien_si)}
    assert results["Đăng ký thi đua đầu năm"] is False
    assert results["Đạt danh hiệu Lao động tiên tiến năm đó"] is False
    assert (
        results["Có sáng kiến được công nhận, hoặc giải pháp, đề tài được áp dụng có hiệu quả"]
        is None
    )
    Registration.objects.create(
        movement=path.movement,
        unit=path.hamlet,
        award_kind=path.chien_si,
        honorific="Ông",
        full_name="nguyễn văn  an",
    )
    lao_dong = path.nomination(award_kind=path.lao_dong, full_name="Nguyễn Văn An")
    services.submit_nomination(lao_dong, path.clerk)
    services.accept_nomination(lao_dong, path.clerk)
    services.record_council_vote(meeting, lao_dong, 8, 8, path.clerk)
    results = {r.criterion.text: r.met for r in nomination_checklist(chien_si)}
    assert results["Đăng ký thi đua đầu năm"] is True
    assert results["Đạt danh hiệu Lao động tiên tiến năm đó"] is True
    page = _client(path.clerk).get(f"/admin/awards/nomination/{chien_si.pk}/change/")
    assert "Tiêu chuẩn của “Chiến sĩ thi đua cơ sở”" in page.text
    assert "Văn phòng kiểm tra" in page.text
