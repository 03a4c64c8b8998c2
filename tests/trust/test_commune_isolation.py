"""Communes are isolated: every row's policy knows its commune, and an office account of
one commune sees and changes nothing of another's (the route walker proves the pages;
these prove the policies and the paths they follow)."""

import pytest
from django.apps import apps

from emulation.policy import policy_class_for, policy_for
from tests.trust.test_route_walker import Walk, _guarded_models

# Rows every commune shares: the law's data and Django's own accounts and groups.
SHARED = {
    "auth.Group",
    "auth.User",
    "awards.AwardKind",
    "awards.AwardRule",
    "awards.AwardCriterion",
    "awards.BaseSalary",
    "awards.CouncilRule",
    "awards.LegalBasis",
}
# A hamlet head's account reaches its commune through its units, many of them, which one
# path cannot follow: its policy scopes itself (UnitAccountPolicy._reachable).
# A background job is its asker's alone, whichever commune its work is about
# (BackgroundJobPolicy): the province's report is about none.
OWN_SCOPE = {"emulation.UnitAccount", "emulation.BackgroundJob"}


def _hops(model, path):
    """The fields a commune path goes through."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        yield field
        model = field.related_model


def test_every_model_knows_its_commune_by_required_links():
    for model in _guarded_models():
        path = policy_class_for(model).commune_route()
        label = model._meta.label
        if path is None:
            assert label in SHARED | OWN_SCOPE, f"{label} has no way to its commune"
            continue
        assert label not in SHARED, f"{label} is listed as shared but has a commune"
        if path == "":
            continue
        for field in _hops(model, path):
            # A link that may be empty would let a row slip out of every commune.
            assert not field.null, f"{label}: {path} goes through {field.name}, which may be empty"


def test_history_rows_follow_their_rows_commune():
    for model in apps.get_models():
        instance_type = getattr(model, "instance_type", None)
        if instance_type is None or model._meta.app_label not in {"emulation", "awards"}:
            continue
        path = policy_class_for(model).commune_route()
        base = policy_class_for(instance_type).commune_route()
        assert path == ("id" if base == "" else base), model._meta.label


@pytest.mark.django_db
def test_an_office_sees_none_of_another_communes_rows_and_all_of_its_own():
    world = Walk()
    own, other = world.roles["clerk"], world.roles["other_commune_clerk"]
    seen_across = []
    counted = 0
    for model in _guarded_models():
        policy_class = policy_class_for(model)
        path = policy_class.commune_route()
        if path is None:
            continue
        key = "pk__in" if path == "" else f"{path}__in"
        theirs = model._base_manager.filter(**{key: [world.commune.pk]})
        for row in theirs:
            counted += 1
            across = policy_for(other, row)
            if across.can_view() or across.can_change() or across.can_delete():
                seen_across.append(f"{model._meta.label} {row.pk}")
            if across.transitions():  # e.g. issuing another commune's draft decision
                seen_across.append(f"{model._meta.label} {row.pk}: {across.transitions()}")
            assert policy_for(own, row).can_view() or not policy_for(own, model).has_perm("view"), (
                f"the commune's own clerk cannot see {model._meta.label} {row.pk}"
            )
        visible = policy_for(other, model).scope(model._default_manager.all())
        assert not visible.filter(pk__in=theirs.values("pk")).exists(), model._meta.label
    assert counted > 50 and not seen_across, seen_across
    from emulation.models import UnitAccount

    head = UnitAccount.objects.get(pk=world.roles["own_head"].pk)
    assert policy_for(own, head).can_view() and not policy_for(other, head).can_view()
    assert not policy_for(other, UnitAccount).scope(UnitAccount.objects.filter(pk=head.pk))


@pytest.mark.django_db
def test_an_import_names_rows_of_the_importers_commune_only():
    """Both communes have "Thôn 1", a 2023 movement and a draft 1/QĐ-UBND: a file
    imported by one commune's clerk lands in that commune; a name only the other commune
    has is "not found", as if it did not exist."""
    from awards.models import Commendation
    from awards.resources import CommendationResource
    from emulation.imports import error_messages
    from emulation.models import Commune
    from targets.models import Target
    from targets.resources import TargetResource
    from tests import factories
    from tests.spreadsheets import csv_bytes, dataset_from

    ham_liem = factories.CommuneFactory()
    ham_chinh = Commune.objects.create(name="Hàm Chính", kind="xã", chairman_name="Trần Chính")
    clerk = factories.clerk(commune=ham_chinh)
    drafts = {}
    for commune in (ham_liem, ham_chinh):
        factories.UnitFactory(commune=commune, name="Thôn 1")
        movement = factories.MovementFactory(commune=commune, year=2023)
        drafts[commune] = factories.DecisionFactory(movement=movement, number="1/QĐ-UBND")
    factories.UnitFactory(commune=ham_liem, name="Thôn Lâm Giang")
    kind = factories.AwardKindFactory()

    def targets(unit):
        header = ["Năm", "STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Chỉ tiêu chủ yếu"]
        header.append("Đơn vị phụ trách")
        return csv_bytes([header, ["2023", "1", "Giảm hộ nghèo", "hộ", "5", "Có", unit]])

    result = TargetResource().import_data(dataset_from(targets("Thôn 1"), "csv"), user=clerk)
    assert error_messages(result) == []
    target = Target.objects.get()
    assert (target.movement.commune, target.responsible_unit.commune) == (ham_chinh, ham_chinh)

    result = TargetResource().import_data(
        dataset_from(targets("Thôn Lâm Giang"), "csv"), user=clerk
    )
    assert error_messages(result) == [
        "Dòng 2, cột “Đơn vị phụ trách”: Không có đơn vị nào tên “Thôn Lâm Giang”."
    ]
    assert Target.objects.count() == 1

    recipients = csv_bytes(
        [
            ["Quyết định số", "STT", "Đối tượng", "Danh xưng", "Họ tên / tên tập thể", "Hình thức"],
            ["1/QĐ-UBND", "1", "Cá nhân", "Ông", "Lê Văn C", kind.name],
        ]
    )
    result = CommendationResource().import_data(dataset_from(recipients, "csv"), user=clerk)
    assert error_messages(result) == []
    assert Commendation.objects.get().decision == drafts[ham_chinh]


def test_no_list_filter_offers_another_communes_rows():
    """A plain related-field filter lists every row of the related model, every
    commune's: a list filter on a commune's rows (units, movements…) must offer only
    those the list holds (RelatedOnlyFieldListFilter, emulation.scoping.ScopedUnitFilter)
    or none by name (EmptyFieldListFilter: linked or not)."""
    from django.contrib import admin as django_admin
    from django.contrib.admin.utils import get_fields_from_path

    offending = []
    for model, model_admin in django_admin.site._registry.items():
        for entry in model_admin.list_filter:
            path, filter_class = entry if isinstance(entry, tuple) else (entry, None)
            if not isinstance(path, str):
                continue  # a SimpleListFilter chooses its own values
            field = get_fields_from_path(model, path)[-1]
            related = getattr(field, "related_model", None)
            if related is None or policy_class_for(related).commune_route() is None:
                continue
            scoped = (django_admin.RelatedOnlyFieldListFilter, django_admin.EmptyFieldListFilter)
            if filter_class is None or not issubclass(filter_class, scoped):
                offending.append(f"{model._meta.label}: {path}")
    assert not offending, offending
