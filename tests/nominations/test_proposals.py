"""From the council's approval to the draft decisions: one per award kind, the recipients
being exactly the approved nominations, the highest title only for one subject, and the
nominations following their decision when it is issued or revoked."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.models import Commendation, Decision, Nomination
from tests.factories import confirm_council_rules

Status = Nomination.Status


@pytest.fixture
def voted(path):
    """Nominations accepted and voted on at one meeting of 9 members, 8 present."""
    confirm_council_rules(quorum="66.66", passing="70", base="members")
    path.council = path.meeting(members_total=9, members_present=8)

    def vote(votes_for=8, **kwargs):
        nomination = path.nomination(**kwargs)
        services.submit_nomination(nomination, path.clerk)
        services.accept_nomination(nomination, path.clerk)
        services.record_council_vote(path.council, nomination, votes_for, 8, path.clerk)
        nomination.refresh_from_db()
        return nomination

    path.vote = vote
    return path


def _names(decision):
    return [
        line.display_name for line in decision.commendations.order_by("recipient_type", "order")
    ]


def test_one_draft_per_award_kind_with_exactly_the_approved_nominations(voted):
    an = voted.vote(full_name="Nguyễn Văn An", position="Trưởng thôn")
    hamlet = voted.vote(
        recipient_type="collective", honorific="", full_name="", position="", unit=voted.other
    )
    binh = voted.vote(award_kind=voted.lao_dong, full_name="Trần Văn Bình", unit=voted.department)
    voted.vote(votes_for=5, full_name="Lê Thị Cúc", honorific="Bà")  # not approved
    draft = voted.nomination(full_name="Phạm Văn Dũng")  # never handed in
    decisions = services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    assert [d.status for d in decisions] == [Decision.Status.DRAFT] * 2
    giay_khen, lao_dong = decisions
    assert {line.award_kind for line in giay_khen.commendations.all()} == {voted.giay_khen}
    assert _names(giay_khen) == ["Thôn Ku Kê", "Ông Nguyễn Văn An"]
    assert _names(lao_dong) == ["Ông Trần Văn Bình"]
    lines = {line.nomination: line for line in Commendation.objects.all()}
    assert set(lines) == {an, hamlet, binh}
    assert draft not in lines
    assert lines[an].achievement == an.achievement
    assert (lines[an].position, lines[an].unit) == ("Trưởng thôn", voted.hamlet)
    assert giay_khen.proposal == (
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã tại cuộc họp ngày 10/01/2026"
    )
    assert giay_khen.signer_name == "Nguyễn Quang Minh"


def test_a_subject_proposed_for_several_titles_gets_the_highest_only(voted):
    lower = voted.vote(award_kind=voted.lao_dong, full_name="Nguyễn Văn An")
    higher = voted.vote(award_kind=voted.chien_si, full_name="nguyễn  văn an")  # same person
    other = voted.vote(award_kind=voted.lao_dong, full_name="Nguyễn Văn An", unit=voted.other)
    decisions = services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    proposed = set(
        Commendation.objects.filter(decision__in=decisions).values_list("nomination", flat=True)
    )
    assert proposed == {higher.pk, other.pk}  # another hamlet's An is another person
    left = services.nominations_left_out(voted.movement)
    assert left == [
        (lower, "cùng đối tượng đã được đề nghị “Chiến sĩ thi đua cơ sở”, là hình thức cao hơn")
    ]


def test_an_award_the_commune_does_not_grant_is_left_to_be_proposed_upward(voted):
    upward = voted.vote(
        award_kind=voted.xuat_sac, recipient_type="collective", honorific="", full_name=""
    )
    with pytest.raises(ValidationError) as refused:
        services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    assert refused.value.messages == [
        "Không còn đề nghị nào năm 2025 được Hội đồng thông qua mà chưa có quyết định."
    ]
    ((nomination, reason),) = services.nominations_left_out(voted.movement)
    assert nomination == upward
    assert "không thuộc thẩm quyền của Chủ tịch UBND xã" in reason
    assert not Decision.objects.exists()


def test_only_the_clerk_proposes(voted):
    voted.vote()
    for user in (voted.leader, voted.head):
        with pytest.raises(PermissionDenied):
            services.propose_decisions_from_nominations(voted.movement, user)
    assert not Decision.objects.exists()


def test_issuing_decides_the_nominations_and_revoking_opens_them_again(voted):
    an = voted.vote(full_name="Nguyễn Văn An")
    (decision,) = services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    # Proposing again adds nothing: the nomination is in a draft already.
    with pytest.raises(ValidationError):
        services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    decision.number, decision.signed_on = "5/QĐ-UBND", datetime.date(2026, 1, 20)
    decision.save()
    services.issue_decision(decision, voted.clerk)
    an.refresh_from_db()
    assert an.status == Status.DECIDED
    line = decision.commendations.get()
    assert line.bonus_amount == 710_000  # 0,3 × 2.340.000 = 702.000, rounded up
    services.revoke_decision(decision, voted.clerk, "Sai họ tên")
    an.refresh_from_db()
    assert an.status == Status.APPROVED
    (again,) = services.propose_decisions_from_nominations(voted.movement, voted.clerk)
    assert again.pk != decision.pk
    assert again.commendations.get().nomination == an
