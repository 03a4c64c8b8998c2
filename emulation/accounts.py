"""The office looks after the hamlet heads' logins: create one for a unit, reset its
password, lift a lockout. Each is one transaction and asks UnitAccountPolicy first.

A new or reset password is made here, shown once on the handover slip and stored only
as its hash; the office never types one.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Unit, UnitAccount
from .policy import policy_for
from .roles import HAMLET_HEAD
from .text import normalize_text

# No 0/O, 1/l/I: read off a slip and typed on a phone.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 12


def new_password() -> str:
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        # Letters and digits both, so no validator refuses it as common or numeric.
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def with_new_password(account, group: str) -> str:
    """Give the unsaved ``account`` a fresh password, save it in ``group``; returns the
    password, to be shown once."""
    password = new_password()
    validate_password(password, account)
    account.set_password(password)
    account.save()
    account.groups.set([Group.objects.get(name=group)])
    return password


def _split(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An") from "Nguyễn Văn An": family names, then the given name."""
    family, _sep, given = normalize_text(full_name).strip().rpartition(" ")
    return family, given


@transaction.atomic
def create_unit_account(user, *, username: str, full_name: str, unit: Unit) -> tuple:
    """A hamlet head's account for ``unit``; returns (account, password to hand over)."""
    policy = policy_for(user, UnitAccount)
    if not policy.can_add():
        raise ValidationError(_("Only the commune office may create the units' accounts."))
    username = normalize_text(username).strip()
    if not username or not full_name.strip():
        raise ValidationError(_("Enter the login name and the person's full name."))
    if UnitAccount.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            _("The login name “%(username)s” is taken; choose another.") % {"username": username}
        )
    family, given = _split(full_name)
    account = UnitAccount(
        username=username, last_name=family, first_name=given, is_staff=True, is_active=True
    )
    password = with_new_password(account, HAMLET_HEAD)
    unit.users.add(account)
    return account, password


@transaction.atomic
def reset_password(user, account: UnitAccount) -> str:
    """A new password for ``account`` (the old one stops working); returns it."""
    account = UnitAccount.objects.select_for_update().get(pk=account.pk)
    policy_for(user, account).require("reset_password")
    password = new_password()
    validate_password(password, account)
    account.set_password(password)
    account.save(update_fields=["password"])
    _lift_lockout(account)
    return password


@transaction.atomic
def unlock_account(user, account: UnitAccount) -> None:
    """Forget the failed logins that locked ``account`` out."""
    policy_for(user, account).require("unlock")
    _lift_lockout(account)


def _lift_lockout(account):
    from axes.utils import reset

    reset(username=account.username)


def locked_out(account) -> bool:
    """Locked out now: the failure limit reached within the cool-off time."""
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(
        username=account.username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).exists()
