"""The 2023 pledges signed at the conference of 17/01/2023 (demo figures).

The article says the departments and all hamlet heads signed; what each committed to is
not published, so the committed values and results below are invented for the demo, and
set so that every state of the workflow can be seen.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from emulation.demo import CLERK_USERNAME, COMMUNE_NAME, HAMLETS
from emulation.models import Movement, Unit
from targets.models import Target
from targets.services import copy_to_next_year

from . import services
from .models import Pledge, PledgeItem

SIGNED_ON = datetime.date(2023, 1, 17)
D = Decimal

# Per hamlet: poor households to lift out, % households registered as cultural families,
# whether the hamlet keeps its cultural-hamlet standard; then results (None: not entered).
HAMLET_PLEDGES = {
    "Thôn Lâm Giang": ((5, 99, True), (6, D("99.5"), True), "approved"),
    "Thôn Ku Kê": ((4, 99, True), (3, D("98.6"), True), "returned"),
    "Thôn Dân Hòa": ((4, 99, True), (4, D("99.2"), True), "submitted"),
    "Thôn Lâm Hòa": ((5, 99, True), (5, D("99"), True), "submitted"),
    "Thôn Lâm Thuận": ((4, 99, True), (4, None, None), "signed"),
    "Thôn Dân Thuận": ((4, 99, True), (None, None, None), "signed"),
}
DEPARTMENT_ITEMS = {
    "Địa chính - Xây dựng": ("Cấp giấy CN QSDĐ", D("16")),
    "Tài chính - Kế toán": ("Thu ngân sách", D("900")),
    "Văn phòng - Thống kê": ("Tổng sản lượng lương thực", D("5050")),
    "Ban Chỉ huy Quân sự xã": ("Giao quân", D("22")),
}


def _targets_2023():
    """2023 reuses the 2022 list (plans as in 2022: the article gives no 2023 plans)."""
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023)
    if not movement.targets.exists():
        copy_to_next_year(
            Target.objects.filter(
                movement__commune__name=COMMUNE_NAME, movement__year=2022
            ).exclude(name__startswith="Chỉ tiêu chủ yếu thứ 11")
        )
    Target.objects.filter(movement=movement, name="Giảm hộ nghèo").update(
        rollup=Target.Rollup.SUM, actual_value=None
    )
    # Counted from the hamlets' registrations (awards.rollups) once they are recorded.
    Target.objects.filter(movement=movement, name="Hộ đăng ký Gia đình văn hóa").update(
        rollup=Target.Rollup.HOUSEHOLDS, actual_value=None
    )
    # Counted from the office's Thôn văn hóa checklist (awards.rollups).
    Target.objects.filter(movement=movement, name="Giữ chuẩn thôn văn hóa").update(
        rollup=Target.Rollup.HAMLETS, actual_value=None
    )
    return {t.name: t for t in movement.targets.all()}


def load(stdout=None):
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2023)
    if Pledge.objects.filter(movement=movement).exists():
        return  # the demo pledges are loaded; running again changes nothing
    users = get_user_model().objects
    clerk = users.get(username=CLERK_USERNAME)
    targets = _targets_2023()
    heads = {name: users.get(username=login) for name, _head, login in HAMLETS}

    for unit_name, (item_target, committed) in DEPARTMENT_ITEMS.items():
        unit = Unit.objects.get(commune__name=COMMUNE_NAME, name=unit_name)
        services.assign_targets(Target.objects.filter(pk=targets[item_target].pk), [unit], clerk)
        pledge = Pledge.objects.get(movement=movement, unit=unit)
        pledge.items.update(committed_value=committed)
        services.sign_pledge(pledge, clerk, SIGNED_ON, unit.head_name)

    hamlet_targets = Target.objects.filter(
        Q(name="Giảm hộ nghèo") | Q(name="Hộ đăng ký Gia đình văn hóa"), movement=movement
    )
    for unit_name, (commit, result, state) in HAMLET_PLEDGES.items():
        unit = Unit.objects.get(commune__name=COMMUNE_NAME, name=unit_name)
        services.assign_targets(hamlet_targets, [unit], clerk)
        pledge = Pledge.objects.get(movement=movement, unit=unit)
        PledgeItem.objects.create(
            pledge=pledge, order=99, title="Giữ chuẩn thôn văn hóa", direction="yes_no"
        )
        values = dict(
            zip(
                ["Giảm hộ nghèo", "Hộ đăng ký Gia đình văn hóa", "Giữ chuẩn thôn văn hóa"],
                zip(commit, result, strict=True),
                strict=True,
            )
        )
        for item in pledge.items.all():
            committed, outcome = values[item.title]
            if item.direction == "yes_no":
                item.achieved = outcome
            else:
                item.committed_value, item.result_value = D(committed), outcome
            item.save()
        services.sign_pledge(pledge, clerk, SIGNED_ON, unit.head_name)
        if state in ("submitted", "approved", "returned"):
            services.submit_pledge(pledge, heads[unit_name])
        if state == "approved":
            services.approve_pledge(pledge, clerk)
        if state == "returned":
            services.return_pledge(
                pledge,
                clerk,
                "Số hộ thoát nghèo (3) chưa khớp danh sách rà soát của xã (4 hộ); "
                "đề nghị thôn kiểm tra lại và nộp lại kết quả.",
            )
