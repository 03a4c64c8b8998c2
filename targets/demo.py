"""The 2022 targets of the seed article (Hàm Liêm summary conference, 17/01/2023).

Figures are the article's. It counts 11 key targets with 10 met or exceeded but names
neither the eleventh nor the one missed, and it lists twelve results, so two of them are
not key: the demo marks the two participation rates (pre-school intake, cultural-family
registration) as not key and records the unnamed eleventh key target without a result.
"""

from decimal import Decimal

from emulation.achievement import Direction
from emulation.demo import COMMUNE_NAME, upsert
from emulation.models import Movement, Unit

from .models import Target

D = Decimal

# name, unit, direction, plan, actual, achieved, key, responsible unit, note
TARGETS_2022 = [
    (
        "Tổng sản lượng lương thực",
        "tấn",
        Direction.AT_LEAST,
        D("5000"),
        D("5018.6"),
        None,
        True,
        "Văn phòng - Thống kê",
        "",
    ),
    (
        "Xây dựng cơ bản",
        "triệu đồng",
        Direction.AT_LEAST,
        D("500"),
        D("2855"),
        None,
        True,
        "Địa chính - Xây dựng",
        "",
    ),
    (
        "Thu ngân sách",
        "triệu đồng",
        Direction.AT_LEAST,
        D("848"),
        D("984"),
        None,
        True,
        "Tài chính - Kế toán",
        "Bài viết làm tròn 116%.",
    ),
    (
        "Cấp giấy CN QSDĐ",
        "ha",
        Direction.AT_LEAST,
        D("15.1"),
        D("19.98"),
        None,
        True,
        "Địa chính - Xây dựng",
        "",
    ),
    (
        "Huy động trẻ 5 tuổi vào Mẫu giáo và 6 tuổi vào lớp 1",
        "%",
        Direction.AT_LEAST,
        D("100"),
        D("100"),
        None,
        False,
        "Văn hóa - Xã hội",
        "",
    ),
    (
        "Tỷ lệ giảm sinh",
        "‰",
        Direction.AT_LEAST,
        D("0.02"),
        D("0.19"),
        None,
        True,
        "Văn hóa - Xã hội",
        "",
    ),
    (
        "Tỷ lệ trẻ em SDD",
        "%",
        Direction.AT_MOST,
        D("6"),
        D("5.6"),
        None,
        True,
        "Văn hóa - Xã hội",
        "Kế hoạch: dưới 6%.",
    ),
    (
        "Giữ chuẩn thôn văn hóa",
        "thôn",
        Direction.AT_LEAST,
        D("6"),
        D("6"),
        None,
        True,
        "Văn hóa - Xã hội",
        "",
    ),
    (
        "Hộ đăng ký Gia đình văn hóa",
        "%",
        Direction.AT_LEAST,
        D("99"),
        D("99.9"),
        None,
        False,
        "Văn hóa - Xã hội",
        "",
    ),
    (
        "Giảm hộ nghèo",
        "hộ",
        Direction.AT_LEAST,
        D("26"),
        D("26"),
        None,
        True,
        "Văn hóa - Xã hội",
        "",
    ),
    (
        "Giao quân",
        "thanh niên",
        Direction.AT_LEAST,
        D("22"),
        D("22"),
        None,
        True,
        "Ban Chỉ huy Quân sự xã",
        "Bài viết ghi: 100% (KH: 22 TN).",
    ),
    (
        "Giữ chuẩn 19 tiêu chí NTM",
        "",
        Direction.YES_NO,
        None,
        None,
        True,
        True,
        "Văn phòng - Thống kê",
        "",
    ),
    (
        "Chỉ tiêu chủ yếu thứ 11 (bài viết không nêu tên)",
        "",
        Direction.YES_NO,
        None,
        None,
        None,
        True,
        None,
        "Bài viết: đạt và vượt 10/11 chỉ tiêu chủ yếu nhưng không nêu tên chỉ tiêu còn lại.",
    ),
]


def load(stdout=None):
    movement = Movement.objects.get(commune__name=COMMUNE_NAME, year=2022)
    units = {u.name: u for u in Unit.objects.filter(commune__name=COMMUNE_NAME)}
    for order, row in enumerate(TARGETS_2022, 1):
        name, unit, direction, plan, actual, achieved, key, responsible, note = row
        upsert(
            Target,
            {"movement": movement, "name": name},
            {
                "order": order,
                "unit_of_measure": unit,
                "direction": direction,
                "plan_value": plan,
                "actual_value": actual,
                "achieved": achieved,
                "is_key": key,
                "responsible_unit": units.get(responsible),
                "note": note,
            },
        )
