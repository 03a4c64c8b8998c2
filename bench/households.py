"""Households at scale: a commune of 3,000 households, one hamlet of 600.

Measures the hamlet head's household page (600 households, 50 to a page), proposing and
issuing the recognition of every passing household, and the Giấy công nhận batch: ms
per page against the Giấy khen batch of the same run (target ratio ≤ 1.5), and the
memory the batch takes (tracemalloc peak) against one render's worth of pages, which
rendering in batches keeps it to.

    .venv/bin/python bench/households.py [--households 3000] [--big 600] [--repeat 5]
"""

import argparse
import datetime
import random
import statistics
import time
import tracemalloc

from _setup import machine, start

NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Huỳnh", "Bùi", "Đặng"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Hữu Đức", "Minh Hải", "Thị Lan"]


def median_ms(job, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--big", type=int, default=600, help="households of the big hamlet")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    vendor = start()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from simple_history.utils import bulk_create_with_history

    from awards import documents, services
    from awards.models import AwardKind, Commendation, Decision, HouseholdReview
    from emulation.models import Commune, Household, Movement, Unit
    from emulation.roles import CLERK, HAMLET_HEAD

    rng = random.Random(2023)
    Commune.objects.get_or_create(name="Hàm Liêm", defaults={"chairman_name": "Nguyễn Quang Minh"})
    movement, _ = Movement.objects.get_or_create(year=2023, defaults={"title": "2023"})
    rest = args.households - args.big
    sizes = [args.big] + [rest // 5 + (1 if i < rest % 5 else 0) for i in range(5)]
    hamlets = [
        Unit.objects.create(name=f"Thôn Thử {n}", kind=Unit.Kind.HAMLET, order=n, head_name="Ông A")
        for n in range(6)
    ]
    for hamlet, size in zip(hamlets, sizes, strict=True):
        rows = []
        for i in range(size):
            row = Household(
                unit=hamlet,
                honorific=rng.choice(["Ông", "Bà"]),
                head_name=f"{rng.choice(NAMES)} {rng.choice(GIVEN)} {i}",
                address=f"Tổ {i % 9 + 1}, {hamlet.name.lower()}",
            )
            row.fill_search_key()
            rows.append(row)
        bulk_create_with_history(rows, Household)
    clerk = get_user_model().objects.create_user("vanphong", password="x" * 12, is_staff=True)
    clerk.groups.add(Group.objects.get(name=CLERK))
    heads = []
    for n, hamlet in enumerate(hamlets):
        head = get_user_model().objects.create_user(f"thon{n}", password="x" * 12, is_staff=True)
        head.groups.add(Group.objects.get(name=HAMLET_HEAD))
        hamlet.users.add(head)
        heads.append(head)

    started = time.perf_counter()
    reviews = []
    for hamlet, head in zip(hamlets, heads, strict=True):
        review = HouseholdReview.objects.create(
            movement=movement,
            unit=hamlet,
            meeting_on=datetime.date(2023, 11, 20),
            invited_count=60,
            present_count=50,
        )
        services.add_household_lines(review, head)
        services.record_household_lines(
            review,
            head,
            # Every household passes (30 of 50 present is 60 %): a batch of 3,000 certificates.
            {pk: (True, rng.randint(30, 50)) for pk in review.votes.values_list("pk", flat=True)},
        )
        reviews.append(services.submit_household_review(review, head))
    setup_s = time.perf_counter() - started

    # The hamlet head's page on the big hamlet (review still open for the POST).
    big = reviews[0]
    HouseholdReview.objects.filter(pk=big.pk).update(status="draft")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(heads[0])
    url = f"/admin/awards/householdreview/{big.pk}/households/"
    page_lines = list(big.votes.order_by("household__head_name", "household__address", "pk")[:50])
    post = {"line": [v.pk for v in page_lines]}
    for vote in page_lines:
        post[f"registered-{vote.pk}"] = "on"
        post[f"votes-{vote.pk}"] = str(vote.votes_for)
    pages = {
        "first page (50 of the hamlet's households)": lambda: client.get(url, secure=True),
        "a search (without diacritics)": lambda: client.get(url + "?q=nguyen+van", secure=True),
        "the last page": lambda: client.get(url + f"?page={args.big // 50}", secure=True),
        "filter: passing": lambda: client.get(url + "?show=passing", secure=True),
        "save a page of 50 (ticks and votes)": lambda: client.post(url, post, secure=True),
    }
    page_figures = []
    for label, job in pages.items():
        response = job()
        # A page answers 200; the save redirects back to the page it saved.
        assert response.status_code == (302 if label.startswith("save") else 200), label
        assert "login" not in response.get("Location", ""), label
        with CaptureQueriesContext(connection) as queries:
            job()
        count = len(queries)  # read now: the next request's new connection clears the log
        page_figures.append((label, median_ms(job, args.repeat), count))
    HouseholdReview.objects.filter(pk=big.pk).update(status="submitted")
    for review in reviews:
        services.approve_household_review(review, clerk)
        review.refresh_from_db()
        review.posted_from = datetime.date(2023, 11, 24)
        review.save()

    started = time.perf_counter()
    decision = services.propose_household_decision(movement, clerk)
    propose_s = time.perf_counter() - started
    decision.number, decision.signed_on = "98/QĐ-UBND", datetime.date(2023, 12, 8)
    decision.save()
    started = time.perf_counter()
    services.issue_decision(decision, clerk)
    issue_s = time.perf_counter() - started
    recognised = decision.commendations.count()

    # Baseline: the Giấy khen batch of 200 recipients, ms per page, in the same run.
    giay_khen = Decision.objects.create(
        number="15/QĐ-UBND",
        signed_on=datetime.date(2023, 1, 17),
        movement=movement,
        signer_name="Nguyễn Quang Minh",
    )
    kind = AwardKind.objects.get(name="Giấy khen")
    Commendation.objects.bulk_create(
        Commendation(
            decision=giay_khen,
            award_kind=kind,
            honorific="Ông",
            full_name=f"Nguyễn Văn Thử {i}",
            position="Trưởng thôn",
            order=i,
        )
        for i in range(1, 201)
    )
    services.issue_decision(giay_khen, clerk)
    baseline_ms = median_ms(lambda: documents.certificates_pdf(giay_khen), 3) / 200

    started = time.perf_counter()
    content = documents.certificates_pdf(decision)
    batch_s = time.perf_counter() - started
    household_ms = batch_s * 1000 / recognised

    # Memory: the batch against one render's worth of pages (tracemalloc peaks).
    one = list(decision.commendations.order_by("register_number")[: documents.PAGES_PER_RENDER])
    two = list(decision.commendations.order_by("register_number")[: 2 * len(one)])
    tracemalloc.start()
    documents.certificates_pdf(decision, one)
    one_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    documents.certificates_pdf(decision)
    all_peak = tracemalloc.get_traced_memory()[1]
    # For comparison: twice the pages laid out by a single render, as before batches.
    batch_size, documents.PAGES_PER_RENDER = documents.PAGES_PER_RENDER, len(two)
    tracemalloc.reset_peak()
    documents.certificates_pdf(decision, two)
    single_peak = tracemalloc.get_traced_memory()[1]
    documents.PAGES_PER_RENDER = batch_size
    tracemalloc.stop()

    ratio = household_ms / baseline_ms
    print(
        f"machine: {machine()}, database: {vendor}, households: {args.households} "
        f"(big hamlet {args.big}), runs: {args.repeat} (median)"
    )
    print(f"setup through the services (6 reviews recorded, submitted): {setup_s:.1f} s")
    print(f"hamlet head's page, {args.big} households:")
    for label, ms, queries in page_figures:
        print(f"  {label:42} {ms:7.1f} ms  {queries} queries")
    print(f"propose_household_decision, {recognised} households: {propose_s:.2f} s")
    print(f"issue_decision, {recognised} register numbers and codes: {issue_s:.2f} s")
    print(
        f"Giấy công nhận batch: {recognised} pages in {batch_s:.1f} s = "
        f"{household_ms:.1f} ms/page, {len(content) / 1e6:.1f} MB"
    )
    print(f"baseline: Giấy khen batch of 200, {baseline_ms:.1f} ms/page")
    print(f"ratio: {ratio:.2f} (target <= 1.5) -> {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    print(
        f"memory (tracemalloc peak): whole batch {all_peak / 1e6:.0f} MB, one render of "
        f"{len(one)} pages {one_peak / 1e6:.0f} MB (ratio {all_peak / one_peak:.2f})"
    )
    batched = (all_peak - one_peak) / (recognised - len(one)) / 1e3
    single = (single_peak - one_peak) / (len(two) - len(one)) / 1e3
    print(
        f"memory per page beyond one render: batched {batched:.0f} KB (the joined PDF's "
        f"pages), one render {single:.0f} KB ({len(two)} pages in one render: "
        f"{single_peak / 1e6:.0f} MB)"
    )


if __name__ == "__main__":
    main()
