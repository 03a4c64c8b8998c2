"""Onboarding a commune into a province's deployment: the commune, its movement of the
year and the first account of its office, in one transaction. The province's
administrator does it with ``add_commune`` or from the admin; both call ``add_commune``.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .accounts import with_new_password
from .models import Commune, Movement
from .policy import policy_for
from .roles import CLERK
from .text import normalize_text

# Since 01/7/2025 a commune-level unit is a xã, a phường or a đặc khu.
KINDS = ("xã", "phường", "đặc khu")


@dataclass(frozen=True)
class NewCommune:
    commune: Commune
    movement: Movement
    account: object  # the first office account (group Văn phòng)
    password: str  # shown once, on the handover slip or the command's output


def office_username(name: str) -> str:
    """ "vanphong.hamchinh" for Hàm Chính: the commune's name without marks or spaces."""
    bare = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    letters = "".join(c for c in bare if c.isascii() and c.isalnum()).lower()
    return f"vanphong.{letters}"


def onboarding_problems(*, name: str, kind: str, chairman_name: str) -> list[str]:
    """What stops a commune from joining, as Vietnamese sentences (the admin's form asks
    this before ``add_commune`` does)."""
    problems = []
    if not name:
        problems.append(_("Enter the commune's name."))
    if kind not in KINDS:
        problems.append(
            _("The kind is one of: %(kinds)s.") % {"kinds": ", ".join(f"“{k}”" for k in KINDS)}
        )
    if not chairman_name:
        problems.append(_("Enter the chairman's name."))
    if name and Commune.objects.filter(name__iexact=name, kind__iexact=kind).exists():
        problems.append(_("There is already a %(kind)s %(name)s.") % {"kind": kind, "name": name})
    return problems


def username_problems(username: str) -> list[str]:
    if get_user_model().objects.filter(username__iexact=username).exists():
        return [
            _("The login name “%(username)s” is taken; choose another.") % {"username": username}
        ]
    return []


@transaction.atomic
def add_commune(
    user,
    *,
    name: str,
    kind: str = "xã",
    province: str = "",
    chairman_name: str = "",
    district: str = "",
    address: str = "",
    username: str = "",
    today: datetime.date | None = None,
) -> NewCommune:
    """Create a commune with its movement of this year and its office's first account."""
    if not policy_for(user, Commune).can_add():
        raise ValidationError(_("Only the administrator may add a commune."))
    name, kind = normalize_text(name).strip(), normalize_text(kind).strip().lower()
    chairman_name = normalize_text(chairman_name).strip()
    username = normalize_text(username).strip() or office_username(name)
    problems = onboarding_problems(name=name, kind=kind, chairman_name=chairman_name)
    problems += username_problems(username)
    if problems:
        raise ValidationError(problems)

    commune = Commune(
        name=name,
        kind=kind,
        province=normalize_text(province).strip(),
        district=normalize_text(district).strip(),
        chairman_name=chairman_name,
        address=normalize_text(address).strip(),
    )
    commune.full_clean()
    commune.save()
    User = get_user_model()
    year = (today or timezone.localdate()).year
    movement = Movement.objects.create(
        commune=commune, year=year, title=f"Phong trào thi đua năm {year}"
    )
    office = _("Office of the %(kind)s %(name)s") % {"kind": kind, "name": name}
    account = User(username=username, last_name=office, is_staff=True)
    password = with_new_password(account, CLERK)
    commune.users.add(account)
    return NewCommune(commune, movement, account, password)
