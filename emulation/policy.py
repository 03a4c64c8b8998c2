"""Who may do what to which row, in which state: one policy per model, asked by every path.

A policy is a small object built for one user and one row (or for the model, when the
question is "may they add one?"), in the manner of Wagtail's ``PagePermissionTester``:

    policy = policy_for(user, pledge)
    policy.can_view(); policy.editable_fields(); policy.can_delete()
    policy.transitions()          # the workflow actions open to this user now
    policy.require("approve")     # PermissionDenied / ValidationError, in Vietnamese

The admin (permissions, read-only fields, ``list_editable``, buttons, history pages),
services, imports, commands and the route-walker test ask it; nothing else decides. Each
app declares its models' policies in its ``policy.py`` with ``@register(Model)``; a model
without one gets ``Policy`` (Django's model permissions, nothing computed), and every
historical model (django-simple-history) gets ``HistoryPolicy``: read-only, office only.

Row-level scoping is part of the policy: ``commune_path`` leads from a row to its
commune (a user sees only their communes' rows) and ``unit_path`` to the unit whose
accounts act for it (``emulation.scoping`` says who sees which commune and acts for which
unit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import is_office, is_province, sees_every_unit
from .scoping import acts_for, commune_id_of, in_communes_of, scope_queryset, unit_id_of

_registry: dict[type[models.Model], type[Policy]] = {}


def register(model):
    """Class decorator: ``@register(Pledge) class PledgePolicy(Policy): …``."""

    def decorate(policy_class):
        policy_class.model = model
        _registry[model] = policy_class
        return policy_class

    return decorate


def policy_class_for(model) -> type[Policy]:
    if model in _registry:  # a proxy with its own policy (UnitAccount)
        return _registry[model]
    model = model._meta.concrete_model
    if model in _registry:
        return _registry[model]
    if getattr(model, "instance_type", None) is not None:  # a simple-history model
        return type(f"{model.__name__}Policy", (HistoryPolicy,), {"model": model})
    return type(f"{model.__name__}Policy", (Policy,), {"model": model})


DERIVED = object()
# Where a model has none of the fields below nor a unit, its rows are shared by every
# commune (the law's data: award kinds and rules, base salaries, legal grounds).
_COMMUNE_ROUTES = (
    ("commune", "commune"),
    ("movement", "movement__commune"),
    ("decision", "decision__movement__commune"),
)


def derived_commune_path(model, unit_path) -> str | None:
    """The path from a row of ``model`` to its commune, read off its fields."""
    if model._meta.label == "emulation.Commune":
        return ""
    names = {f.name for f in model._meta.concrete_fields}
    for name, path in _COMMUNE_ROUTES:
        if name in names:
            return path
    return f"{unit_path}__commune" if unit_path else None


def policy_for(user, model_or_obj) -> Policy:
    """The policy of ``user`` for a row (an instance) or for a model (a class)."""
    if isinstance(model_or_obj, models.Model):
        return policy_class_for(type(model_or_obj))(user, model_or_obj)
    return policy_class_for(model_or_obj)(user)


@dataclass(frozen=True)
class Transition:
    """One workflow action: who may take it and from which states.

    ``who`` is a predicate on the policy; ``refused`` is the PermissionDenied message when
    ``who`` fails; ``states`` the states it starts from; ``verb`` completes "A pledge that
    is “X” cannot be …" when the state is wrong.
    """

    who: object
    refused: object
    states: tuple = ()
    verb: object = ""
    wrong_state: dict = field(default_factory=dict)


class Policy:
    """Django's model permissions, row scoping, and nothing else: the default."""

    model: type[models.Model]
    # Path from a row to the unit whose accounts act for it; None: not unit-owned.
    unit_path: str | None = None
    # Path from a row to its commune ("" for a commune); None: a row every commune shares.
    # Left as DERIVED, it is read off the row's fields (derived_commune_path).
    commune_path: str | None | object = DERIVED
    # Fields no form ever changes: the product computes them (or a service sets them).
    computed_fields: frozenset[str] = frozenset()
    # The workflow: action name -> Transition. ``status_field`` holds the state.
    workflow: dict[str, Transition] = {}
    status_field = "status"
    # Completes the sentence of a refused state: "A pledge that is “X” cannot be …".
    state_message = ""

    def __init__(self, user, obj=None):
        self.user = user
        self.obj = obj

    # --- who the user is ----------------------------------------------------------------

    @cached_property
    def is_office(self) -> bool:
        """The user is the office (clerk or leader) of the row's commune: another
        commune's office is nobody here, whatever its group."""
        return is_office(self.user) and self.in_commune()

    def has_perm(self, action: str) -> bool:
        if not getattr(self.user, "is_active", False):
            return False
        if action != "view" and is_province(self.user):
            return False  # the province reads; whatever groups it is given, it changes nothing
        opts = self.model._meta
        return self.user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")

    def acts_for_row(self) -> bool:
        """The user is one of the accounts of the row's unit."""
        if self.obj is None or self.unit_path is None:
            return False
        return acts_for(self.user, unit_id_of(self.obj, self.unit_path))

    @classmethod
    def commune_route(cls) -> str | None:
        path = cls.commune_path
        return derived_commune_path(cls.model, cls.unit_path) if path is DERIVED else path

    def in_commune(self) -> bool:
        """The row belongs to one of the user's communes (or to none yet: a new row, which
        takes the user's commune when it is saved, or a shared one)."""
        path = self.commune_route()
        if self.obj is None or path is None:
            return True
        commune_id = commune_id_of(self.obj, path)
        return commune_id is None or in_communes_of(self.user, commune_id)

    def in_scope(self) -> bool:
        """The row is one this user may see at all: of their commune, and within it the
        office sees every unit's."""
        if not self.in_commune():
            return False
        if self.obj is None or self.unit_path is None or sees_every_unit(self.user):
            return True
        return self.acts_for_row()

    def scope(self, queryset):
        """``queryset`` limited to the rows this user may see."""
        return scope_queryset(queryset, self.user, self.unit_path, self.commune_route())

    # --- what the user may do -----------------------------------------------------------

    def can_view(self) -> bool:
        return (self.has_perm("view") or self.has_perm("change")) and self.in_scope()

    def can_add(self) -> bool:
        """May add a row (``obj``, when given, is the unsaved row with its parent set)."""
        return self.has_perm("add") and self.in_scope()

    def form_fields(self) -> list[str]:
        """Every field a form could show for this model."""
        return [
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "editable", False)
            and not f.auto_created
            and (f.concrete or f.many_to_many)
            and f.name not in self.computed_fields
        ]

    def editable_fields(self) -> frozenset[str]:
        """The fields this user may change on this row now (on a new row, when adding)."""
        if self.obj is None or self.obj.pk is None:
            allowed = self.can_add()
        else:
            allowed = self.has_perm("change") and self.in_scope()
        return frozenset(self.form_fields()) if allowed else frozenset()

    def can_change(self) -> bool:
        """On the model: may change some rows; on a row: may change some of its fields."""
        if self.obj is None:
            return self.has_perm("change")
        return bool(self.editable_fields())

    def can_delete(self) -> bool:
        return self.has_perm("delete") and self.in_scope()

    # --- the workflow -------------------------------------------------------------------

    def state(self):
        return getattr(self.obj, self.status_field, None)

    def transitions(self) -> list[str]:
        """The workflow actions this user may take on this row now, in order."""
        if is_province(self.user) or not self.in_scope():
            return []  # the province reads only; nobody acts on another commune's rows
        return [
            name
            for name, rule in self.workflow.items()
            if self.state() in rule.states and rule.who(self)
        ]

    def can(self, action: str) -> bool:
        return action in self.transitions()

    def message_params(self) -> dict:
        """What a refusal message may name (``%(row)s`` by default)."""
        return {"row": self.obj}

    def require(self, action: str) -> None:
        """Refuse ``action`` with the reason in Vietnamese: who first, then the state."""
        rule = self.workflow[action]
        if not rule.who(self) or not self.in_scope() or is_province(self.user):
            raise PermissionDenied(str(rule.refused) % self.message_params())
        state = self.state()
        if state not in rule.states:
            if state in rule.wrong_state:
                raise ValidationError(rule.wrong_state[state])
            raise ValidationError(
                str(self.state_message)
                % {"status": self.obj.get_status_display(), "action": rule.verb}
            )


def office(policy: Policy) -> bool:
    """The commune office (clerk or leader)."""
    return policy.is_office


def own_unit(policy: Policy) -> bool:
    """An account of the row's own unit."""
    return policy.acts_for_row()


OFFICE_ONLY = _("Only the commune office (clerk or leader) may do this.")


class CommandLineOperator:
    """Whoever runs a management command (an import, a restore) on the server: trusted
    as the commune office, acting for no unit. Policies are asked with it when a command
    has no user, so that the state rules still hold."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = None
    _thidua_unit_ids = frozenset()
    _thidua_is_office = True

    def has_perm(self, perm, obj=None):
        return True

    def __str__(self):
        return "command line"


COMMAND_LINE = CommandLineOperator()


class HistoryPolicy(Policy):
    """Change history: the office reads its own commune's; nobody writes, reverts or
    deletes it."""

    @classmethod
    def commune_route(cls) -> str | None:
        # A version row keeps its row's fields (foreign keys included) under the same
        # names; a commune's own versions name it by "id".
        path = policy_class_for(cls.model.instance_type).commune_route()
        return "id" if path == "" else path

    def can_view(self) -> bool:
        return sees_every_unit(self.user) and self.in_commune()

    def can_add(self) -> bool:
        return False

    def editable_fields(self) -> frozenset[str]:
        return frozenset()

    def can_delete(self) -> bool:
        return False


def _register_core():
    from .models import BackgroundJob, Commune, Household, UnitAccount

    @register(BackgroundJob)
    class BackgroundJobPolicy(Policy):
        """A background job is seen by the account that asked for it (its file may hold a
        whole commune's names), and by the administrator; pages start them for their
        reader (emulation.jobs.start_job), nobody edits one or makes one by hand."""

        commune_path = None  # whose it is decides, not which commune it is about

        def in_scope(self):
            if self.obj is None or self.user.is_superuser:
                return True
            return self.obj.requested_by_id == self.user.pk

        def scope(self, queryset):
            if not self.has_perm("view"):
                return queryset.none()
            return queryset if self.user.is_superuser else queryset.filter(requested_by=self.user)

        def can_add(self):
            # Asking for work on rows one may read (a report, the certificates) is part of
            # reading them, the province's too; the job is always the asker's own.
            if not self.has_perm("view"):
                return False
            return self.obj is None or self.obj.requested_by_id == self.user.pk

        def editable_fields(self):
            return frozenset()

        def can_delete(self):
            return False

    @register(Commune)
    class CommunePolicy(Policy):
        """A commune is entered once by its office (the first of an installation); the
        administrator adds the others (emulation.communes.add_commune). Never deleted."""

        def can_add(self):
            if not super().can_add():
                return False
            return self.user.is_superuser or not Commune.objects.exists()

        def can_delete(self):
            return False

        def form_fields(self):
            fields = super().form_fields()
            return fields if self.user.is_superuser else [f for f in fields if f != "users"]

    @register(Household)
    class HouseholdPolicy(Policy):
        """A hamlet head keeps their own hamlet's households; the office every hamlet's."""

        unit_path = "unit"
        computed_fields = frozenset({"search_key"})  # follows the name and the address

    @register(UnitAccount)
    class UnitAccountPolicy(Policy):
        """The office makes and looks after the hamlet heads' logins, and only theirs: an
        account of the office or a superuser is out of its reach, no page here gives one,
        and an account is deactivated, never deleted (its name stays in the history)."""

        ACTIONS = ("reset_password", "unlock")

        def in_scope(self):
            if self.obj is None or self.obj.pk is None:
                return True
            return self._reachable().filter(pk=self.obj.pk).exists()

        def scope(self, queryset):
            if not self.has_perm("view"):
                return queryset.none()
            return queryset.filter(pk__in=self._reachable().values("pk"))

        def _reachable(self):
            """The accounts of the units of the user's communes."""
            return scope_queryset(UnitAccount.objects.of_units(), self.user, None, "units__commune")

        def form_fields(self):
            return ["username", "first_name", "last_name", "is_active"]

        def editable_fields(self):
            fields = super().editable_fields()
            if self.obj is not None and self.obj.pk is not None:
                fields -= {"username"}  # the login name handed over stays what it was
            return fields

        def can_delete(self):
            return False

        def can(self, action):
            return action in self.ACTIONS and self.has_perm("change") and self.in_scope()

        def transitions(self):
            return [action for action in self.ACTIONS if self.can(action)]

        def require(self, action):
            if not self.can(action):
                raise PermissionDenied(
                    _("Only the commune office may look after the hamlet heads' accounts.")
                )


_register_core()
