"""The seed story's decision: Giấy khen to 03 collectives and 09 individuals, 17/01/2023,
made from the units' nominations and the council's vote of 10/01/2023 (dates invented);
the 2023 household reviews and the decision recognising one hamlet's households.

The article names no recipients: the collectives are demo units and the nine people are
invented (no real persons). The number 15/QĐ-UBND is the example DOMAIN.md uses.
"""

import datetime
import random
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model

from emulation.demo import CLERK_USERNAME, COMMUNE_NAME, HAMLETS, LEADER_USERNAME
from emulation.models import Movement, Unit

from . import demo_second
from .models import (
    DEFAULT_REASON,
    AwardKind,
    CouncilMeeting,
    CouncilRule,
    Decision,
    HamletCriterion,
    HouseholdReview,
    Nomination,
)
from .reference import seed, seed_award_criteria, seed_council_rules
from .services import (
    accept_nomination,
    add_household_lines,
    approve_household_review,
    attach_signed_decision,
    issue_decision,
    propose_decisions_from_nominations,
    propose_household_decision,
    record_council_vote,
    record_hamlet_checks,
    record_household_lines,
    return_household_review,
    submit_household_review,
    submit_nomination,
)

NUMBER = "15/QĐ-UBND"
COLLECTIVES = ["Thôn Lâm Giang", "Hội Liên hiệp Phụ nữ xã", "Công an xã"]
INDIVIDUALS = [
    ("Ông", "Nguyễn Văn An", "Trưởng thôn, thôn Lâm Giang", "Thôn Lâm Giang"),
    ("Bà", "Phạm Thị Lan", "Trưởng thôn, thôn Lâm Hòa", "Thôn Lâm Hòa"),
    ("Bà", "Lê Thị Thu", "Công chức Văn phòng - Thống kê", "Văn phòng - Thống kê"),
    ("Ông", "Phạm Văn Tài", "Công chức Địa chính - Xây dựng", "Địa chính - Xây dựng"),
    ("Bà", "Nguyễn Thị Hạnh", "Công chức Tài chính - Kế toán", "Tài chính - Kế toán"),
    ("Ông", "Trương Văn Lợi", "Chủ tịch Hội Nông dân xã", "Hội Nông dân xã"),
    ("Ông", "Ngô Minh Tuấn", "Bí thư Đoàn Thanh niên xã", "Đoàn Thanh niên xã"),
    ("Bà", "Trần Thị Bích", "Chi hội trưởng Phụ nữ thôn Dân Hòa", "Thôn Dân Hòa"),
    ("Ông", "Võ Văn Cường", "Công an viên thôn Ku Kê", "Thôn Ku Kê"),
]


# The 2023 household reviews (invented): one hamlet approved, one returned with the
# office's note, two submitted, two still registering.
REVIEW_STATES = {
    "Thôn Lâm Giang": "approved",
    "Thôn Ku Kê": "returned",
    "Thôn Dân Hòa": "submitted",
    "Thôn Lâm Hòa": "submitted",
    "Thôn Lâm Thuận": "draft",
    "Thôn Dân Thuận": "draft",
}
POSTED_FROM = datetime.date(2023, 11, 24)
# Lâm Giang's households recognised once its list had been posted (number invented).
HOUSEHOLD_NUMBER = "98/QĐ-UBND"
HOUSEHOLD_SIGNED_ON = datetime.date(2023, 12, 8)
RETURN_NOTE = "Biên bản họp thiếu chữ ký của thư ký cuộc họp; đề nghị bổ sung rồi nộp lại."


def _household_reviews():
    """Each hamlet's 2023 review: about 97 % of households registered; the meeting and its
    votes where the state says it was held. Made once, through the services."""
    users = get_user_model().objects
    clerk = users.get(username=CLERK_USERNAME)
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023)
    for hamlet_name, _head_name, username in HAMLETS:
        unit = Unit.objects.get(commune__name=COMMUNE_NAME, name=hamlet_name)
        if HouseholdReview.objects.filter(movement=movement, unit=unit).exists():
            continue
        head = users.get(username=username)
        state = REVIEW_STATES[hamlet_name]
        review = HouseholdReview.objects.create(movement=movement, unit=unit)
        add_household_lines(review, head)
        rng = random.Random(f"review {hamlet_name}")
        held = state != "draft"
        if held:
            review.meeting_on = datetime.date(2023, 11, 20)
            review.invited_count, review.present_count = 50, 42
            review.save()
        entries = {}
        for line in review.votes.order_by("pk"):
            registered = rng.random() < 0.99
            entries[line.pk] = (registered, rng.randint(22, 42) if held and registered else None)
        record_household_lines(review, head, entries)
        if held:
            submit_household_review(review, head)
        if state == "approved":
            approve_household_review(review, clerk)
            review.refresh_from_db()
            review.posted_from = POSTED_FROM  # the office posts the list for 10 days
            review._history_user = clerk
            review.save()
        elif state == "returned":
            return_household_review(review, clerk, RETURN_NOTE)


def _household_decision():
    if Decision.objects.filter(
        movement__commune__name=COMMUNE_NAME, number=HOUSEHOLD_NUMBER
    ).exists():
        return
    users = get_user_model().objects
    decision = propose_household_decision(
        Movement.objects.get(commune__name=COMMUNE_NAME, year=2023),
        users.get(username=CLERK_USERNAME),
    )
    decision.number, decision.signed_on = HOUSEHOLD_NUMBER, HOUSEHOLD_SIGNED_ON
    decision.save()
    issue_decision(decision, users.get(username=LEADER_USERNAME))


DEMO_SIGNING = Path(__file__).resolve().parent / "demo_signing"


def signed_by_demo_chairman(pdf: bytes) -> bytes:
    """``pdf`` signed as the chairman's signing program would, with the demo chairman's
    certificate of the demo's own authority (awards/demo_signing, published for the demo
    only)."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from .signatures import outside_event_loop

    signer = signers.SimpleSigner.load(
        str(DEMO_SIGNING / "signer.key"),
        str(DEMO_SIGNING / "signer.pem"),
        ca_chain_files=(str(DEMO_SIGNING / "root.pem"),),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    return outside_event_loop(
        signers.sign_pdf, writer, signers.PdfSignatureMetadata(field_name="ChuTich"), signer=signer
    ).getvalue()


def _sign_demo_decision(decision, clerk):
    """15/QĐ-UBND signed by the demo chairman, checked as any signed copy is."""
    from .documents import decision_pdf
    from .signatures import trust_roots

    signed = signed_by_demo_chairman(decision_pdf(decision))
    attach_signed_decision(decision, signed, clerk, trust_roots=trust_roots(DEMO_SIGNING))


def load(stdout=None):
    # The award kinds, their dated rules and the base salaries, as the migrations seed them
    # (again here: load_demo may run on an emptied database).
    seed(lambda name: apps.get_model("awards", name))
    seed_council_rules(lambda name: apps.get_model("awards", name))
    seed_award_criteria(lambda name: apps.get_model("awards", name))
    _seed_fund()
    _seed_decision()  # January 2023: the first numbers of the year's register
    _registrations()
    _household_reviews()
    _household_decision()
    _hamlet_checklist()
    demo_second.load(stdout)  # a second, smaller commune beside Hàm Liêm


# The 2023 Thôn văn hóa checklist, paraphrased for the demo: a commune enters the wording
# of the criteria in force (Nghị định 86/2023/NĐ-CP) itself.
CRITERIA = [
    ("Từ 70% hộ trở lên được công nhận Gia đình văn hóa", "households", Decimal("70")),
    ("Đời sống kinh tế ổn định và từng bước phát triển", "checked", None),
    ("Đời sống văn hóa, tinh thần lành mạnh, phong phú", "checked", None),
    ("Môi trường cảnh quan xanh, sạch, đẹp", "checked", None),
    ("Chấp hành tốt chủ trương, chính sách, pháp luật; giữ vững an ninh trật tự", "checked", None),
]
CHECKS = {
    "Thôn Lâm Giang": (True, ""),
    "Thôn Ku Kê": (False, "Còn điểm tập kết rác tự phát ở tổ 4; chưa đạt tiêu chí môi trường."),
}


def _hamlet_checklist():
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023)
    if movement.hamlet_criteria.exists():
        return
    clerk = get_user_model().objects.get(username=CLERK_USERNAME)
    criteria = [
        HamletCriterion.objects.create(
            movement=movement, order=order, text=text, kind=kind, threshold_percent=threshold
        )
        for order, (text, kind, threshold) in enumerate(CRITERIA, 1)
    ]
    entries = {}
    for hamlet_name, (met, note) in CHECKS.items():
        unit = Unit.objects.get(commune__name=COMMUNE_NAME, name=hamlet_name)
        for criterion in criteria[1:]:
            failed = not met and "môi trường" in criterion.text.lower()
            entries[(criterion.pk, unit.pk)] = (met or not failed, note if failed else "")
    record_hamlet_checks(movement, clerk, entries)


# The council that voted on the 2022 nominations (invented, marked as demo data).
COUNCIL_DAY = datetime.date(2023, 1, 10)
COUNCIL = [
    "Nguyễn Quang Minh, Chủ tịch UBND xã, Chủ tịch Hội đồng",
    "Tổng Quốc Việt, Bí thư Đảng ủy xã",
    "Nguyễn Văn Bình, Chủ tịch Ủy ban MTTQVN xã",
    "Lê Thị Thu, công chức Văn phòng - Thống kê, thư ký Hội đồng",
    "Nguyễn Thị Hạnh, công chức Tài chính - Kế toán",
    "Lê Thị Hoa, Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Trương Văn Lợi, Chủ tịch Hội Nông dân xã",
    "Ngô Minh Tuấn, Bí thư Đoàn Thanh niên xã",
]
DEMO_COUNCIL_SOURCE = (
    "Dữ liệu mẫu: quy chế giả định của tỉnh (hai phần ba có mặt; 70 % tổng số thành viên "
    "đồng ý), không phải văn bản thật"
)


def _seed_decision():
    """15/QĐ-UBND as the year-end work makes it: each unit's nomination, handed in and
    accepted, voted on by the council on 10/01/2023, proposed, signed on 17/01/2023."""
    if Decision.objects.filter(movement__commune__name=COMMUNE_NAME, number=NUMBER).exists():
        return  # loaded before; an issued decision is never rewritten
    users = get_user_model().objects
    clerk = users.get(username=CLERK_USERNAME)
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2022)
    giay_khen = AwardKind.objects.get(name="Giấy khen")
    # The demo's council rule for the Giấy khen; the other kinds' stay unconfirmed.
    rule = CouncilRule.in_force_on(giay_khen, COUNCIL_DAY)
    rule.legal_source, rule.confirmed = DEMO_COUNCIL_SOURCE, True
    rule._history_user = clerk
    rule.save()
    proposals = [("collective", "", "", "", unit_name) for unit_name in COLLECTIVES] + [
        ("individual", *person) for person in INDIVIDUALS
    ]
    meeting = CouncilMeeting.objects.create(
        movement=movement,
        held_on=COUNCIL_DAY,
        members_total=9,
        members_present=len(COUNCIL),
        attendees="\n".join(COUNCIL),
        chaired_by="Nguyễn Quang Minh",
        recorded_by="Lê Thị Thu",
    )
    for recipient_type, honorific, name, position, unit_name in proposals:
        unit = Unit.objects.get(commune__name=COMMUNE_NAME, name=unit_name)
        head = unit.users.first() or clerk  # departments have no account: the office enters
        nomination = Nomination(
            movement=movement,
            unit=unit,
            award_kind=giay_khen,
            recipient_type=recipient_type,
            honorific=honorific,
            full_name=name,
            position=position,
            achievement=DEFAULT_REASON.format(year=movement.year),
        )
        nomination._history_user = head
        nomination.save()
        submit_nomination(nomination, head)
        accept_nomination(nomination, clerk)
        record_council_vote(meeting, nomination, len(COUNCIL), len(COUNCIL), clerk)
    (decision,) = propose_decisions_from_nominations(movement, clerk)
    decision.number, decision.signed_on = NUMBER, datetime.date(2023, 1, 17)
    decision.signer_title = Decision.SignerTitle.CHAIRMAN
    decision.proposal = "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã"
    decision._history_user = clerk
    decision.save()
    issue_decision(decision, users.get(username=LEADER_USERNAME))
    _sign_demo_decision(Decision.objects.get(pk=decision.pk), clerk)


# The 2023 fund (invented figures, marked as demo data): 1 % of an invented regular
# spending of 4,5 billion đồng, and one donation.
FUND_NOTE = "Dữ liệu mẫu: số liệu giả định, không phải dự toán thật của xã."


def _seed_fund():
    from .models import Fund, FundEntry

    commune = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023).commune
    fund, created = Fund.objects.get_or_create(
        commune=commune, year=2023, defaults={"note": FUND_NOTE}
    )
    if not created:
        return
    FundEntry.objects.create(
        fund=fund,
        kind=FundEntry.Kind.ALLOCATION,
        entered_on=datetime.date(2023, 1, 5),
        amount=45_000_000,
        note="Trích 1 % dự toán chi thường xuyên năm 2023",
    )
    FundEntry.objects.create(
        fund=fund,
        kind=FundEntry.Kind.DONATION,
        entered_on=datetime.date(2023, 1, 12),
        amount=5_000_000,
        note="Doanh nghiệp trên địa bàn tài trợ hội nghị tổng kết",
    )


# The 2023 registrations (invented): the people of 15/QĐ-UBND register for Lao động tiên
# tiến, each hamlet but two for Tập thể lao động tiên tiến, by the deadline of 28/02/2023;
# Thôn Lâm Thuận and Thôn Dân Thuận have registered nothing, as the office's list shows.
REGISTRATION_DEADLINE = datetime.date(2023, 2, 28)
NOT_REGISTERED = {"Thôn Lâm Thuận", "Thôn Dân Thuận"}


def _registrations():
    from .models import Registration

    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023)
    if movement.registrations.exists():
        return
    clerk = get_user_model().objects.get(username=CLERK_USERNAME)
    movement.registration_deadline = REGISTRATION_DEADLINE
    movement._history_user = clerk
    movement.save()
    lao_dong = AwardKind.objects.get(name="Lao động tiên tiến")
    tap_the = AwardKind.objects.get(name="Tập thể lao động tiên tiến")
    rows = [
        Registration(
            movement=movement,
            unit=Unit.objects.get(commune__name=COMMUNE_NAME, name=unit_name),
            award_kind=lao_dong,
            honorific=honorific,
            full_name=name,
            position=position,
            registered_on=datetime.date(2023, 2, 10),
        )
        for honorific, name, position, unit_name in INDIVIDUALS
    ] + [
        Registration(
            movement=movement,
            unit=Unit.objects.get(commune__name=COMMUNE_NAME, name=hamlet_name),
            award_kind=tap_the,
            recipient_type="collective",
            registered_on=datetime.date(2023, 2, 15),
        )
        for hamlet_name, _head, _username in HAMLETS
        if hamlet_name not in NOT_REGISTERED
    ]
    for row in rows:
        row._history_user = clerk
        row.save()
