"""The clerk gives a new hamlet head a login and the head uses it, in a real browser."""

from tests.e2e.conftest import E2E

pytestmark = E2E


def test_clerk_creates_an_account_and_the_head_logs_in_with_the_slip(journey):
    clerk = journey("clerk-account")
    clerk.login("vanphong")
    clerk.go("/admin/emulation/unitaccount/add/")
    clerk.page.fill("#id_username", "thon.lamthuan2")
    clerk.page.fill("#id_full_name", "Trần Thị Mai")
    clerk.page.select_option("#id_unit", label="Thôn Lâm Thuận")
    clerk.shot("new account")
    clerk.page.click("#unitaccount_form input[type=submit]")
    clerk.page.wait_for_selector("#handover-slip")
    password = clerk.page.inner_text("#handover-password").strip()
    assert "Trần Thị Mai" in clerk.text("#handover-slip")
    clerk.shot("handover slip")

    head = journey("new-head", width=390, height=844)
    head.login("thon.lamthuan2", password)
    assert "XIN CHÀO, TRẦN THỊ MAI" in head.text().upper()
    assert "Công việc của Thôn Lâm Thuận" in head.text()
    head.shot("first login")
