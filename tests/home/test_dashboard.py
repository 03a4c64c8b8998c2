import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import Commendation, Decision
from awards.selectors import movement_commendations, tally
from emulation.formatting import format_money
from emulation.models import Movement, Unit
from pledges.models import Pledge
from pledges.selectors import unit_ranking
from targets.models import Target
from targets.selectors import year_summary
from tests.factories import CommendationFactory, PledgeFactory, PledgeItemFactory, UnitFactory


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_clerk_dashboard_numbers_are_the_reports_numbers(clerk_client, demo):
    for year in (2022, 2023):
        movement = Movement.objects.get(commune__name="Hàm Liêm", year=year)
        response = clerk_client.get("/admin/", {"year": year})
        body = response.content.decode()
        met, total = year_summary(movement).key_met
        assert re.search(rf'id="key-met">\s*{met}/{total}<', body)
        counted = tally(movement_commendations(movement))
        if counted.phrase:
            assert counted.phrase in body and format_money(counted.total) in body
        else:  # said in words, not a bare dash and "0 đồng"
            assert "Chưa có quyết định khen thưởng nào của phong trào năm này." in body
        text = _text(response)
        for row in unit_ranking(movement)[:5]:
            assert row.unit.name in text
    text = _text(clerk_client.get("/admin/", {"year": 2022}))
    assert "10/11" in text and "03 tập thể và 09 cá nhân" in text and "3.420.000 đồng" in text


def test_pledge_status_per_unit_links_to_the_rows(clerk_client, demo):
    body = clerk_client.get("/admin/", {"year": 2023}).content.decode()
    for pledge in Pledge.objects.filter(movement__commune__name="Hàm Liêm", movement__year=2023):
        assert f"/admin/pledges/pledge/{pledge.pk}/change/" in body
    assert "status__exact=submitted" in body and "Kết quả đang chờ xét duyệt" in body
    # Units without a pledge are shown as not signed.
    assert "Chưa ký" in body


def test_hamlet_head_sees_only_their_unit(client, demo):
    head = get_user_model().objects.get(username="thon.kuke")  # returned with a note
    client.force_login(head)
    response = client.get("/admin/", {"year": 2023})
    text = _text(response)
    assert "Thôn Ku Kê" in text and "Trả lại đơn vị" in text
    assert "kiểm tra lại" in text  # the office's note
    others = Unit.objects.exclude(users=head).values_list("name", flat=True)
    for name in others:
        assert name not in text, name
    assert "10/11" not in text and "tập thể" not in text
    head = get_user_model().objects.get(username="thon.danthuan")  # signed, nothing entered
    client.force_login(head)
    assert "Còn 3 nội dung chưa nhập kết quả." in _text(client.get("/admin/", {"year": 2023}))


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_query_count_does_not_grow(clerk_client, demo):
    url = "/admin/?year=2023"
    before = _count(clerk_client, url)
    movement = Movement.objects.get(commune__name="Hàm Liêm", year=2023)
    for i in range(25):
        Target.objects.create(
            movement=movement, name=f"Thêm {i}", plan_value=Decimal(5), actual_value=Decimal(i)
        )
        unit = UnitFactory()
        pledge = PledgeFactory(movement=movement, unit=unit, status="approved")
        PledgeItemFactory(pledge=pledge, committed_value=5, result_value=i)
    for _ in range(3):
        decision = Decision.objects.create(movement=movement, signer_name="X")
        for _ in range(10):
            CommendationFactory(decision=decision)
    assert _count(clerk_client, url) == before


def test_reports_page_gathers_every_output_and_each_opens(clerk_client, demo):
    response = clerk_client.get("/admin/reports/", {"year": 2022})
    body = response.content.decode()
    assert "Mọi báo cáo lấy theo dữ liệu lúc" in body
    links = re.findall(r'<a href="(/admin/[^"]+)"', body.split('id="outputs"')[1])
    assert any("report/2022" in link for link in links)
    assert any("certificates.pdf" in link for link in links)
    assert any("register/2023" in link for link in links)
    assert any("ranking/2022" in link for link in links)
    for link in links:
        assert clerk_client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_reports_page_is_for_the_office(client, demo):
    client.force_login(get_user_model().objects.get(username="thon.kuke"))
    assert client.get("/admin/reports/").status_code == 403


def test_demo_commendations_are_counted_once(demo):
    from awards.models import HouseholdReview

    assert Commendation.objects.filter(decision__number="15/QĐ-UBND").count() == 12
    review = HouseholdReview.objects.get(unit__name="Thôn Lâm Giang", movement__year=2023)
    passing = sum(1 for vote in review.votes.all() if vote.passes)
    assert Commendation.objects.filter(decision__number="98/QĐ-UBND").count() == passing
    in_ham_liem = Commendation.objects.filter(decision__movement__commune__name="Hàm Liêm")
    assert in_ham_liem.count() == 12 + passing


def test_home_is_titled_for_its_reader_and_history_sits_under_one_entry(client, demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    titles = {
        "vanphong": "Công việc của Văn phòng UBND xã",
        "lanhdao": "Theo dõi phong trào thi đua",
        "thon.kuke": "Công việc của Thôn Ku Kê",
    }
    for username, title in titles.items():
        client.force_login(users.get(username=username))
        body = client.get("/admin/").content.decode()
        assert f"<h1>{title}</h1>" in body, username
    client.force_login(users.get(username="vanphong"))
    response = client.get("/admin/")
    sections = [app["name"] for app in response.context["app_list"]]
    assert sections[-1] == "Lịch sử thay đổi"
    history = response.context["app_list"][-1]["models"]
    assert {"Chỉ tiêu", "Giao ước thi đua"} <= {str(m["name"]) for m in history}
    for app in response.context["app_list"][:-1]:
        assert not any("Lịch sử" in str(m["name"]) for m in app["models"]), app["name"]
