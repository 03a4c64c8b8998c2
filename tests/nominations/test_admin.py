"""The nominations and the council in the admin: each unit sees its own, the buttons call
the services, the votes page records a meeting's results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from awards.models import CouncilVote, Nomination
from tests.factories import HouseholdFactory, confirm_council_rules


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_hamlet_head_lists_and_opens_only_their_units_nominations(path):
    ours = path.nomination(full_name="Nguyễn Văn An")
    theirs = path.nomination(full_name="Lê Văn Tư", unit=path.other)
    client = _client(path.head)
    listing = client.get(reverse("admin:awards_nomination_changelist") + "?year=all")
    assert listing.status_code == 200
    assert "Ông Nguyễn Văn An" in listing.text
    assert "Lê Văn Tư" not in listing.text
    assert client.get(reverse("admin:awards_nomination_change", args=[ours.pk])).status_code == 200
    for name in ("change", "history", "attachment"):
        url = reverse(f"admin:awards_nomination_{name}", args=[theirs.pk])
        assert client.get(url).status_code == 404, name


def test_the_add_form_offers_only_the_heads_unit_and_its_households(path):
    HouseholdFactory(unit=path.hamlet, head_name="Trần Thị Hoa")
    HouseholdFactory(unit=path.other, head_name="Hộ của thôn khác")
    page = _client(path.head).get(reverse("admin:awards_nomination_add"))
    assert page.status_code == 200
    unit_field = page.context["adminform"].form.fields["unit"]
    assert list(unit_field.queryset) == [path.hamlet]
    household_field = page.context["adminform"].form.fields["household"]
    assert [h.head_name for h in household_field.queryset] == ["Trần Thị Hoa"]


def test_a_hamlet_head_proposes_and_submits_through_the_admin(path):
    client = _client(path.head)
    scan = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban hop thon", "application/pdf")
    response = client.post(
        reverse("admin:awards_nomination_add"),
        {
            "movement": path.movement.pk,
            "unit": path.hamlet.pk,
            "award_kind": path.giay_khen.pk,
            "recipient_type": "individual",
            "honorific": "Bà",
            "full_name": "Phạm Thị Lan",
            "position": "Chi hội trưởng Phụ nữ",
            "achievement": "Vận động 40 hộ đăng ký Gia đình văn hóa",
            "attachment": scan,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nomination = Nomination.objects.get()
    assert nomination.unit == path.hamlet
    attachment = client.get(reverse("admin:awards_nomination_attachment", args=[nomination.pk]))
    assert b"".join(attachment.streaming_content).startswith(b"%PDF-1.4 bien ban")
    client.post(reverse("admin:awards_nomination_workflow", args=[nomination.pk, "submit"]))
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    # Submitted: a post to its form changes nothing.
    client.post(
        reverse("admin:awards_nomination_change", args=[nomination.pk]),
        {"full_name": "Tên khác", "achievement": "Khác"},
    )
    nomination.refresh_from_db()
    assert nomination.full_name == "Phạm Thị Lan"


def test_the_other_head_cannot_submit_by_url(path):
    nomination = path.nomination()
    client = _client(path.other_head)
    url = reverse("admin:awards_nomination_workflow", args=[nomination.pk, "submit"])
    assert client.post(url).status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DRAFT


def test_the_clerk_returns_with_a_note_from_the_page(path):
    nomination = path.nomination()
    client = _client(path.clerk)
    client.post(reverse("admin:awards_nomination_workflow", args=[nomination.pk, "submit"]))
    page = client.get(reverse("admin:awards_nomination_change", args=[nomination.pk]))
    assert "Tiếp nhận, trình Hội đồng" in page.text
    assert "Trả lại đơn vị" in page.text
    client.post(
        reverse("admin:awards_nomination_workflow", args=[nomination.pk, "return"]),
        {"note": "Thiếu biên bản họp"},
    )
    nomination.refresh_from_db()
    assert (nomination.status, nomination.review_note) == ("returned", "Thiếu biên bản họp")
    page = _client(path.head).get(reverse("admin:awards_nomination_change", args=[nomination.pk]))
    assert "Thiếu biên bản họp" in page.text


def test_the_votes_page_records_the_meeting_and_refuses_bad_figures(path):
    confirm_council_rules()
    first = path.nomination(full_name="Nguyễn Văn An")
    second = path.nomination(full_name="Trần Văn Bình")
    client = _client(path.clerk)
    for nomination in (first, second):
        for step in ("submit", "accept"):
            client.post(reverse("admin:awards_nomination_workflow", args=[nomination.pk, step]))
    meeting = path.meeting(members_total=9, members_present=8)
    url = reverse("admin:awards_councilmeeting_votes", args=[meeting.pk])
    page = client.get(url)
    assert "Ông Nguyễn Văn An" in page.text
    assert "có mặt ≥ 66,66 %; đồng ý ≥ 70 % trên tổng số thành viên Hội đồng" in page.text
    refused = client.post(url, {f"for-{first.pk}": "8", f"cast-{first.pk}": "9"})
    assert refused.status_code == 200
    assert "Số phiếu biểu quyết nhiều hơn số thành viên có mặt (8)." in refused.text
    assert not CouncilVote.objects.exists()
    done = client.post(
        url,
        {f"for-{first.pk}": "8", f"cast-{first.pk}": "8", f"for-{second.pk}": "", "cast-0": "1"},
    )
    assert done.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("approved", "accepted")


@pytest.mark.parametrize("role", ["head", "leader"])
def test_only_the_clerk_reaches_the_votes_page(path, role):
    meeting = path.meeting()
    response = _client(getattr(path, role)).get(
        reverse("admin:awards_councilmeeting_votes", args=[meeting.pk])
    )
    assert response.status_code in (403, 404)


def test_the_achievement_report_is_made_from_the_record(path):
    import io
    import re

    from pypdf import PdfReader

    nomination = path.nomination(
        full_name="Nguyễn Văn An",
        position="Trưởng thôn",
        achievement=(
            "Vận động 40 hộ đăng ký Gia đình văn hóa.\nDẫn đầu phong trào giao thông nông thôn."
        ),
    )
    response = _client(path.head).get(
        reverse("admin:awards_nomination_report", args=[nomination.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages)
    for expected in [
        "THÔN LÂM GIANG",
        "BÁO CÁO TÓM TẮT THÀNH TÍCH",
        "Đề nghị tặng Giấy khen năm 2025",
        "Họ và tên: Ông Nguyễn Văn An",
        "Chức vụ: Trưởng thôn",
        "Vận động 40 hộ đăng ký Gia đình văn hóa.",
        "Dẫn đầu phong trào giao thông nông thôn.",
        "THỦ TRƯỞNG ĐƠN VỊ",
    ]:
        assert expected in text, expected
    other = _client(path.other_head).get(
        reverse("admin:awards_nomination_report", args=[nomination.pk])
    )
    assert other.status_code == 404
