"""The home page as the clerk and a hamlet head see it, at desktop and phone width.

Its screenshots illustrate the user guide (scripts/screenshots writes them to docs/images).
"""

import pytest

from tests.e2e.conftest import E2E

pytestmark = E2E


@pytest.mark.parametrize("username, who", [("vanphong", "clerk"), ("thon.kuke", "hamlet-head")])
@pytest.mark.parametrize("width, device", [(1280, "desktop"), (390, "phone")])
def test_dashboard_tour(journey, username, who, width, device):
    view = journey(f"dashboard-{who}-{device}", width=width, height=900)
    view.login(username)
    view.go("/admin/?year=2023")
    text = view.text("#dashboard")
    if who == "clerk":
        assert "Chỉ tiêu kinh tế - xã hội năm 2023" in text
        assert "Thôn Ku Kê" in text and "Trả lại đơn vị" in text
        view.go("/admin/?year=2022")
        text = view.text("#dashboard")
        assert "10/11" in text and "03 tập thể và 09 cá nhân" in text
    else:
        assert "Thôn Ku Kê" in text and "Trả lại đơn vị" in text
        assert "Thôn Lâm Giang" not in text
    view.shot("home")
