"""The year summary report (page, PDF, xlsx) and the admin home page at 10,000 rows:
median time of each, beside the same figures at 100 rows in the same run.

    .venv/bin/python bench/reports.py [--small 100] [--large 10000] [--repeat 5]
"""

import argparse
import statistics
import time

from _setup import machine, start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    vendor = start()
    from _data import make
    from django.test import Client

    from targets import reports

    figures = {}
    for size in (args.small, args.large):
        movement, user = make(size)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        jobs = {
            "summary report page": lambda m=movement, c=client: c.get(
                f"/admin/targets/target/report/{m.year}/", secure=True
            ),
            "summary report xlsx": lambda m=movement: reports.as_xlsx(m),
            "summary report PDF": lambda m=movement: reports.as_pdf(m),
            "admin home (dashboard)": lambda m=movement, c=client: c.get(
                f"/admin/?year={m.year}", secure=True
            ),
        }
        for name, job in jobs.items():
            # A 10,000-target PDF takes about a minute: the median of three.
            large_pdf = "PDF" in name and size == args.large
            repeat = min(args.repeat, 3) if large_pdf else args.repeat
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                result = job()
                times.append((time.perf_counter() - started) * 1000)
                assert getattr(result, "status_code", 200) == 200, name
            figures[(name, size)] = statistics.median(times)
    print(
        f"machine: {machine()}, database: {vendor}, median of {args.repeat} runs "
        f"(the large PDF: of {min(args.repeat, 3)})"
    )
    for name in (
        "summary report page",
        "summary report xlsx",
        "summary report PDF",
        "admin home (dashboard)",
    ):
        large, small = figures[(name, args.large)], figures[(name, args.small)]
        print(
            f"{name:24s} {args.large:>6} rows: {large:8.1f} ms | "
            f"baseline {args.small} rows: {small:8.1f} ms | ratio {large / small:.1f}"
        )


if __name__ == "__main__":
    main()
