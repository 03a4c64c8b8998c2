"""Admin changelists of targets, pledge items and commendations at 100 and 10,000 rows:
query count (must be equal) and median response time through Django's test client
(target < 300 ms at 10,000 rows), each beside the 100-row figure of the same run.

    .venv/bin/python bench/admin_pages.py [--small 100] [--large 10000] [--repeat 7]
"""

import argparse

from _setup import machine, measure, start

# Each list opened on the movement's year, as its year filter links do (a list accepts
# only the lookups of its own filters).
PAGES = {
    "targets": "/admin/targets/target/?year={y}",
    "pledge items": "/admin/pledges/pledgeitem/?year={y}",
    "commendations": "/admin/awards/commendation/?year={y}",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    vendor = start()
    from _data import make
    from django.test import Client

    figures = {}
    for size in (args.small, args.large):
        movement, user = make(size)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for name, url in PAGES.items():
            figures[(name, size)] = measure(client, url.format(y=movement.year), args.repeat)
    print(f"machine: {machine()}, database: {vendor}, median of {args.repeat} requests")
    ok = True
    for name in PAGES:
        small_ms, small_q = figures[(name, args.small)]
        large_ms, large_q = figures[(name, args.large)]
        good = small_q == large_q and large_ms < 300
        ok &= good
        print(
            f"{name:14s} {args.large:>6} rows: {large_ms:6.1f} ms, {large_q} queries | "
            f"baseline {args.small} rows: {small_ms:6.1f} ms, {small_q} queries | "
            f"ratio {large_ms / small_ms:.2f} | {'OK' if good else 'OVER TARGET'}"
        )
    print(
        "targets: equal query counts, < 300 ms at the large size ->", "OK" if ok else "OVER TARGET"
    )


if __name__ == "__main__":
    main()
