"""Households of a hamlet: the hamlet head keeps their own, by form and by file."""

import pytest
from django.core.management import call_command
from django.test import Client

from emulation.models import Household, Unit
from tests import factories
from tests.factories import HouseholdFactory, UnitFactory
from tests.spreadsheets import xlsx_bytes, xlsx_rows

LIST = "/admin/emulation/household/"
HEADERS = ["Thôn", "Danh xưng", "Chủ hộ", "Địa chỉ", "Đang sinh sống"]


@pytest.fixture
def hamlets(db):
    a, b = UnitFactory(name="Thôn Lâm Giang"), UnitFactory(name="Thôn Ku Kê")
    head = factories.hamlet_head(a, username="thon.a")
    mine = HouseholdFactory(unit=a, head_name="Nguyễn Văn An")
    theirs = HouseholdFactory(unit=b, head_name="Trần Thị Bé", honorific="Bà")
    client = Client()
    client.force_login(head)
    return a, b, head, mine, theirs, client


def test_a_hamlet_head_sees_and_changes_only_their_hamlets_households(hamlets):
    a, b, head, mine, theirs, client = hamlets
    listing = client.get(LIST).content.decode()
    assert "Hộ ông Nguyễn Văn An" in listing and "Trần Thị Bé" not in listing
    assert client.get(f"{LIST}{theirs.pk}/change/").status_code == 404
    response = client.post(
        f"{LIST}{theirs.pk}/change/",
        {"unit": b.pk, "honorific": "Bà", "head_name": "Đổi tên", "address": "", "is_active": ""},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.head_name == "Trần Thị Bé" and theirs.is_active
    # Their own: changed; a new one in their hamlet: added; none in another hamlet.
    response = client.post(
        f"{LIST}{mine.pk}/change/",
        {"unit": a.pk, "honorific": "Ông", "head_name": "Nguyễn Văn An", "address": "Tổ 2"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.address == "Tổ 2" and not mine.is_active  # unticked: moved away
    form = client.get(f"{LIST}add/").content.decode()
    assert "Thôn Lâm Giang" in form and "Thôn Ku Kê" not in form
    new = {"honorific": "Bà", "head_name": "Lê Thị Cúc", "address": "Tổ 4", "is_active": "on"}
    assert client.post(f"{LIST}add/", {**new, "unit": a.pk}).status_code == 302
    response = client.post(f"{LIST}add/", {**new, "head_name": "Khác", "unit": b.pk})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Household.objects.filter(head_name="Khác").exists()
    assert client.post(f"{LIST}{mine.pk}/delete/").status_code == 403


@pytest.mark.django_db
def test_a_household_belongs_to_a_hamlet_once(clerk_client):
    office = UnitFactory(name="Văn phòng - Thống kê", kind=Unit.Kind.DEPARTMENT)
    hamlet = UnitFactory(name="Thôn Dân Hòa")
    HouseholdFactory(unit=hamlet, head_name="Phạm Văn Cư", address="Tổ 1")
    data = {"honorific": "Ông", "head_name": "Phạm Văn Cư", "address": "Tổ 1", "is_active": "on"}
    body = clerk_client.post(f"{LIST}add/", {**data, "unit": hamlet.pk}).content.decode()
    assert "Thôn đã có hộ với chủ hộ và địa chỉ này." in body
    body = clerk_client.post(f"{LIST}add/", {**data, "unit": office.pk}).content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in body  # only hamlets are offered
    assert Household.objects.count() == 1


def _import(client, rows, confirm=True):
    content = xlsx_bytes([HEADERS, *rows])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ho-gia-dinh.xlsx", content)
    return client.post(f"{LIST}import/", {"import_file": upload, "format": "0", "resource": "0"})


def test_a_hamlet_head_imports_their_households_and_nothing_of_another_hamlet(hamlets):
    a, b, head, mine, theirs, client = hamlets
    before = Household.objects.count()
    response = _import(
        client,
        [
            ["Thôn Lâm Giang", "Ông", "Võ Văn Tư", "Tổ 5", "Có"],
            ["Thôn Ku Kê", "Bà", "Đỗ Thị Năm", "Tổ 1", "Có"],
        ],
    )
    body = response.content.decode()
    assert "Tài khoản của bạn không được thêm hoặc sửa hộ gia đình của Thôn Ku Kê." in body
    assert Household.objects.count() == before  # all or nothing
    response = _import(client, [["Thôn Lâm Giang", "Ông", "Võ Văn Tư", "Tổ 5", "Có"]])
    assert "Võ Văn Tư" in response.content.decode()  # the preview
    assert Household.objects.count() == before


def test_a_bad_household_file_names_each_bad_cell_and_saves_nothing(clerk_client):
    UnitFactory(name="Thôn Lâm Giang")
    response = _import(
        clerk_client,
        [
            ["Thôn Lâm Giang", "Anh", "Võ Văn Tư", "Tổ 5", "Có"],
            ["Thôn Không Có", "Ông", "Lê Văn Sáu", "Tổ 1", "Có"],
        ],
    )
    body = response.content.decode()
    assert "“Anh” không phải là một trong: “Ông”, “Bà”." in body
    assert "Không có đơn vị nào tên “Thôn Không Có”." in body
    assert not Household.objects.exists()


def test_households_export_and_import_back_unchanged(clerk_client):
    hamlet = UnitFactory(name="Thôn Lâm Hòa")
    HouseholdFactory(unit=hamlet, head_name="Huỳnh Văn Bảy", address="Tổ 2, thôn Lâm Hòa")
    response = clerk_client.post(
        f"{LIST}export/",
        {
            "format": "0",
            "resource": "0",
            **{
                f"householdresource_{f}": "on"
                for f in ("unit", "honorific", "head_name", "address", "is_active")
            },
        },
    )
    assert response["Content-Disposition"] == 'attachment; filename="ho-gia-dinh.xlsx"'
    rows = xlsx_rows(response.content)
    assert rows[0] == HEADERS
    assert rows[1] == ["Thôn Lâm Hòa", "Ông", "Huỳnh Văn Bảy", "Tổ 2, thôn Lâm Hòa", "Có"]


@pytest.mark.django_db
def test_the_demo_hamlets_have_80_to_150_invented_households_the_same_every_run():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    hamlets = Unit.objects.filter(commune__name="Hàm Liêm", kind=Unit.Kind.HAMLET)
    counts = {u.name: u.households.count() for u in hamlets}
    assert counts and all(80 <= n <= 150 for n in counts.values())
    first = list(Household.objects.values_list("head_name", "address"))
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert list(Household.objects.values_list("head_name", "address")) == first


@pytest.mark.django_db
def test_the_demo_has_2023_reviews_in_every_state():
    from awards.models import HouseholdReview

    call_command("load_demo", stdout=open("/dev/null", "w"))
    reviews = {r.unit.name: r for r in HouseholdReview.objects.filter(movement__year=2023)}
    states = {name: review.status for name, review in reviews.items()}
    assert sorted(states.values()) == sorted(
        ["approved", "returned", "submitted", "submitted", "draft", "draft"]
    )
    assert "thư ký" in reviews["Thôn Ku Kê"].review_note
    for review in reviews.values():
        lines = list(review.votes.all())
        registered = sum(1 for line in lines if line.registered)
        assert len(lines) == review.unit.households.count() and registered >= 0.9 * len(lines)
        passing = sum(1 for line in lines if line.passes)
        assert (passing > 0) == (review.status != "draft")
