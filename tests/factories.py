import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from emulation.models import Commune, Movement, Unit
from emulation.roles import CLERK, HAMLET_HEAD, LEADER, PROVINCE, ensure_roles


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.django.Password("Mật-khẩu-thử-123")


def _in_group(name, **kwargs):
    ensure_roles()
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=name))
    return user


FIRST_COMMUNE = object()


def _office(group, commune, kwargs):
    """An office account of ``commune`` (by default the first commune, once there is one:
    among several communes an office account of none sees nothing)."""
    user = _in_group(group, **kwargs)
    if commune is FIRST_COMMUNE:
        commune = Commune.objects.order_by("pk").first()
    if commune is not None:
        commune.users.add(user)
    return user


def clerk(commune=FIRST_COMMUNE, **kwargs):
    return _office(CLERK, commune, kwargs)


def leader(commune=FIRST_COMMUNE, **kwargs):
    return _office(LEADER, commune, kwargs)


def province_staff(**kwargs):
    return _in_group(PROVINCE, **kwargs)


def hamlet_head(unit, **kwargs):
    user = _in_group(HAMLET_HEAD, **kwargs)
    unit.users.add(user)
    return user


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    name = "Hàm Liêm"
    kind = "xã"
    province = "Bình Thuận"
    chairman_name = "Nguyễn Quang Minh"


def the_commune():
    """The commune rows belong to unless told: the first, made on first need."""
    return Commune.objects.order_by("pk").first() or CommuneFactory()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    commune = factory.LazyFunction(the_commune)

    name = factory.Sequence(lambda n: f"Thôn Thử {n}")
    kind = Unit.Kind.HAMLET
    head_name = "Nguyễn Văn Thử"


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement
        django_get_or_create = ("commune", "year")

    commune = factory.LazyFunction(the_commune)
    year = 2022
    title = factory.LazyAttribute(lambda o: f"Phong trào thi đua năm {o.year}")
    launched_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 15))


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "targets.Target"

    movement = factory.SubFactory(MovementFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Chỉ tiêu thử {n}")
    unit_of_measure = "tấn"
    direction = "at_least"
    plan_value = Decimal("100")
    is_key = True


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pledges.Pledge"

    movement = factory.SubFactory(MovementFactory, year=2023)
    unit = factory.SubFactory(UnitFactory)
    signed_on = datetime.date(2023, 1, 17)
    signatory_name = "Nguyễn Văn Thử"
    status = "signed"


class PledgeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pledges.PledgeItem"

    pledge = factory.SubFactory(PledgeFactory)
    title = factory.Sequence(lambda n: f"Nội dung {n}")
    unit_of_measure = "hộ"
    direction = "at_least"
    committed_value = Decimal("5")


class AwardKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.AwardKind"
        django_get_or_create = ("name",)

    name = "Giấy khen"  # the seeded kind, with its dated rules (awards/reference.py)
    recipient_type = "both"
    prints_certificate = True


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Decision"
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    signed_on = datetime.date(2023, 1, 17)
    movement = factory.SubFactory(MovementFactory, year=2022)
    signer_name = "Nguyễn Quang Minh"


class CommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Commendation"
        skip_postgeneration_save = True

    decision = factory.SubFactory(DecisionFactory)
    award_kind = factory.SubFactory(AwardKindFactory)
    recipient_type = "individual"
    honorific = "Ông"
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    position = "Trưởng thôn"

    @factory.post_generation
    def bonus(obj, create, extracted, **kwargs):
        # As the admin and imports do after changing a draft's recipients.
        if create:
            from awards.services import refresh_bonuses

            refresh_bonuses(obj.decision)
            obj.refresh_from_db(fields=["bonus_amount"])


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "emulation.Household"

    unit = factory.SubFactory(UnitFactory)
    honorific = "Ông"
    head_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    address = "Tổ 1"


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Nomination"

    movement = factory.SubFactory(MovementFactory, year=2025)
    unit = factory.SubFactory(UnitFactory)
    award_kind = factory.SubFactory(AwardKindFactory)
    recipient_type = "individual"
    honorific = "Ông"
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Đề Cử {n}")
    position = "Trưởng thôn"
    achievement = "Hoàn thành xuất sắc nhiệm vụ năm"


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.CouncilMeeting"

    movement = factory.SubFactory(MovementFactory, year=2025)
    held_on = datetime.date(2026, 1, 10)
    members_total = 9
    members_present = 8
    attendees = "Nguyễn Quang Minh, Chủ tịch Hội đồng"


def confirm_council_rules(quorum="66.66", passing="70", base="members"):
    """The seeded council rules, set as a province's regulation would and checked."""
    from awards.models import CouncilRule

    CouncilRule.objects.update(
        quorum_percent=Decimal(quorum),
        pass_percent=Decimal(passing),
        pass_base=base,
        legal_source="Quy chế thi đua, khen thưởng của tỉnh (thử)",
        confirmed=True,
    )
