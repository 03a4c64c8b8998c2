"""The reproductions of the "rules no page can bypass" review, each a test.

Before the fix, django-simple-history's per-version page saved the old version on POST
for every role; an unshown field's model error was a 500; a summed target's actual was
typed in the list; another unit's pledge answered 403 where a missing one answered 404.
"""

from decimal import Decimal

import pytest
from django.test import Client

from awards.models import AwardRule, Commendation, Decision
from awards.services import issue_decision
from emulation.models import Unit
from emulation.policy import policy_for
from pledges import services
from pledges.models import Pledge, PledgeItem
from targets.models import Target
from tests import factories
from tests.factories import CommendationFactory, DecisionFactory, TargetFactory, UnitFactory

P = "/admin/pledges/pledge/"


def _version(model, pk, **values):
    return model.history.filter(id=pk, **values).order_by("-history_id").first().history_id


def _approve_then_reopen(w):
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    services.approve_pledge(w.pledge_a, w.clerk)
    services.reopen_pledge(w.pledge_a, w.clerk, "Kiểm tra lại số hộ")


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


def test_head_cannot_approve_own_pledge_through_its_history(browser, world):
    w = world
    _approve_then_reopen(w)
    approved = _version(Pledge, w.pledge_a.pk, status="approved")
    browser.force_login(w.head_a)
    url = f"{P}{w.pledge_a.pk}/history/{approved}/"
    page = browser.get(url)
    assert page.status_code == 200
    assert "<form" not in page.content.decode().split('id="content-main"')[1]
    assert browser.post(url, {}).status_code == 405
    w.pledge_a.refresh_from_db()
    w.poverty.refresh_from_db()
    assert w.pledge_a.status == Pledge.Status.RETURNED
    assert w.poverty.actual_value is None


def test_head_cannot_change_results_or_unlock_through_history(browser, world):
    w = world
    w.result(w.item_a, 6)
    signed_item = _version(PledgeItem, w.item_a.pk)
    w.result(w.item_a, 7)
    services.submit_pledge(w.pledge_a, w.head_a)
    signed = _version(Pledge, w.pledge_a.pk, status="signed")
    browser.force_login(w.head_a)
    assert browser.post(f"{P}{w.pledge_a.pk}/history/{signed}/", {}).status_code == 405
    item_url = f"/admin/pledges/pledgeitem/{w.item_a.pk}/history/{signed_item}/"
    assert browser.post(item_url, {"result_value": "99"}).status_code == 405
    w.pledge_a.refresh_from_db()
    w.item_a.refresh_from_db()
    assert (w.pledge_a.status, w.item_a.result_value) == (Pledge.Status.SUBMITTED, Decimal(7))


def test_leader_cannot_change_coefficients_or_accounts_through_history(browser, world):
    w = world
    rule = AwardRule.objects.filter(award_kind__name="Giấy khen").first()
    rule.legal_source += " (đã đối chiếu)"
    rule.save()  # a version to post to
    version = _version(AwardRule, rule.pk)
    unit_version = _version(Unit, w.unit_a.pk)
    browser.force_login(w.leader)
    url = f"/admin/awards/awardrule/{rule.pk}/history/{version}/"
    assert browser.post(url, {"individual_coefficient": "5"}).status_code == 405
    url = f"/admin/emulation/unit/{w.unit_a.pk}/history/{unit_version}/"
    assert browser.post(url, {"users": [w.head_b.pk]}).status_code == 405
    before = rule.individual_coefficient
    rule.refresh_from_db()
    assert rule.individual_coefficient == before
    assert list(w.unit_a.users.all()) == [w.head_a]


def test_clerk_cannot_delete_an_approved_pledge_by_restoring_a_draft(browser, world):
    w = world
    w.pledge_a.status = "draft"
    w.pledge_a.save()
    draft = _version(Pledge, w.pledge_a.pk, status="draft")
    w.pledge_a.status = "signed"
    w.pledge_a.save()
    w.result(w.item_a, 6)
    services.submit_pledge(w.pledge_a, w.head_a)
    services.approve_pledge(w.pledge_a, w.clerk)
    browser.force_login(w.clerk)
    assert browser.post(f"{P}{w.pledge_a.pk}/history/{draft}/", {}).status_code == 405
    response = browser.post(f"{P}{w.pledge_a.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Pledge.objects.get(pk=w.pledge_a.pk).status == Pledge.Status.APPROVED


def test_history_of_issued_decisions_answers_without_a_crash(browser, clerk):
    line = CommendationFactory()
    issue_decision(line.decision, clerk)
    browser.force_login(clerk)
    for model, pk in ((Decision, line.decision.pk), (Commendation, line.pk)):
        version = _version(model, pk)
        url = f"/admin/awards/{model._meta.model_name}/{pk}/history/{version}/"
        assert browser.get(url).status_code == 200
        assert browser.post(url, {}).status_code == 405
        assert browser.post(url.rsplit("/", 2)[0] + "/", {}).status_code == 405


def test_another_units_row_answers_like_a_missing_one(browser, world):
    w = world
    browser.force_login(w.head_a)
    version = _version(Pledge, w.pledge_b.pk)
    for suffix in ("change/", "history/", f"history/{version}/", "delete/", "document/"):
        theirs = browser.get(f"{P}{w.pledge_b.pk}/{suffix}")
        missing = browser.get(f"{P}999999/{suffix}")
        assert theirs.status_code == missing.status_code == 404, suffix
        assert theirs.content == missing.content


def test_signing_needs_every_commitment_and_the_head_form_never_crashes(browser, world):
    w = world
    target = TargetFactory(movement=w.movement, name="Trồng cây xanh")
    unit = UnitFactory(name="Thôn Mới")
    head = factories.hamlet_head(unit, username="head_new")
    services.assign_targets(Target.objects.filter(pk=target.pk), [unit], w.clerk)
    pledge = Pledge.objects.get(unit=unit)
    with pytest.raises(Exception) as refused:
        services.sign_pledge(pledge, w.clerk, signed_on=w.movement.launched_on, signatory_name="A")
    assert "Nhập mức cam kết của mọi nội dung trước khi ký. Còn thiếu: Trồng cây xanh." in str(
        refused.value.messages
    )
    # A pledge marked signed by other means (an earlier version did so) still never
    # gives the head a crash: the model's complaint is shown above the form.
    Pledge.objects.filter(pk=pledge.pk).update(status="signed")
    item = pledge.items.get()
    browser.force_login(head)
    data = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": str(item.pk),
        "items-0-pledge": str(pledge.pk),
        "items-0-result_value": "5",
        "items-0-result_note": "",
    }
    response = browser.post(f"{P}{pledge.pk}/change/", data)
    assert response.status_code == 200
    assert "Cam kết" in response.content.decode()
    item.refresh_from_db()
    assert item.result_value is None


def test_summed_target_is_never_typed_in_the_list(browser, world):
    w = world
    browser.force_login(w.clerk)
    url = f"/admin/targets/target/?movement__id__exact={w.movement.pk}"
    page = browser.get(url)
    html = page.content.decode()
    assert 'name="form-0-actual_value"' in html and "disabled" in html
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(w.poverty.pk),
        "form-0-actual_value": "999",
        "_save": "Lưu",
    }
    browser.post(url, data)
    w.poverty.refresh_from_db()
    assert w.poverty.actual_value is None
    assert "actual_value" not in policy_for(w.clerk, w.poverty).editable_fields()


def test_decision_page_offers_only_what_the_policy_allows(browser, world):
    w = world
    decision = DecisionFactory()
    CommendationFactory(decision=decision)
    browser.force_login(w.head_a)
    assert browser.get(f"/admin/awards/decision/{decision.pk}/change/").status_code in (403, 404)
    assert policy_for(w.clerk, decision).transitions() == ["issue"]
    assert policy_for(w.head_a, decision).transitions() == []
