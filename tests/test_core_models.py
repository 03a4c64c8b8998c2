import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from emulation.models import Commune, Movement
from tests.factories import CommuneFactory, MovementFactory


@pytest.mark.django_db
def test_the_current_commune_is_the_only_one(client):
    from tests import factories

    first = CommuneFactory()
    assert Commune.current() == first
    # No page adds a second commune yet (the data are ready for several, not every path).
    client.force_login(factories.clerk())
    assert client.get("/admin/emulation/commune/add/").status_code == 403
    second = CommuneFactory(name="Hàm Chính")
    assert Commune.current() is None  # several: a row's commune comes from its maker
    first.chairman_name = "Nguyễn Văn Mới"
    first.full_clean()
    first.save()
    assert {str(c) for c in Commune.objects.all()} == {"xã Hàm Liêm", "xã Hàm Chính"}
    second.full_clean()


@pytest.mark.django_db
def test_commune_current_is_none_before_setup():
    assert Commune.current() is None


@pytest.mark.django_db
def test_commune_names():
    commune = CommuneFactory()
    assert str(commune) == "xã Hàm Liêm"
    assert commune.authority_title.upper() == "ỦY BAN NHÂN DÂN XÃ HÀM LIÊM"


@pytest.mark.django_db
def test_movement_year_unique_and_dates_ordered():
    MovementFactory(year=2022)
    with pytest.raises(IntegrityError), transaction.atomic():
        Movement.objects.create(year=2022, title="again")
    bad = Movement(
        year=2030,
        title="x",
        launched_on=datetime.date(2030, 5, 1),
        summarised_on=datetime.date(2030, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "không thể trước ngày phát động" in str(excinfo.value)
    with pytest.raises(ValidationError):
        Movement(year=1999, title="x").full_clean()


@pytest.mark.django_db
def test_current_movement_is_the_newest():
    MovementFactory(year=2022)
    MovementFactory(year=2023)
    assert Movement.objects.current().year == 2023
