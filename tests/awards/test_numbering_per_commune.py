"""Decision numbers and register numbers (số sổ) run per commune and year: two communes
of one deployment each have their 1/QĐ-UBND and their register number 1, and the
migration keeps a single commune's numbers as they were."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import services
from awards.models import Commendation, Decision, RegisterCounter
from tests import factories
from tests.test_communes import MIGRATING, _latest, _migrate


def _decision(commune, number, names):
    movement = factories.MovementFactory(commune=commune, year=2023)
    decision = factories.DecisionFactory(
        movement=movement, number=number, signed_on=datetime.date(2023, 12, 20)
    )
    for name in names:
        factories.CommendationFactory(decision=decision, full_name=name)
    return decision


@pytest.mark.django_db
def test_each_commune_numbers_its_own_decisions_and_register():
    ham_liem = factories.CommuneFactory()
    ham_chinh = factories.CommuneFactory(name="Hàm Chính", chairman_name="Trần Chính")
    clerk_liem = factories.clerk(commune=ham_liem)
    clerk_chinh = factories.clerk(commune=ham_chinh)

    first = services.issue_decision(_decision(ham_liem, "1/QĐ-UBND", ["A", "B"]), clerk_liem)
    other = services.issue_decision(_decision(ham_chinh, "1/QĐ-UBND", ["C"]), clerk_chinh)
    second = services.issue_decision(_decision(ham_liem, "2/QĐ-UBND", ["D"]), clerk_liem)

    assert (first.number_commune, other.number_commune) == (ham_liem, ham_chinh)

    def register(decision):
        return sorted(decision.commendations.values_list("register_number", flat=True))

    assert (register(first), register(other), register(second)) == ([1, 2], [1], [3])
    assert set(Commendation.objects.values_list("register_commune", "register_year")) == {
        (ham_liem.pk, 2023),
        (ham_chinh.pk, 2023),
    }
    assert sorted(RegisterCounter.objects.values_list("commune", "year", "last_number")) == [
        (ham_liem.pk, 2023, 3),
        (ham_chinh.pk, 2023, 1),
    ]

    again = _decision(ham_chinh, "1/QĐ-UBND", ["E"])
    with pytest.raises(ValidationError) as refused:
        services.issue_decision(again, clerk_chinh)
    assert refused.value.messages == ["Số 1/QĐ-UBND đã dùng trong năm 2023."]
    again.refresh_from_db()
    assert again.is_draft and not again.commendations.filter(register_number__isnull=False)


@MIGRATING
def test_the_migration_keeps_every_number_in_its_commune():
    old = _migrate([("awards", "0019_fund_commune_required"), ("emulation", "0013_many_communes")])
    Commune = old.get_model("emulation", "Commune")
    commune = Commune.objects.create(name="Hàm Liêm", kind="xã", chairman_name="Nguyễn Minh")
    movement = old.get_model("emulation", "Movement").objects.create(
        commune=commune, year=2022, title="Năm 2022"
    )
    kind = old.get_model("awards", "AwardKind").objects.get(name="Giấy khen")
    decision = old.get_model("awards", "Decision").objects.create(
        movement=movement,
        number="15/QĐ-UBND",
        number_year=2023,
        signed_on=datetime.date(2023, 1, 17),
        status="issued",
    )
    draft = old.get_model("awards", "Decision").objects.create(movement=movement, number="")
    OldCommendation = old.get_model("awards", "Commendation")
    for number in (1, 2):
        OldCommendation.objects.create(
            decision=decision,
            award_kind=kind,
            full_name=f"Người {number}",
            register_year=2023,
            register_number=number,
            verification_code=f"code-{number}",
        )
    old.get_model("awards", "RegisterCounter").objects.create(year=2023, last_number=2)
    try:
        _migrate(_latest())

        issued = Decision.objects.get(pk=decision.pk)
        assert (issued.number, issued.number_year, issued.number_commune_id) == (
            "15/QĐ-UBND",
            2023,
            commune.pk,
        )
        assert Decision.objects.get(pk=draft.pk).number_commune is None
        assert sorted(
            Commendation.objects.values_list("register_commune", "register_year", "register_number")
        ) == [(commune.pk, 2023, 1), (commune.pk, 2023, 2)]
        assert list(RegisterCounter.objects.values_list("commune", "year", "last_number")) == [
            (commune.pk, 2023, 2)
        ]
        assert Commune.objects.count() == 1
    finally:
        _migrate(_latest())


@pytest.mark.django_db
def test_each_commune_has_its_own_register_and_hamlet_lists(client):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from awards import selectors

    ham_liem = factories.CommuneFactory()
    ham_chinh = factories.CommuneFactory(name="Hàm Chính", chairman_name="Trần Chính")
    clerk = factories.clerk(commune=ham_chinh)
    with pytest.raises(PermissionDenied):  # another commune's decision is not theirs to issue
        services.issue_decision(_decision(ham_liem, "1/QĐ-UBND", ["Người Hàm Liêm"]), clerk)
    services.issue_decision(
        _decision(ham_liem, "1/QĐ-UBND", ["Người Hàm Liêm"]), factories.clerk(commune=ham_liem)
    )
    services.issue_decision(_decision(ham_chinh, "1/QĐ-UBND", ["Người Hàm Chính"]), clerk)
    hamlet = factories.UnitFactory(commune=ham_chinh, name="Thôn Một")
    factories.UnitFactory(commune=ham_liem, name="Thôn Lâm Giang")

    client.force_login(clerk)
    url = reverse("admin:awards_register", args=[2023])
    response = client.get(url)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "ỦY BAN NHÂN DÂN XÃ HÀM CHÍNH"
    assert [row[:2] for row in rows[5:-1]] == [(1, "Ông Người Hàm Chính")]
    assert client.get(f"{url}?commune={ham_liem.pk}").status_code == 404
    assert client.get(f"{url}?commune={ham_chinh.pk}").status_code == 200

    movement = ham_chinh.movements.get(year=2023)
    assert [s.unit for s in selectors.hamlet_standing(movement)] == [hamlet]
    assert list(selectors.units_not_registered(movement)) == [hamlet]
