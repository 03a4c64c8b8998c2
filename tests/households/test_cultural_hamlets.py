"""Thôn văn hóa: the movement's checklist as data, the share of households recognised
computed, the rest checked by the office with a note; the hamlets meeting all of it are
counted by the target and recognised in one decision with their certificates."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from pypdf import PdfReader

from awards import documents, services
from awards.models import (
    AwardKind,
    Commendation,
    Decision,
    HamletCheck,
    HamletCriterion,
    writing_frozen_records,
)
from awards.selectors import hamlet_standing
from targets.models import Target
from tests import factories
from tests.factories import (
    CommuneFactory,
    HouseholdFactory,
    MovementFactory,
    TargetFactory,
    UnitFactory,
)

Kind = HamletCriterion.Kind


class Commune:
    """2025. Lâm Giang: 4 of 5 households recognised (80 %); Ku Kê: 3 of 5 (60 %)."""

    def __init__(self):
        CommuneFactory()
        self.movement = MovementFactory(year=2025)
        self.a = UnitFactory(name="Thôn Lâm Giang", order=1)
        self.b = UnitFactory(name="Thôn Ku Kê", order=2)
        self.clerk = factories.clerk()
        self.leader = factories.leader()
        self.head = factories.hamlet_head(self.a, username="thon.lamgiang")
        kind = AwardKind.objects.get(name="Gia đình văn hóa")
        decision = Decision.objects.create(
            movement=self.movement, status="issued", signed_on=datetime.date(2025, 12, 1)
        )
        for unit, recognised in ((self.a, 4), (self.b, 3)):
            homes = [HouseholdFactory(unit=unit, head_name=f"Hộ {unit.pk}-{n}") for n in range(5)]
            with writing_frozen_records():
                for home in homes[:recognised]:
                    Commendation.objects.create(
                        decision=decision,
                        award_kind=kind,
                        recipient_type="household",
                        household=home,
                        unit=unit,
                        honorific="Ông",
                        full_name=home.head_name,
                    )
        self.share = HamletCriterion.objects.create(
            movement=self.movement,
            order=1,
            text="Từ 70% hộ đạt Gia đình văn hóa",
            kind=Kind.HOUSEHOLD_SHARE,
            threshold_percent=Decimal("70"),
        )
        self.order = HamletCriterion.objects.create(
            movement=self.movement, order=2, text="Giữ vững an ninh trật tự"
        )
        self.count = TargetFactory(
            movement=self.movement,
            name="Giữ chuẩn thôn văn hóa",
            unit_of_measure="thôn",
            plan_value=Decimal("2"),
            rollup=Target.Rollup.HAMLETS,
        )

    def standing(self):
        return {s.unit.name: s for s in hamlet_standing(self.movement)}


@pytest.fixture
def commune(db):
    return Commune()


def test_the_share_is_computed_and_the_rest_waits_for_the_office(commune):
    standing = commune.standing()
    a, b = standing["Thôn Lâm Giang"], standing["Thôn Ku Kê"]
    assert [(r.met, r.detail) for r in a.results] == [(True, "4/5 hộ (80%)"), (None, "")]
    assert [r.met for r in b.results] == [False, None]
    assert not a.meets and not b.meets
    commune.count.refresh_from_db()
    assert commune.count.actual_value == 0


def test_the_office_checks_with_notes_and_the_target_counts(commune):
    client = Client()
    client.force_login(commune.clerk)
    url = "/admin/awards/hamletcriterion/standing/2025/"
    key_a, key_b = f"{commune.order.pk}-{commune.a.pk}", f"{commune.order.pk}-{commune.b.pk}"
    response = client.post(
        url,
        {
            "check": [key_a, key_b],
            f"met-{key_a}": "yes",
            f"note-{key_a}": "Không có vụ việc phức tạp",
            f"met-{key_b}": "no",
            f"note-{key_b}": "Còn 01 vụ trộm chưa xử lý",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã lưu: 2 mục chấm thay đổi." in page
    assert "1/2 thôn đạt đủ các tiêu chí." in page
    check = HamletCheck.objects.get(criterion=commune.order, unit=commune.b)
    assert (check.met, check.note) == (False, "Còn 01 vụ trộm chưa xử lý")
    assert commune.standing()["Thôn Lâm Giang"].meets
    commune.count.refresh_from_db()
    assert commune.count.actual_value == 1
    commune.count.unit_of_measure = "%"
    commune.count.save()
    assert commune.count.actual_value == 50
    # A computed criterion is not the office's to tick: a forged line changes nothing.
    forged = f"{commune.share.pk}-{commune.b.pk}"
    page = client.post(url, {"check": [forged], f"met-{forged}": "yes"}, follow=True)
    assert "Có dòng không thuộc bảng tiêu chí này" in page.content.decode()
    assert not HamletCheck.objects.filter(criterion=commune.share).exists()


def test_only_the_office_checks_and_a_hamlet_head_sees_nothing(commune):
    key = f"{commune.order.pk}-{commune.a.pk}"
    with pytest.raises(PermissionDenied):
        services.record_hamlet_checks(commune.movement, commune.leader, {(1, 1): (True, "")})
    leader = Client()
    leader.force_login(commune.leader)
    url = "/admin/awards/hamletcriterion/standing/2025/"
    page = leader.get(url).content.decode()
    assert "Thôn Lâm Giang" in page and f'name="met-{key}"' not in page
    leader.post(url, {"check": [key], f"met-{key}": "yes"})
    assert not HamletCheck.objects.exists()
    head = Client()
    head.force_login(commune.head)
    assert head.get(url).status_code == 403


def _pages(content):
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def test_the_hamlets_meeting_the_checklist_are_recognised_with_certificates(commune):
    services.record_hamlet_checks(
        commune.movement, commune.clerk, {(commune.order.pk, commune.a.pk): (True, "")}
    )
    decision = services.propose_hamlet_decision(commune.movement, commune.clerk)
    assert [c.name for c in decision.commendations.all()] == ["Thôn Lâm Giang"]
    decision.number, decision.signed_on = "40/QĐ-UBND", datetime.date(2025, 12, 20)
    decision.save()
    services.issue_decision(decision, commune.clerk)
    decision.refresh_from_db()
    text = _pages(documents.certificates_pdf(decision))[0]
    for expected in ["GIẤY CÔNG NHẬN", "THÔN VĂN HÓA", "Năm 2025", "Thôn Lâm Giang"]:
        assert expected in text, expected
    assert "TẶNG" not in text
    body = " ".join(_pages(documents.decision_pdf(decision)))
    assert "Về việc công nhận danh hiệu Thôn văn hóa năm 2025" in body
    assert "Công nhận danh hiệu Thôn văn hóa năm 2025 cho 01 tập thể" in body
