"""Reference data a commune needed on day one, as it was when this migration was written
(later migrations add to it; awards/reference.py holds today's)."""

import datetime

from django.db import migrations

BASE_SALARIES = [
    (datetime.date(2019, 7, 1), 1490000, "Nghị định số 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1800000, "Nghị định số 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2340000, "Nghị định số 73/2024/NĐ-CP"),
]

LOCAL_GOVERNMENT = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
    "22 tháng 11 năm 2019;"
)
LEGAL_BASES = [
    (
        datetime.date(2017, 9, 15),
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
        datetime.date(2024, 1, 1),
        "\n".join(
            [
                LOCAL_GOVERNMENT,
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy "
                "định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            ]
        ),
    ),
]




def load(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    LegalBasis = apps.get_model("awards", "LegalBasis")
    for day, amount, source in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            effective_from=day, defaults={"amount": amount, "legal_source": source}
        )
    for day, text in LEGAL_BASES:
        LegalBasis.objects.get_or_create(effective_from=day, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
