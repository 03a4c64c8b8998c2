"""A unit's nomination: handed in, returned or accepted, voted on by the council, and
who may do each step. Refusals say why in Vietnamese and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.models import CouncilVote, Nomination
from emulation.policy import policy_for
from tests.factories import confirm_council_rules

Status = Nomination.Status


def _status(nomination):
    return Nomination.objects.get(pk=nomination.pk).status


def test_the_hamlet_head_submits_their_own_units_nomination(path):
    nomination = path.nomination()
    services.submit_nomination(nomination, path.head)
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED
    assert nomination.submitted_by == path.head
    assert nomination.submitted_at is not None


def test_another_hamlets_head_can_neither_see_nor_submit_it(path):
    nomination = path.nomination()
    assert not policy_for(path.other_head, nomination).can_view()
    with pytest.raises(PermissionDenied) as refused:
        services.submit_nomination(nomination, path.other_head)
    assert "Thôn Lâm Giang" in str(refused.value)
    assert _status(nomination) == Status.DRAFT


def test_the_office_may_submit_a_units_nomination_for_it(path):
    nomination = path.nomination(unit=path.department)
    services.submit_nomination(nomination, path.clerk)
    assert _status(nomination) == Status.SUBMITTED


def test_an_incomplete_nomination_is_refused_with_every_reason(path):
    nomination = path.nomination(honorific="", achievement="  ")
    with pytest.raises(ValidationError) as refused:
        services.submit_nomination(nomination, path.head)
    assert refused.value.messages == ["Hãy chọn Ông hoặc Bà.", "Hãy tóm tắt thành tích."]
    assert _status(nomination) == Status.DRAFT


def test_an_award_not_given_to_the_recipient_type_is_refused(path):
    nomination = path.nomination(recipient_type="collective", award_kind=path.lao_dong)
    with pytest.raises(ValidationError) as refused:
        services.submit_nomination(nomination, path.head)
    assert "“Lao động tiên tiến” không dành cho tập thể." in refused.value.messages
    assert _status(nomination) == Status.DRAFT


def test_a_household_nomination_names_a_household_of_the_proposing_hamlet(path):
    from tests.factories import HouseholdFactory

    ours = HouseholdFactory(unit=path.hamlet, head_name="Trần Thị Hoa", honorific="Bà")
    theirs = HouseholdFactory(unit=path.other, head_name="Lê Văn Tư")
    nomination = path.nomination(
        recipient_type="household", household=theirs, honorific="", full_name=""
    )
    with pytest.raises(ValidationError) as refused:
        services.submit_nomination(nomination, path.head)
    assert "Hộ gia đình không thuộc đơn vị đề nghị." in refused.value.messages
    nomination.household = ours
    nomination.save()
    services.submit_nomination(nomination, path.head)
    nomination.refresh_from_db()
    assert (nomination.display_name, nomination.status) == ("Hộ bà Trần Thị Hoa", Status.SUBMITTED)


def test_the_office_returns_with_a_note_and_the_unit_corrects_and_submits_again(path):
    nomination = path.nomination()
    services.submit_nomination(nomination, path.head)
    with pytest.raises(ValidationError) as refused:
        services.return_nomination(nomination, path.clerk, "   ")
    assert refused.value.messages == ["Ghi rõ đơn vị cần sửa gì."]
    assert _status(nomination) == Status.SUBMITTED
    # Submitted: the unit may no longer change it.
    assert (
        policy_for(path.head, Nomination.objects.get(pk=nomination.pk)).editable_fields() == set()
    )
    services.return_nomination(nomination, path.clerk, "Bổ sung biên bản họp thôn")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.review_note) == (
        Status.RETURNED,
        "Bổ sung biên bản họp thôn",
    )
    assert "achievement" in policy_for(path.head, nomination).editable_fields()
    services.submit_nomination(nomination, path.head)
    assert _status(nomination) == Status.SUBMITTED


def test_only_the_office_accepts_and_only_a_submitted_nomination(path):
    nomination = path.nomination()
    with pytest.raises(ValidationError) as refused:
        services.accept_nomination(nomination, path.clerk)
    assert refused.value.messages == ["Đề nghị đang “Nháp” thì không thể tiếp nhận."]
    services.submit_nomination(nomination, path.head)
    with pytest.raises(PermissionDenied):
        services.accept_nomination(nomination, path.head)
    services.accept_nomination(nomination, path.leader)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reviewed_by) == (Status.ACCEPTED, path.leader)


def test_a_draft_may_be_withdrawn_by_its_unit_but_not_once_handed_in(path):
    nomination = path.nomination()
    assert policy_for(path.head, nomination).can_delete()
    assert not policy_for(path.other_head, nomination).can_delete()
    services.submit_nomination(nomination, path.head)
    assert not policy_for(path.head, Nomination.objects.get(pk=nomination.pk)).can_delete()


def _accepted(path, **kwargs):
    nomination = path.nomination(**kwargs)
    services.submit_nomination(nomination, path.clerk)
    services.accept_nomination(nomination, path.clerk)
    return nomination


def test_no_council_result_is_recorded_while_its_rule_is_unconfirmed(path):
    nomination = _accepted(path)
    meeting = path.meeting(members_total=9, members_present=9)
    with pytest.raises(ValidationError) as refused:
        services.record_council_vote(meeting, nomination, 9, 9, path.clerk)
    (message,) = refused.value.messages
    assert "chưa được xác nhận" in message
    assert "quy chế thi đua, khen thưởng của tỉnh" in message
    assert _status(nomination) == Status.ACCEPTED
    assert not CouncilVote.objects.exists()


@pytest.mark.parametrize(
    "votes_for, expected",
    [(7, Status.APPROVED), (6, Status.REJECTED)],  # 70 % of 9 members is 6,3
)
def test_the_council_result_at_its_threshold(path, votes_for, expected):
    confirm_council_rules(quorum="66.66", passing="70", base="members")
    nomination = _accepted(path)
    meeting = path.meeting(members_total=9, members_present=8)
    vote = services.record_council_vote(meeting, nomination, votes_for, 8, path.clerk)
    assert vote.passed is (expected == Status.APPROVED)
    assert vote.rule.confirmed
    assert _status(nomination) == expected


@pytest.mark.parametrize(
    "base, votes_for, cast, passed",
    [("cast", 4, 6, False), ("cast", 5, 7, True), ("present", 5, 5, False)],
)
def test_the_share_is_taken_of_what_the_rule_says(path, base, votes_for, cast, passed):
    confirm_council_rules(quorum="50", passing="70", base=base)
    nomination = _accepted(path)
    meeting = path.meeting(members_total=9, members_present=8)
    assert services.record_council_vote(
        meeting, nomination, votes_for, cast, path.clerk
    ).passed is (passed)


@pytest.mark.parametrize("present, decides", [(6, True), (5, False)])  # two thirds of 9
def test_the_meeting_decides_only_with_its_quorum(path, present, decides):
    confirm_council_rules(quorum="66.66", base="present")
    nomination = _accepted(path)
    meeting = path.meeting(members_total=9, members_present=present)
    if decides:
        services.record_council_vote(meeting, nomination, present, present, path.clerk)
        assert _status(nomination) == Status.APPROVED
        return
    with pytest.raises(ValidationError) as refused:
        services.record_council_vote(meeting, nomination, 5, 5, path.clerk)
    assert "5 trên 9 thành viên có mặt, dưới 66,66 %" in refused.value.messages[0]
    assert _status(nomination) == Status.ACCEPTED


def test_votes_that_cannot_be_are_refused(path):
    confirm_council_rules()
    nomination = _accepted(path)
    meeting = path.meeting(members_total=9, members_present=7)
    for votes_for, cast in [(8, 7), (6, 8)]:
        with pytest.raises(ValidationError):
            services.record_council_vote(meeting, nomination, votes_for, cast, path.clerk)
    assert _status(nomination) == Status.ACCEPTED
    assert not CouncilVote.objects.exists()


def test_only_an_accepted_nomination_is_voted_on_and_only_once(path):
    confirm_council_rules()
    meeting = path.meeting()
    draft = path.nomination()
    with pytest.raises(ValidationError):
        services.record_council_vote(meeting, draft, 8, 8, path.clerk)
    nomination = _accepted(path)
    with pytest.raises(PermissionDenied):
        services.record_council_vote(meeting, nomination, 8, 8, path.leader)  # reads only
    services.record_council_vote(meeting, nomination, 8, 8, path.clerk)
    with pytest.raises(ValidationError) as refused:
        services.record_council_vote(meeting, nomination, 8, 8, path.clerk)
    assert refused.value.messages == ["Hội đồng đã biểu quyết đề nghị này."]


def test_the_votes_page_records_all_or_nothing(path):
    confirm_council_rules()
    first, second = _accepted(path), _accepted(path, unit=path.other)
    meeting = path.meeting(members_total=9, members_present=8)
    with pytest.raises(ValidationError):
        services.record_council_votes(meeting, path.clerk, {first.pk: (8, 8), second.pk: (9, 8)})
    assert (_status(first), _status(second)) == (Status.ACCEPTED, Status.ACCEPTED)
    assert not CouncilVote.objects.exists()
    votes = services.record_council_votes(
        meeting, path.clerk, {first.pk: (8, 8), second.pk: (3, 8)}
    )
    assert [vote.passed for vote in votes] == [True, False]
    assert (_status(first), _status(second)) == (Status.APPROVED, Status.REJECTED)


def test_a_meeting_with_votes_keeps_its_figures(path):
    confirm_council_rules()
    meeting = path.meeting()
    assert "members_present" in policy_for(path.clerk, meeting).editable_fields()
    services.record_council_vote(meeting, _accepted(path), 8, 8, path.clerk)
    assert policy_for(path.clerk, meeting).editable_fields() == set()
    assert not policy_for(path.clerk, meeting).can_delete()
