"""Every admin page of the demo, as each role, in the browser of that role's day.

The clerk and the leader work at a 1366 × 768 laptop, a hamlet head on a 390 × 844
phone. Starting from the home page the test follows every link inside the admin (one
page per route shape: /pledge/12/change/ stands for every pledge's change page) and fails
when a page scrolls sideways, when an English string shows, or when a number shows
trailing zeros ("99,5000").
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.e2e.conftest import E2E
from tests.home.test_untranslated import ENGLISH, _msgids

pytestmark = E2E

# A decimal comma followed by digits ending in 0: "99,50", "4,0000", "5.018,6000".
TRAILING_ZEROS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d*0(?![\d,.])")
# Links a crawl must not follow: leaving, downloads, actions that change state.
NOT_PAGES = re.compile(
    r"/logout/|format=(pdf|xlsx)|\.pdf|\.xlsx|/certificates/|/document/|/backup/|"
    r"/issue/|/revoke/|/delete/|/reopen/|/approve/|/submit/|/sign/|/return/|_popup=|"
    r"/r/\d+/"
)
# Boxes that scroll sideways inside a page that itself fits (Django's changelist table).
SIDEWAYS_BOXES = """
[...document.querySelectorAll('body *')].filter(e => {
  const x = getComputedStyle(e).overflowX;
  return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
}).map(e => (e.id || e.className || e.tagName) + ' ' + e.scrollWidth + '>' + e.clientWidth)
"""
ROLES = [
    ("vanphong", 1366, 768),
    ("lanhdao", 1366, 768),
    ("thon.lamthuan", 390, 844),
]


def _shape(path):
    return re.sub(r"/\d+/", "/N/", path)


def _crawl(view, limit=160):
    """{url: problems} for every admin page reachable by links from the home page."""
    seen_shapes = set()
    queue = [("/admin/", None), ("/admin/?year=2022", None)]
    problems = {}
    visited = 0
    msgids = _msgids()
    while queue and visited < limit:
        url, came_from = queue.pop(0)
        # Downloads (PDF, xlsx) are checked by their own tests; only pages are walked.
        head = view.context.request.get(view.url + url, max_redirects=0)
        if head.status == 200 and not head.headers["content-type"].startswith("text/html"):
            continue
        response = view.go(url)
        visited += 1
        if response is None or response.status != 200:
            status = response.status if response else None
            problems[url] = [f"status {status}, linked from {came_from}"]
            continue
        found = []
        width = view.page.evaluate("document.documentElement.scrollWidth")
        if width > view.width:
            found.append(f"{width} px wide")
        scrolled = view.page.evaluate(SIDEWAYS_BOXES)
        if scrolled:
            found.append(f"sideways scroll inside: {scrolled[:3]}")
        text = (
            view.page.inner_text("body")
            + " "
            + " ".join(
                view.page.eval_on_selector_all(
                    "input[type=text]:not([hidden]), input[type=number]",
                    "els => els.map(e => e.value)",
                )
            )
        )
        match = ENGLISH.search(text)
        if match:
            found.append("English: " + text[max(0, match.start() - 40) : match.end() + 40])
        left = [m for m in msgids if re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text)]
        if left:
            found.append(f"untranslated: {left[:3]}")
        zeros = TRAILING_ZEROS.findall(text)
        if zeros:
            found.append(f"trailing zeros: {zeros[:5]}")
        if found:
            problems[url] = found
        hrefs = view.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(urljoin(view.url + url, href))
            if not parts.path.startswith("/admin/") or NOT_PAGES.search(href):
                continue
            # Filters and orderings of a list are the same page; a year is another movement.
            year = re.fullmatch(r"year=\d+", parts.query)
            target = parts.path + (f"?{parts.query}" if year else "")
            shape = _shape(target)
            if shape not in seen_shapes:
                seen_shapes.add(shape)
                queue.append((target, url))
    return problems, visited


@pytest.mark.parametrize("username, width, height", ROLES)
def test_every_page_fits_and_speaks_vietnamese(journey, username, width, height):
    view = journey(f"fit-{username}", width=width, height=height)
    view.width = width
    view.login(username)
    problems, visited = _crawl(view)
    assert visited >= (30 if width > 1000 else 4)
    if username == "vanphong":
        # A decision with recipients being added, and a new pledge with items being added.
        for page in ("/admin/awards/decision/add/", "/admin/pledges/pledge/add/"):
            view.go(page)
            for _ in range(3):
                view.page.click(".add-row a")
            wide = view.page.evaluate("document.documentElement.scrollWidth")
            scrolled = view.page.evaluate(SIDEWAYS_BOXES)
            if wide > width or scrolled:
                problems[page + " with rows added"] = [f"{wide} px wide", scrolled]
        # The largest value an input takes is seen whole (a base salary in đồng).
        view.go("/admin/awards/basesalary/add/")
        view.page.fill("#id_amount", "2340000")
        hidden = view.page.evaluate(
            "(() => { const e = document.querySelector('#id_amount');"
            " return e.scrollWidth > e.clientWidth; })()"
        )
        if hidden:
            problems["/admin/awards/basesalary/add/"] = ["2340000 does not fit its input"]
    assert not problems, "\n".join(f"{url}: {p}" for url, p in problems.items())
