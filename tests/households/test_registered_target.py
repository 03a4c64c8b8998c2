"""The commune target "Hộ đăng ký Gia đình văn hóa" counted from the hamlets'
registrations (targets.rollups): never typed, in the form, the list or a file."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from awards import services
from awards.models import HouseholdReview
from emulation.imports import error_messages
from targets.models import Target
from targets.policy import TargetPolicy
from targets.resources import TargetResource
from tests import factories
from tests.factories import HouseholdFactory, MovementFactory, TargetFactory, UnitFactory
from tests.spreadsheets import dataset_from

HOUSEHOLDS = Target.Rollup.HOUSEHOLDS


class Commune:
    """Hamlet A: 4 households in its review; hamlet B: 1 household, no review yet."""

    def __init__(self):
        self.movement = MovementFactory(year=2023)
        self.a = UnitFactory(name="Thôn Lâm Giang")
        self.b = UnitFactory(name="Thôn Ku Kê")
        self.head = factories.hamlet_head(self.a, username="thon.lamgiang")
        self.clerk = factories.clerk()
        for n in range(4):
            HouseholdFactory(unit=self.a, head_name=f"Hộ A{n}")
        HouseholdFactory(unit=self.a, head_name="Đã chuyển đi", is_active=False)
        HouseholdFactory(unit=self.b, head_name="Hộ B0")
        self.share = TargetFactory(
            movement=self.movement,
            name="Tỷ lệ hộ đăng ký GĐVH",
            unit_of_measure="%",
            plan_value=Decimal("99"),
            rollup=HOUSEHOLDS,
        )
        self.count = TargetFactory(
            movement=self.movement,
            name="Số hộ đăng ký",
            unit_of_measure="hộ",
            plan_value=Decimal("5"),
            rollup=HOUSEHOLDS,
        )

    def open_review(self):
        self.review = HouseholdReview.objects.create(movement=self.movement, unit=self.a)
        services.add_household_lines(self.review, self.head)

    def register(self, *names):
        lines = self.review.votes.filter(household__head_name__in=names)
        services.record_household_lines(
            self.review, self.head, {line.pk: (True, None) for line in lines}
        )

    def actuals(self):
        self.share.refresh_from_db(), self.count.refresh_from_db()
        return self.share.actual_value, self.count.actual_value


@pytest.fixture
def commune(db):
    return Commune()


def test_the_target_follows_the_registrations(commune):
    assert commune.actuals() == (None, None)  # no hamlet has recorded registrations
    commune.open_review()
    assert commune.actuals() == (Decimal("0"), Decimal("0"))
    commune.register("Hộ A0", "Hộ A1", "Hộ A2")
    # 3 registered of 5: hamlet A's 4 lines and hamlet B's one household.
    assert commune.actuals() == (Decimal("60"), Decimal("3"))
    services.register_households(commune.review, commune.head, commune.review.votes.all())
    assert commune.actuals() == (Decimal("80"), Decimal("4"))
    assert commune.share.achievement().status == "not_met"


def test_a_share_is_rounded_half_up_to_two_decimals(commune):
    for n in range(4, 6):
        HouseholdFactory(unit=commune.a, head_name=f"Hộ A{n}")
    commune.open_review()  # 6 lines + 1 in hamlet B = 7
    commune.register("Hộ A0")
    assert commune.actuals()[0] == Decimal("14.29")  # 100 / 7 = 14,2857…


def test_the_actual_is_never_typed(commune):
    commune.open_review()
    commune.register("Hộ A0")
    commune.share.actual_value = Decimal("99.9")
    commune.share.save()
    assert commune.actuals()[0] == Decimal("20")
    assert TargetPolicy(commune.clerk, commune.share).computed_on_row() == {
        "actual_value",
        "achieved",
    }
    client = Client()
    client.force_login(commune.clerk)
    page = client.get(f"/admin/targets/target/{commune.share.pk}/change/").content.decode()
    assert 'name="actual_value"' not in page
    assert "Hộ đăng ký Gia đình văn hóa" in page  # where its actual comes from


def test_a_yes_no_target_cannot_be_counted(commune):
    target = Target(
        movement=commune.movement, name="Đạt chuẩn", direction="yes_no", rollup=HOUSEHOLDS
    )
    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert "Chỉ chỉ tiêu dạng số mới tính được từ dữ liệu" in str(error.value)


def _export(queryset):
    return TargetResource().export(queryset=queryset).export("csv").encode()


def test_the_source_round_trips_through_a_file_and_old_files_still_import(commune):
    commune.open_review()
    commune.register("Hộ A0")
    content = _export(Target.objects.filter(pk=commune.share.pk))
    text = content.decode()
    assert "Số thực hiện lấy từ" in text and "Hộ đăng ký Gia đình văn hóa,Văn phòng" not in text
    assert ",Hộ đăng ký Gia đình văn hóa," in text
    result = TargetResource().import_data(dataset_from(content, "csv"))
    assert error_messages(result) == [] and {r.import_type for r in result.rows} == {"skip"}

    typed = text.replace(",20,", ",95,")
    result = TargetResource().import_data(dataset_from(typed.encode(), "csv"), dry_run=True)
    assert any("được tính từ dữ liệu" in message for message in error_messages(result))

    old = text.replace(",Hộ đăng ký Gia đình văn hóa,", ",Có,")
    TargetResource().import_data(dataset_from(old.encode(), "csv"))
    commune.share.refresh_from_db()
    assert commune.share.rollup == Target.Rollup.SUM  # "Có" meant summed from pledges

    wrong = text.replace(",Hộ đăng ký Gia đình văn hóa,", ",Tự tính,")
    result = TargetResource().import_data(dataset_from(wrong.encode(), "csv"), dry_run=True)
    assert any("“Tự tính” không phải là một trong" in message for message in error_messages(result))
