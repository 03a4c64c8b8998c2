"""Reference data a commune needs on day one; the clerk edits it in the admin.

Used by the data migration and by load_demo (which may run on an emptied database), so
the figures exist once. Rows already present are left as the clerk edited them.
"""

import datetime
from decimal import Decimal

D = datetime.date
# (in force from, amount, source, confirmed): DOMAIN.md "Money"; [to confirm] rows are
# seeded unconfirmed, so no money is paid from them until the clerk checks them.
BASE_SALARIES = [
    (D(2019, 7, 1), 1490000, "Nghị định số 38/2019/NĐ-CP", True),
    (D(2023, 7, 1), 1800000, "Nghị định số 24/2023/NĐ-CP", True),
    (D(2024, 7, 1), 2340000, "Nghị định số 73/2024/NĐ-CP", True),
    (D(2026, 7, 1), 2530000, "Nghị định số 161/2026/NĐ-CP (chưa kiểm chứng)", False),
]

ND91 = D(2017, 9, 15)  # Nghị định 91/2017/NĐ-CP in force
LAW_2022 = D(2024, 1, 1)  # Luật Thi đua, khen thưởng 2022 and Nghị định 98/2023
ND152 = D(2025, 7, 1)  # Nghị định 152/2025/NĐ-CP; two-level local government

# Award kinds: name, awarded to, prints a certificate, order.
KINDS = [
    ("Giấy khen", "both", True, 1),
    ("Lao động tiên tiến", "individual", False, 2),
    ("Chiến sĩ thi đua cơ sở", "individual", True, 3),
    ("Tập thể lao động tiên tiến", "collective", True, 4),
    ("Gia đình văn hóa", "household", True, 5),
    ("Giấy khen Gia đình văn hóa", "household", True, 6),
    ("Thôn văn hóa", "collective", True, 7),
    ("Tập thể lao động xuất sắc", "collective", True, 8),
]

# Titles a decision recognises (công nhận danh hiệu) and a Giấy công nhận proves.
TITLES = ["Gia đình văn hóa", "Thôn văn hóa"]

# Rules (DOMAIN.md "Award kinds and their dated rules"): kind, from, until, individual,
# collective, household coefficients, granted by the commune, source, confirmed.
# [high] and [medium] rows are confirmed; [to confirm] rows are not.
_ = None
RULES = [
    (
        "Giấy khen",
        ND91,
        D(2023, 12, 31),
        "0.15",
        "0.3",
        _,
        True,
        "Nghị định 91/2017/NĐ-CP Điều 73 khoản 1 điểm d, khoản 2 điểm b",
        True,
    ),
    (
        "Giấy khen",
        LAW_2022,
        D(2025, 6, 30),
        "0.15",
        "0.3",
        _,
        True,
        "Luật Thi đua, khen thưởng 2022 Điều 80 khoản 3; Nghị định 98/2023/NĐ-CP",
        True,
    ),
    (
        "Giấy khen",
        ND152,
        _,
        "0.3",
        "0.6",
        "0.45",
        True,
        "Nghị định 152/2025/NĐ-CP Điều 54 khoản 1 điểm e, khoản 2 điểm c, khoản 3",
        True,
    ),
    (
        "Lao động tiên tiến",
        ND91,
        D(2025, 6, 30),
        "0.3",
        _,
        _,
        True,
        "Nghị định 91/2017/NĐ-CP Điều 69",
        True,
    ),
    (
        "Lao động tiên tiến",
        ND152,
        _,
        "0.3",
        _,
        _,
        True,
        "Nghị định 152/2025/NĐ-CP Điều 50 khoản 1 điểm d",
        True,
    ),
    (
        "Chiến sĩ thi đua cơ sở",
        ND91,
        D(2025, 6, 30),
        _,
        _,
        _,
        False,
        "Thẩm quyền của cấp huyện trước 01/7/2025: chỉ đề nghị lên trên",
        True,
    ),
    (
        "Chiến sĩ thi đua cơ sở",
        ND152,
        _,
        "1.0",
        _,
        _,
        True,
        "Nghị định 152/2025/NĐ-CP Điều 50 khoản 1 điểm c; Nghị định 129/2025/NĐ-CP",
        True,
    ),
    (
        "Tập thể lao động tiên tiến",
        ND91,
        D(2025, 6, 30),
        _,
        _,
        _,
        False,
        "Thẩm quyền của cấp huyện trước 01/7/2025: chỉ đề nghị lên trên",
        True,
    ),
    (
        "Tập thể lao động tiên tiến",
        ND152,
        _,
        _,
        "0.8",
        _,
        True,
        "Nghị định 152/2025/NĐ-CP Điều 50 khoản 2 điểm b; Nghị định 129/2025/NĐ-CP",
        True,
    ),
    (
        "Gia đình văn hóa",
        ND91,
        _,
        _,
        _,
        "0",
        True,
        "Luật Thi đua, khen thưởng 2022 Điều 80 khoản 3: Giấy công nhận, không kèm tiền "
        "thưởng (Nghị định 152/2025/NĐ-CP Điều 50)",
        True,
    ),
    (
        "Giấy khen Gia đình văn hóa",
        ND91,
        D(2025, 6, 30),
        _,
        _,
        "0.225",
        True,
        "1,5 lần mức của cá nhân (chưa kiểm chứng trước 01/7/2025)",
        False,
    ),
    (
        "Giấy khen Gia đình văn hóa",
        ND152,
        _,
        _,
        _,
        "0.45",
        True,
        "Nghị định 152/2025/NĐ-CP Điều 54 khoản 3",
        True,
    ),
    (
        "Thôn văn hóa",
        ND91,
        D(2025, 6, 30),
        _,
        _,
        _,
        False,
        "Thẩm quyền của cấp huyện trước 01/7/2025: chỉ đề nghị lên trên",
        True,
    ),
    (
        "Thôn văn hóa",
        ND152,
        _,
        _,
        "1.5",
        _,
        True,
        "Nghị định 152/2025/NĐ-CP Điều 50 khoản 2 điểm d; Nghị định 129/2025/NĐ-CP",
        True,
    ),
    (
        "Tập thể lao động xuất sắc",
        ND91,
        _,
        _,
        "1.5",
        _,
        False,
        "Thẩm quyền của cấp tỉnh: chỉ đề nghị lên trên (Nghị định 152/2025/NĐ-CP Điều 50 "
        "khoản 2 điểm a; Điều 6 khoản 2)",
        True,
    ),
]

LOCAL_GOVERNMENT = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
    "22 tháng 11 năm 2019;"
)
LEGAL_BASES = [
    (
        ND91,
        "\n".join(
            [
                LOCAL_GOVERNMENT,
                "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ "
                "sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và "
                "ngày 16 tháng 11 năm 2013;",
                "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy "
                "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
    (
        LAW_2022,
        "\n".join(
            [
                LOCAL_GOVERNMENT,
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy "
                "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
    (
        ND152,
        "\n".join(
            [
                "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành "
                "một số điều của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
]


# The council's quorum and votes needed (awards.CouncilRule) are the province's to set
# (its quy chế thi đua, khen thưởng); the law gives no figure. Seeded unconfirmed, with
# the figures many provinces use (two thirds present; 70 % of all members in favour), so
# the clerk sets them from the province's text before any result is recorded.
COUNCIL_RULE_KINDS = [
    "Giấy khen",
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
]
COUNCIL_RULE = {
    "valid_from": ND91,
    "quorum_percent": Decimal("66.66"),
    "pass_percent": Decimal("70"),
    "pass_base": "members",
    "legal_source": "Chưa đặt: theo quy chế thi đua, khen thưởng của tỉnh (cần kiểm tra)",
    "confirmed": False,
}


def seed_council_rules(get_model):
    """One unconfirmed council rule per award kind the council votes on, where none is."""
    AwardKind = get_model("AwardKind")
    CouncilRule = get_model("CouncilRule")
    for kind in AwardKind.objects.filter(name__in=COUNCIL_RULE_KINDS):
        if not CouncilRule.objects.filter(award_kind=kind).exists():
            CouncilRule.objects.create(award_kind=kind, **COUNCIL_RULE)


# The titles' criteria the office checks a nomination against (awards.AwardCriterion):
# (award kind, in force from, text, how judged, the other title, source). The wording is a
# summary for the checklist; the clerk edits it to the text in force and the province's
# regulation where the law leaves the criteria to it.
LAW_2022_TITLES = "Luật Thi đua, khen thưởng 2022 (tiêu chuẩn danh hiệu)"
ND152_DISCIPLINE = "Nghị định 152/2025/NĐ-CP Điều 4"
AWARD_CRITERIA = [
    ("Lao động tiên tiến", ND91, "Đăng ký thi đua đầu năm", "registered", None, LAW_2022_TITLES),
    (
        "Lao động tiên tiến",
        ND91,
        "Hoàn thành tốt nhiệm vụ được giao; chấp hành tốt chủ trương, chính sách của Đảng, "
        "pháp luật của Nhà nước",
        "office",
        None,
        LAW_2022_TITLES,
    ),
    (
        "Chiến sĩ thi đua cơ sở",
        ND91,
        "Đăng ký thi đua đầu năm",
        "registered",
        None,
        LAW_2022_TITLES,
    ),
    (
        "Chiến sĩ thi đua cơ sở",
        ND91,
        "Đạt danh hiệu Lao động tiên tiến năm đó",
        "holds_title",
        "Lao động tiên tiến",
        LAW_2022_TITLES,
    ),
    (
        "Chiến sĩ thi đua cơ sở",
        ND91,
        "Có sáng kiến được công nhận, hoặc giải pháp, đề tài được áp dụng có hiệu quả",
        "office",
        None,
        LAW_2022_TITLES,
    ),
    (
        "Tập thể lao động tiên tiến",
        ND91,
        "Đăng ký thi đua đầu năm",
        "registered",
        None,
        LAW_2022_TITLES,
    ),
    (
        "Tập thể lao động tiên tiến",
        ND91,
        "Hoàn thành tốt nhiệm vụ; có trên 50 % cá nhân đạt danh hiệu Lao động tiên tiến; "
        "không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên",
        "office",
        None,
        LAW_2022_TITLES,
    ),
]
DISCIPLINE_CRITERION = (
    "Không đang trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra khi có dấu "
    "hiệu vi phạm"
)
DISCIPLINE_KINDS = [
    "Giấy khen",
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Tập thể lao động tiên tiến",
    "Tập thể lao động xuất sắc",
]


def seed_award_criteria(get_model):
    """The criteria above, for each award kind that has none yet."""
    AwardKind = get_model("AwardKind")
    AwardCriterion = get_model("AwardCriterion")
    kinds = {kind.name: kind for kind in AwardKind.objects.all()}
    rows = list(AWARD_CRITERIA) + [
        (name, ND152, DISCIPLINE_CRITERION, "office", None, ND152_DISCIPLINE)
        for name in DISCIPLINE_KINDS
    ]
    untouched = {
        name for name in kinds if not AwardCriterion.objects.filter(award_kind=kinds[name]).exists()
    }
    for order, (name, start, text, judged_by, title, source) in enumerate(rows, 1):
        if name not in untouched or (title and title not in kinds):
            continue
        AwardCriterion.objects.create(
            award_kind=kinds[name],
            valid_from=start,
            order=order,
            text=text,
            judged_by=judged_by,
            title=kinds[title] if title else None,
            legal_source=source,
        )


def _coefficient(value):
    return None if value is None else Decimal(value)


def mark_titles(AwardKind):
    """Set ``is_title`` on the seeded titles (a no-op before the migration adding it)."""
    if any(field.name == "is_title" for field in AwardKind._meta.fields):
        AwardKind.objects.filter(name__in=TITLES, is_title=False).update(is_title=True)


def seed(get_model):
    """Create what is missing; ``get_model(name)`` gives the awards model (the migration's
    historical one, or the real one)."""
    BaseSalary = get_model("BaseSalary")
    LegalBasis = get_model("LegalBasis")
    AwardKind = get_model("AwardKind")
    AwardRule = get_model("AwardRule")
    for day, amount, source, confirmed in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            effective_from=day,
            defaults={"amount": amount, "legal_source": source, "confirmed": confirmed},
        )
    for day, text in LEGAL_BASES:
        LegalBasis.objects.get_or_create(effective_from=day, defaults={"text": text})
    kinds = {}
    for name, recipients, prints, order in KINDS:
        kinds[name], _created = AwardKind.objects.get_or_create(
            name=name,
            defaults={"recipient_type": recipients, "prints_certificate": prints, "order": order},
        )
    mark_titles(AwardKind)
    for kind_name, start, end, one, group, household, granted, source, confirmed in RULES:
        kind = kinds[kind_name]
        if AwardRule.objects.filter(award_kind=kind, valid_from=start).exists():
            continue
        AwardRule.objects.create(
            award_kind=kind,
            valid_from=start,
            valid_to=end,
            individual_coefficient=_coefficient(one),
            collective_coefficient=_coefficient(group),
            household_coefficient=_coefficient(household),
            granted_by_commune=granted,
            legal_source=source,
            confirmed=confirmed,
        )
