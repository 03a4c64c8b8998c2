"""The seed story's decision: Giấy khen to 03 collectives and 09 individuals, 17/01/2023;
the 2023 household reviews and the decision recognising one hamlet's households.

The article names no recipients: the collectives are demo units and the nine people are
invented (no real persons). The number 15/QĐ-UBND is the example DOMAIN.md uses.
"""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model

from emulation.demo import CLERK_USERNAME, HAMLETS, LEADER_USERNAME
from emulation.models import Movement, Unit

from .models import AwardKind, Commendation, Decision, HamletCriterion, HouseholdReview
from .reference import seed
from .services import (
    add_household_lines,
    approve_household_review,
    issue_decision,
    propose_household_decision,
    record_hamlet_checks,
    record_household_lines,
    return_household_review,
    submit_household_review,
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
    movement = Movement.objects.get(year=2023)
    for hamlet_name, _head_name, username in HAMLETS:
        unit = Unit.objects.get(name=hamlet_name)
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
    if Decision.objects.filter(number=HOUSEHOLD_NUMBER).exists():
        return
    users = get_user_model().objects
    decision = propose_household_decision(
        Movement.objects.get(year=2023), users.get(username=CLERK_USERNAME)
    )
    decision.number, decision.signed_on = HOUSEHOLD_NUMBER, HOUSEHOLD_SIGNED_ON
    decision.save()
    issue_decision(decision, users.get(username=LEADER_USERNAME))


def load(stdout=None):
    # The award kinds, their dated rules and the base salaries, as the migrations seed them
    # (again here: load_demo may run on an emptied database).
    seed(lambda name: apps.get_model("awards", name))
    _seed_decision()  # January 2023: the first numbers of the year's register
    _household_reviews()
    _household_decision()
    _hamlet_checklist()


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
    movement = Movement.objects.get(year=2023)
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
        unit = Unit.objects.get(name=hamlet_name)
        for criterion in criteria[1:]:
            failed = not met and "môi trường" in criterion.text.lower()
            entries[(criterion.pk, unit.pk)] = (met or not failed, note if failed else "")
    record_hamlet_checks(movement, clerk, entries)


def _seed_decision():
    if Decision.objects.filter(number=NUMBER).exists():
        return  # loaded before; an issued decision is never rewritten
    giay_khen = AwardKind.objects.get(name="Giấy khen")
    decision = Decision.objects.create(
        number=NUMBER,
        signed_on=datetime.date(2023, 1, 17),
        movement=Movement.objects.get(year=2022),
        signer_name="Nguyễn Quang Minh",
        signer_title=Decision.SignerTitle.CHAIRMAN,
    )
    for order, unit_name in enumerate(COLLECTIVES, 1):
        unit = Unit.objects.get(name=unit_name)
        Commendation.objects.create(
            decision=decision,
            award_kind=giay_khen,
            recipient_type="collective",
            unit=unit,
            full_name=unit.name,
            order=order,
        )
    for order, (honorific, name, position, unit_name) in enumerate(INDIVIDUALS, 1):
        Commendation.objects.create(
            decision=decision,
            award_kind=giay_khen,
            recipient_type="individual",
            honorific=honorific,
            full_name=name,
            position=position,
            unit=Unit.objects.get(name=unit_name),
            order=order,
        )
    issue_decision(decision, get_user_model().objects.get(username=LEADER_USERNAME))
