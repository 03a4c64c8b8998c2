"""A second, smaller demo commune beside Hàm Liêm, so that a province's deployment can be
seen: Hàm Chính (every name and figure is demo data) with two hamlets, its 2023
targets and pledges and one issued decision; its own office account; and a province
account that reads both and changes nothing.

Made through the services, as the office would (``add_commune`` first); loaded once.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from emulation.communes import add_commune
from emulation.demo import DEMO_PASSWORD
from emulation.models import Commune, Unit
from emulation.policy import COMMAND_LINE
from emulation.roles import HAMLET_HEAD, PROVINCE
from pledges import services as pledge_services
from pledges.models import Pledge, PledgeItem
from targets.models import Target

from .models import AwardKind, Commendation, Decision
from .services import issue_decision

NAME = "Hàm Chính"
CLERK_USERNAME = "vanphong.hamchinh"
PROVINCE_USERNAME = "tinh"
HAMLETS = [
    ("Thôn Một", "Võ Văn Tư", "hamchinh.thonmot"),
    ("Thôn Hai", "Đặng Thị Năm", "hamchinh.thonhai"),
]
# (name, unit of measure, plan, actual), all key targets of 2023: three of four met.
TARGETS = [
    ("Tổng diện tích gieo trồng", "ha", Decimal("1850"), Decimal("1872.5")),
    ("Giảm hộ nghèo", "hộ", Decimal("12"), Decimal("14")),
    ("Tỷ lệ tham gia bảo hiểm y tế", "%", Decimal("95"), Decimal("93.4")),
    ("Thu ngân sách trên địa bàn", "triệu đồng", Decimal("3200"), Decimal("3410")),
]
DECISION_NUMBER = "7/QĐ-UBND"


def load(stdout=None):
    if Commune.objects.filter(name=NAME).exists():
        return  # loaded before
    new = add_commune(
        COMMAND_LINE,
        name=NAME,
        kind="xã",
        province="Bình Thuận",
        chairman_name="Trần Văn Chính",
        username=CLERK_USERNAME,
        today=datetime.date(2023, 1, 10),
    )
    commune, movement, clerk = new.commune, new.movement, new.account
    clerk.first_name, clerk.last_name = "Hoa", "Phan Thị"
    clerk.set_password(DEMO_PASSWORD)
    clerk.save()
    _account(PROVINCE_USERNAME, "Tâm", "Hồ Minh", PROVINCE)

    hamlets, heads = [], []
    for n, (name, head, username) in enumerate(HAMLETS, start=1):
        hamlet = Unit.objects.create(
            commune=commune, name=name, kind=Unit.Kind.HAMLET, head_name=head, order=10 * n
        )
        family, _sep, given = head.rpartition(" ")
        heads.append(_account(username, given, family, HAMLET_HEAD))
        hamlet.users.add(heads[-1])
        hamlets.append(hamlet)
    for order, (name, measure, plan, actual) in enumerate(TARGETS, start=1):
        Target.objects.create(
            movement=movement,
            order=order,
            name=name,
            unit_of_measure=measure,
            plan_value=plan,
            actual_value=actual,
            is_key=True,
        )

    signed_on = datetime.date(2023, 1, 12)
    for hamlet, head, approved in zip(hamlets, heads, (True, False), strict=True):
        pledge = Pledge.objects.create(movement=movement, unit=hamlet)
        PledgeItem.objects.create(
            pledge=pledge,
            order=1,
            title="Giảm hộ nghèo",
            unit_of_measure="hộ",
            committed_value=Decimal(6),
            result_value=Decimal(7 if approved else 5),
        )
        pledge_services.sign_pledge(pledge, clerk, signed_on, hamlet.head_name)
        if approved:
            pledge_services.submit_pledge(pledge, head)
            pledge_services.approve_pledge(pledge, clerk)

    decision = Decision.objects.create(
        movement=movement,
        number=DECISION_NUMBER,
        signed_on=datetime.date(2023, 12, 28),
        signer_name=commune.chairman_name,
    )
    giay_khen = AwardKind.objects.get(name="Giấy khen")
    Commendation.objects.create(
        decision=decision,
        award_kind=giay_khen,
        recipient_type="collective",
        unit=hamlets[0],
        order=1,
    )
    for order, (honorific, name, position) in enumerate(
        [("Bà", "Nguyễn Thị Sáu", "Chi hội trưởng Phụ nữ"), ("Ông", "Lê Văn Bảy", "Nông dân")],
        start=1,
    ):
        Commendation.objects.create(
            decision=decision,
            award_kind=giay_khen,
            recipient_type="individual",
            honorific=honorific,
            full_name=name,
            position=position,
            unit=hamlets[1],
            order=order,
        )
    issue_decision(decision, clerk)


def _account(username, first_name, last_name, group):
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=group)])
    return user
