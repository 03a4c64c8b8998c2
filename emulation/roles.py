"""The roles as Django groups, kept in step with this file after every migrate.

Group names are what the office calls the roles; the permission lists are the model
permissions each role needs. Row-level scoping (a hamlet head sees only their units)
lives in the admin classes, on top of these.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CLERK = "Văn phòng"
HAMLET_HEAD = "Trưởng thôn"
LEADER = "Lãnh đạo"
# The province's emulation office: reads every commune, changes nothing.
PROVINCE = "Tỉnh"

ALL = ("add", "change", "delete", "view")

# app_label -> model -> actions, per role. Later apps add their models here.
ROLE_PERMISSIONS = {
    CLERK: {
        "emulation": {
            "commune": ("change", "view"),
            "unit": ALL,
            "movement": ALL,
            "unitaccount": ("add", "change", "view"),
            "household": ALL,
            "backgroundjob": ("view",),
        },
        "targets": {"target": ALL},
        "pledges": {"pledge": ALL, "pledgeitem": ALL},
        "awards": {
            "awardkind": ALL,
            "awardrule": ALL,
            "basesalary": ALL,
            "legalbasis": ALL,
            "decision": ALL,
            "commendation": ALL,
            "householdreview": ("view", "add", "change"),
            "householdvote": ("view",),
            "hamletcriterion": ALL,
            "hamletcheck": ALL,  # recorded on the checklist page; go with their criterion
            "nomination": ALL,
            "councilrule": ALL,
            "councilmeeting": ALL,
            "councilvote": ("view",),  # recorded through the meeting's votes page
            "fund": ALL,
            "fundentry": ALL,
            "registration": ALL,
            "awardcriterion": ALL,
        },
    },
    LEADER: {
        "emulation": {
            "commune": ("view",),
            "unit": ("view",),
            "movement": ("view",),
            "household": ("view",),
            "backgroundjob": ("view",),
        },
        "targets": {"target": ("view",)},
        "pledges": {"pledge": ("view",), "pledgeitem": ("view",)},
        "awards": {
            "awardkind": ("view",),
            "awardrule": ("view",),
            "basesalary": ("view",),
            "legalbasis": ("view",),
            "decision": ("view",),
            "commendation": ("view",),
            "householdreview": ("view",),
            "householdvote": ("view",),
            "hamletcriterion": ("view",),
            "hamletcheck": ("view",),
            "nomination": ("view",),
            "councilrule": ("view",),
            "councilmeeting": ("view",),
            "councilvote": ("view",),
            "fund": ("view",),
            "fundentry": ("view",),
            "registration": ("view",),
            "awardcriterion": ("view",),
        },
    },
    # Row-level scoping (emulation.scoping) limits these to the head's own units.
    HAMLET_HEAD: {
        # Their hamlet's households: a family moving in is added, one moving away untick.
        "emulation": {"household": ("add", "change", "view"), "backgroundjob": ("view",)},
        "pledges": {"pledge": ("view", "change"), "pledgeitem": ("view", "change")},
        "awards": {
            "householdreview": ("view", "add", "change"),
            "householdvote": ("view", "change"),
            # Their unit's proposals; a draft never handed in may be withdrawn.
            "nomination": ALL,
            "registration": ALL,  # their unit's, by the movement's deadline
        },
    },
}


# The province reads what a commune's leader reads, in every commune (emulation.scoping);
# its policy refuses it every change whatever its groups (emulation.policy.Policy).
ROLE_PERMISSIONS[PROVINCE] = ROLE_PERMISSIONS[LEADER]


def _wanted(spec):
    for app_label, models in spec.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{action}_{model}"


def ensure_roles(using="default"):
    """Create the groups and set each one's permissions to exactly the listed ones.

    Idempotent; permissions whose models are not migrated yet are skipped (the next
    migrate adds them).
    """
    groups = {}
    for name, spec in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        wanted = list(_wanted(spec))
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        perms = Permission.objects.using(using).filter(query) if wanted else []
        group.permissions.set(perms)
        groups[name] = group
    return groups


def ensure_roles_after_migrate(sender, using="default", **kwargs):
    # post_migrate is sent once per app; by the last one every permission exists.
    from django.apps import apps

    if sender is list(apps.get_app_configs())[-1]:
        ensure_roles(using=using)


def is_clerk(user):
    return user.is_superuser or user.groups.filter(name=CLERK).exists()


def is_leader(user):
    return user.groups.filter(name=LEADER).exists()


def is_office(user):
    """Clerk or leader: the commune office, who see every unit's rows.

    Asked many times per page (menus, buttons, scoping), so it is remembered on the user
    object, which lives for one request.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_thidua_is_office", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name__in=[CLERK, LEADER]).exists()
        user._thidua_is_office = cached
    return cached


def is_province(user):
    """Staff of the province: they read every commune's rows and change none. Remembered
    on the user object like ``is_office``."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    cached = getattr(user, "_thidua_is_province", None)
    if cached is None:
        cached = user.groups.filter(name=PROVINCE).exists()
        user._thidua_is_province = cached
    return cached


def reads_the_province(user):
    """The province's staff, and the administrator: the communes side by side."""
    return user.is_superuser or is_province(user)


def sees_every_unit(user):
    """The commune office, and the province: every unit's rows of the communes they see."""
    return is_office(user) or is_province(user)


def person_name(user):
    """A user's name the Vietnamese way, family name first ("Nguyễn Văn An"); the
    username when no name was given."""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
