"""The seed story's core rows: UBND xã Hàm Liêm, its units, movements and demo accounts.

Hamlet names and every person other than the chairman and the Party secretary are
invented for the demo (the article names neither); no real persons are meant.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from simple_history.utils import bulk_create_with_history

from .models import Commune, Household, Movement, Unit
from .roles import CLERK, HAMLET_HEAD, LEADER, ensure_roles

DEMO_PASSWORD = "HamLiem2023!"
# The story's commune; every demo lookup names it (load_demo adds a second one beside it).
COMMUNE_NAME = "Hàm Liêm"
CLERK_USERNAME = "vanphong"
LEADER_USERNAME = "lanhdao"

DEPARTMENTS = [
    ("Văn phòng - Thống kê", "Lê Thị Thu"),
    ("Địa chính - Xây dựng", "Phạm Văn Tài"),
    ("Tài chính - Kế toán", "Nguyễn Thị Hạnh"),
    ("Văn hóa - Xã hội", "Trần Thị Mai"),
    ("Tư pháp - Hộ tịch", "Võ Văn Long"),
    ("Công an xã", "Đặng Văn Quang"),
    ("Ban Chỉ huy Quân sự xã", "Huỳnh Văn Sơn"),
]
ORGANISATIONS = [
    ("Ủy ban MTTQVN xã", "Nguyễn Văn Bình"),
    ("Hội Liên hiệp Phụ nữ xã", "Lê Thị Hoa"),
    ("Hội Nông dân xã", "Trương Văn Lợi"),
    ("Hội Cựu chiến binh xã", "Phan Văn Hải"),
    ("Đoàn Thanh niên xã", "Ngô Minh Tuấn"),
]
# (unit name, head, login): six hamlets, as the article counts ("giữ chuẩn TVH: 6 thôn").
HAMLETS = [
    ("Thôn Lâm Giang", "Nguyễn Văn An", "thon.lamgiang"),
    ("Thôn Ku Kê", "Trần Văn Hùng", "thon.kuke"),
    ("Thôn Dân Hòa", "Lê Văn Phúc", "thon.danhoa"),
    ("Thôn Lâm Hòa", "Phạm Thị Lan", "thon.lamhoa"),
    ("Thôn Lâm Thuận", "Hồ Văn Dũng", "thon.lamthuan"),
    ("Thôn Dân Thuận", "Đỗ Văn Nam", "thon.danthuan"),
]


def upsert(model, lookup, defaults):
    """update_or_create that writes only when something differs.

    Running the demo again then leaves every row, and its change history, as it was.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, defaults[name])
    if changed:
        obj.save()
    return obj


def _account(username, first_name, last_name, group):
    user = upsert(
        get_user_model(),
        {"username": username},
        {"first_name": first_name, "last_name": last_name, "is_staff": True, "is_active": True},
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.set([group])
    return user


def _split_name(full_name):
    family, _sep, given = full_name.rpartition(" ")
    return given, family


def load(stdout=None):
    ensure_roles()
    groups = {g.name: g for g in Group.objects.filter(name__in=[CLERK, LEADER, HAMLET_HEAD])}

    commune = upsert(
        Commune,
        {"name": COMMUNE_NAME},
        {
            "kind": "xã",
            "district": "Hàm Thuận Bắc",
            "province": "Bình Thuận",
            "chairman_name": "Nguyễn Quang Minh",
            "address": "Xã Hàm Liêm, huyện Hàm Thuận Bắc, tỉnh Bình Thuận",
        },
    )

    order = 0
    for kind, rows in (
        (Unit.Kind.DEPARTMENT, DEPARTMENTS),
        (Unit.Kind.ORGANISATION, ORGANISATIONS),
    ):
        for name, head in rows:
            order += 10
            upsert(
                Unit,
                {"commune": commune, "name": name},
                {"kind": kind, "head_name": head, "order": order},
            )
    for name, head, username in HAMLETS:
        order += 10
        unit = upsert(
            Unit,
            {"commune": commune, "name": name},
            {"kind": Unit.Kind.HAMLET, "head_name": head, "order": order},
        )
        unit.users.set([_account(username, *_split_name(head), groups[HAMLET_HEAD])])
        _households(unit)

    commune.users.add(
        _account(CLERK_USERNAME, "Thu", "Lê Thị", groups[CLERK]),
        _account(LEADER_USERNAME, "Minh", "Nguyễn Quang", groups[LEADER]),
    )

    upsert(
        Movement,
        {"commune": commune, "year": 2022},
        {
            "title": "Phong trào thi đua năm 2022",
            "launched_on": datetime.date(2022, 1, 14),
            "summarised_on": datetime.date(2023, 1, 17),
            "notes": "Hội nghị tổng kết chiều 17/01/2023 tại Hội trường Nhà văn hóa xã.",
        },
    )
    upsert(
        Movement,
        {"commune": commune, "year": 2023},
        {
            "title": "Phong trào thi đua năm 2023",
            "launched_on": datetime.date(2023, 1, 17),
            "summarised_on": None,
        },
    )


# Invented names for the demo households (no real persons): family, middle, given.
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
MIDDLE_NAMES = {"Ông": ["Văn", "Hữu", "Minh", "Công", "Đức"], "Bà": ["Thị", "Thị", "Ngọc"]}
GIVEN_NAMES = {
    "Ông": [
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khoa",
        "Long",
        "Nam",
        "Phúc",
        "Quang",
        "Sơn",
        "Tài",
        "Thắng",
        "Toàn",
        "Trung",
        "Tuấn",
        "Việt",
    ],
    "Bà": [
        "Ánh",
        "Châu",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Liên",
        "Mai",
        "Nga",
        "Oanh",
        "Phượng",
        "Thảo",
        "Thu",
        "Trang",
        "Xuân",
        "Yến",
    ],
}


def _households(unit):
    """80–150 invented households per hamlet, the same on every run (seeded by the
    hamlet's name); added once, left alone after."""
    if unit.households.exists():
        return
    rng = random.Random(unit.name)
    hamlet = unit.name.removeprefix("Thôn ").strip()
    wanted = rng.randint(80, 150)
    rows, seen = [], set()
    while len(rows) < wanted:
        honorific = "Bà" if rng.random() < 0.3 else "Ông"
        name = " ".join(
            [
                rng.choice(FAMILY_NAMES),
                rng.choice(MIDDLE_NAMES[honorific]),
                rng.choice(GIVEN_NAMES[honorific]),
            ]
        )
        address = f"Tổ {rng.randint(1, 6)}, thôn {hamlet}"
        if (name, address) in seen:
            continue
        seen.add((name, address))
        rows.append(Household(unit=unit, honorific=honorific, head_name=name, address=address))
        rows[-1].fill_search_key()
    bulk_create_with_history(rows, Household)


def print_logins(stdout, url="http://127.0.0.1:8000/admin/"):
    stdout.write(f"Thi đua is ready at {url}")
    stdout.write(f"  Văn phòng (clerk):   username: {CLERK_USERNAME} password: {DEMO_PASSWORD}")
    stdout.write(f"  Lãnh đạo (leader):   username: {LEADER_USERNAME} password: {DEMO_PASSWORD}")
    for name, _head, username in HAMLETS:
        stdout.write(f"  Trưởng thôn, {name}: username: {username} password: {DEMO_PASSWORD}")
    stdout.write("  (Hamlet names and people other than the chairman are demo data.)")
    stdout.write(
        f"  A second demo commune, Hàm Chính: username: vanphong.hamchinh password: {DEMO_PASSWORD}"
    )
    stdout.write(
        f"  Tỉnh (province, reads every commune): username: tinh password: {DEMO_PASSWORD}"
    )
