"""Certificates: ms per certificate for a 200-recipient decision, against a bare WeasyPrint
render of the same number of plain pages in the same run (target ratio ≤ 1.5).

    .venv/bin/python bench/certificates.py [--recipients 200] [--repeat 3]
"""

import argparse
import random
import statistics
import time

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    vendor = start()

    import datetime

    from django.contrib.auth import get_user_model

    from awards.documents import certificates_pdf
    from awards.models import AwardKind, Commendation, Decision
    from awards.services import issue_decision
    from emulation.models import Commune, Movement
    from emulation.pdf import FONT_FACE_CSS, FONT_FAMILY, html_to_pdf

    rng = random.Random(2023)
    Commune.objects.get_or_create(name="Hàm Liêm", defaults={"chairman_name": "Nguyễn Quang Minh"})
    movement, _ = Movement.objects.get_or_create(year=2022, defaults={"title": "2022"})
    kind = AwardKind.objects.get(name="Giấy khen")  # seeded with its dated rules
    decision = Decision.objects.create(
        number=f"{rng.randint(100, 999)}/QĐ-UBND",
        signed_on=datetime.date(2023, 1, 17),
        movement=movement,
        signer_name="Nguyễn Quang Minh",
    )
    families, given = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ"], ["An", "Bình", "Cường", "Dũng"]
    Commendation.objects.bulk_create(
        Commendation(
            decision=decision,
            award_kind=kind,
            honorific=rng.choice(["Ông", "Bà"]),
            full_name=f"{rng.choice(families)} Văn {rng.choice(given)} {i}",
            position="Trưởng thôn",
            order=i,
            bonus_amount=450000,
        )
        for i in range(args.recipients)
    )
    user = get_user_model().objects.create_superuser("bench", password="x" * 12)
    issue_decision(decision, user)

    # Baseline: WeasyPrint alone on a static document of the same pages — the certificate
    # markup and styles with the text already filled in and no QR codes — so the ratio is
    # what the project adds (database, templates, QR codes) to the render it cannot avoid.
    from django.template.loader import render_to_string

    from awards.documents import _common

    pages = [{"line": line, "url": "", "qr": ""} for line in decision.commendations.all()]
    bare_html = render_to_string(
        "awards/certificates.html",
        {
            **_common(decision),
            "pages": pages,
            "font_face_css": FONT_FACE_CSS,
            "font_family": FONT_FAMILY,
        },
    )
    # For information: pages carrying the same lines of text, unstyled.
    texts = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÀM LIÊM",
        "TẶNG",
        "GIẤY KHEN",
        "Ông Nguyễn Văn An {i}",
        "Trưởng thôn",
        "Đã có thành tích xuất sắc trong thực hiện phong trào thi đua năm 2022",
        "Quyết định số: 15/QĐ-UBND, ngày 17/01/2023",
        "Số sổ: {i}",
        "AbCdEfGhIjKlMnOpQrStUv",
        "Hàm Liêm, ngày 17 tháng 01 năm 2023",
        "CHỦ TỊCH",
        "Nguyễn Quang Minh",
    ]
    plain_html = (
        f"<html><head><style>{FONT_FACE_CSS} @page {{ size: A4 landscape; }} body "
        f"{{ font-family: '{FONT_FAMILY}'; }}</style></head><body>"
        + "".join(
            '<div style="page-break-after: always">'
            + "".join(f"<p>{t.format(i=i)}</p>" for t in texts)
            + "</div>"
            for i in range(args.recipients)
        )
        + "</body></html>"
    )

    ours, bare, plain = [], [], []
    for _ in range(args.repeat):
        for timings, job in (
            (ours, lambda: certificates_pdf(decision)),
            (bare, lambda: html_to_pdf(bare_html)),
            (plain, lambda: html_to_pdf(plain_html)),
        ):
            started = time.perf_counter()
            job()
            timings.append(time.perf_counter() - started)

    def per_page(timings):
        return statistics.median(timings) / args.recipients * 1000

    ratio = per_page(ours) / per_page(bare)
    print(
        f"machine: {machine()}, database: {vendor}, recipients: {args.recipients}, "
        f"runs: {args.repeat} (median)"
    )
    print(f"certificates_pdf (one render, DB, QR codes):      {per_page(ours):6.1f} ms/certificate")
    print(f"baseline: bare WeasyPrint, same pages, static:    {per_page(bare):6.1f} ms/page")
    print(f"ratio: {ratio:.2f} (target <= 1.5) -> {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    print(f"(for information: unstyled pages of the same text {per_page(plain):6.1f} ms/page)")


if __name__ == "__main__":
    main()
