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
    "awards.RegisterCounter",
}
# A hamlet head's account reaches its commune through its units, many of them, which one
# path cannot follow: its policy scopes itself (UnitAccountPolicy._reachable).
OWN_SCOPE = {"emulation.UnitAccount"}


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
            if policy_for(other, row).can_view():
                seen_across.append(f"{model._meta.label} {row.pk}")
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
