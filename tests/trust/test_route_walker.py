"""Every admin URL, as every role, against the policy: the walker.

The routes come from the URL resolver (our views, Django's and third-party ones such as
django-simple-history's and django-import-export's), never from a list kept here. Each is
filled with every row of its model (and a missing id), requested by each role with GET,
an empty POST, the GET page's own form posted back, and that form with each field
changed in turn. The walk fails on any response ≥ 500, on any database change the
policy (emulation.policy) does not allow that user on that row in its state, and when a
row the user may not see answers otherwise than a missing one.

A route parameter the walker does not know fails the test: teach it below rather than
leaving a new view unwalked.
"""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from awards import services as award_services
from awards.models import (
    AwardKind,
    Decision,
    Fund,
    FundEntry,
    HamletCheck,
    HamletCriterion,
    HouseholdReview,
    Registration,
)
from emulation.models import Commune
from emulation.policy import policy_class_for, policy_for
from pledges import services as pledge_services
from pledges.models import Pledge
from targets.models import Target
from tests import factories
from tests.factories import (
    CommendationFactory,
    DecisionFactory,
    MovementFactory,
    PledgeFactory,
    PledgeItemFactory,
    UnitFactory,
)

MISSING = "999999"
# Route parameters that name a row of the route's model (Django's user admin says "id").
OBJECT_PARAMS = ("object_id", "id", "_0")
GUARDED_APPS = {"emulation", "targets", "pledges", "awards", "auth"}


# --- the world ------------------------------------------------------------------------


class Walk:
    """Two hamlets; pledges of hamlet A in every state (one approved, then reopened);
    decisions draft, issued and revoked; the roles; and a second commune with its own
    rows and clerk, which neither side may see or change across."""

    def __init__(self):
        self.commune = factories.CommuneFactory()
        self.unit_a = UnitFactory(name="Thôn A")
        self.unit_b = UnitFactory(name="Thôn B")
        self.roles = {
            "clerk": factories.clerk(username="w_clerk"),
            "leader": factories.leader(username="w_leader"),
            "own_head": factories.hamlet_head(self.unit_a, username="w_head_a"),
            "other_head": factories.hamlet_head(self.unit_b, username="w_head_b"),
            "staff_no_group": factories.UserFactory(username="w_staff"),
            "province": factories.province_staff(username="w_province"),
        }
        self.commune.users.add(self.roles["clerk"], self.roles["leader"])
        clerk, head = self.roles["clerk"], self.roles["own_head"]
        states = {2019: "draft", 2020: "signed", 2021: "submitted", 2022: "reopened"}
        states[2023] = "approved"
        for year, state in states.items():
            movement = MovementFactory(year=year)
            target = Target.objects.create(
                movement=movement,
                name=f"Giảm hộ nghèo {year}",
                unit_of_measure="hộ",
                plan_value=Decimal(10),
                is_key=True,
                rollup=Target.Rollup.SUM,
            )
            pledge = PledgeFactory(movement=movement, unit=self.unit_a, status="draft")
            PledgeItemFactory(pledge=pledge, target=target, title="Giảm hộ nghèo")
            PledgeFactory(movement=movement, unit=self.unit_b, status="draft")
            if state == "draft":
                continue
            pledge_services.sign_pledge(pledge, clerk)
            if state == "signed":
                continue
            item = pledge.items.get()
            item.result_value = Decimal(4)
            item.save()
            pledge_services.submit_pledge(pledge, head)
            if state == "submitted":
                continue
            pledge_services.approve_pledge(pledge, clerk)
            if state == "reopened":
                pledge_services.reopen_pledge(pledge, clerk, "Kiểm tra lại")
        Target.objects.create(
            movement=MovementFactory(year=2023), name="Sản lượng lúa", plan_value=Decimal(5)
        )
        factories.HouseholdFactory(unit=self.unit_a, head_name="Nguyễn Văn A")
        factories.HouseholdFactory(unit=self.unit_b, head_name="Trần Thị B", honorific="Bà")
        for unit in (self.unit_a, self.unit_b):
            review = HouseholdReview.objects.create(movement=MovementFactory(year=2023), unit=unit)
            award_services.add_household_lines(review, self.roles["clerk"])
        checked = HamletCriterion.objects.create(
            movement=MovementFactory(year=2023), order=1, text="Môi trường xanh, sạch, đẹp"
        )
        HamletCriterion.objects.create(
            movement=MovementFactory(year=2023),
            order=2,
            text="Từ 70% hộ đạt Gia đình văn hóa",
            kind="households",
            threshold_percent=Decimal(70),
        )
        HamletCheck.objects.create(criterion=checked, unit=self.unit_a, met=True)
        kind = factories.AwardKindFactory()
        draft = DecisionFactory(number="1/QĐ-UBND")
        CommendationFactory(decision=draft, award_kind=kind)
        for number in ("2/QĐ-UBND", "3/QĐ-UBND"):
            decision = DecisionFactory(number=number)
            CommendationFactory(decision=decision, award_kind=kind)
            CommendationFactory(
                decision=decision,
                award_kind=kind,
                recipient_type="collective",
                unit=self.unit_a,
                full_name="",
                honorific="",
            )
            award_services.issue_decision(decision, clerk)
        award_services.revoke_decision(Decision.objects.get(number="3/QĐ-UBND"), clerk, "Sai")
        assert AwardKind.objects.filter(name="Lao động tiên tiến").exists()  # seeded
        self.nominations(clerk, head, kind)
        self.other_commune(kind)
        self.background_jobs(clerk, head)

    def background_jobs(self, clerk, head):
        """A finished job with its file (the clerk's) and a queued one (a hamlet head's):
        each page and each file is its asker's alone."""
        from django.core.files.base import ContentFile

        from emulation.models import BackgroundJob

        done = BackgroundJob.objects.create(
            kind="print_certificates",
            title="Giấy khen của quyết định 2/QĐ-UBND",
            requested_by=clerk,
            commune=self.commune,
            status=BackgroundJob.Status.DONE,
            total=2,
            done=2,
            result_name="giay-khen-2-QD-UBND.pdf",
        )
        done.result.save("giay-khen.pdf", ContentFile(b"%PDF-1.4 walk"), save=True)
        BackgroundJob.objects.create(
            kind="import_spreadsheet", title="Nhập ho.xlsx", requested_by=head, total=4000
        )

    def other_commune(self, kind):
        """Hàm Chính: a hamlet with its head and a household, the 2023 movement with a
        target and a submitted pledge, an issued decision, a fund; its own clerk."""
        other = Commune.objects.create(name="Hàm Chính", kind="xã", chairman_name="Trần Chính")
        clerk = factories.clerk(commune=other, username="w_clerk_other")
        self.roles["other_commune_clerk"] = clerk
        unit = UnitFactory(commune=other, name="Thôn Một")
        head = factories.hamlet_head(unit, username="w_head_other")
        factories.HouseholdFactory(unit=unit, head_name="Lê Văn C")
        movement = MovementFactory(commune=other, year=2023)
        target = Target.objects.create(
            movement=movement, name="Giảm hộ nghèo", plan_value=Decimal(3), is_key=True
        )
        pledge = PledgeFactory(movement=movement, unit=unit, status="draft")
        PledgeItemFactory(pledge=pledge, target=target, title="Giảm hộ nghèo")
        pledge_services.sign_pledge(pledge, clerk)
        pledge.items.update(result_value=Decimal(2))
        pledge_services.submit_pledge(pledge, head)
        decision = DecisionFactory(movement=movement, number="21/QĐ-UBND")
        CommendationFactory(decision=decision, award_kind=kind, unit=unit)
        award_services.issue_decision(decision, clerk)
        Fund.objects.create(commune=other, year=2023)

    def nominations(self, clerk, head, kind):
        """Hamlet A's nominations in every state, hamlet B's draft, a council meeting."""
        factories.confirm_council_rules()
        movement = MovementFactory(year=2023)
        meeting = factories.CouncilMeetingFactory(movement=movement)
        steps = {
            "draft": [],
            "submitted": ["submit"],
            "returned": ["submit", "return"],
            "accepted": ["submit", "accept"],
            "approved": ["submit", "accept", "approve"],
            "rejected": ["submit", "accept", "reject"],
        }
        for state, actions in steps.items():
            nomination = factories.NominationFactory(
                movement=movement, unit=self.unit_a, award_kind=kind, full_name=f"Đề cử {state}"
            )
            for action in actions:
                if action == "submit":
                    award_services.submit_nomination(nomination, head)
                elif action == "return":
                    award_services.return_nomination(nomination, clerk, "Bổ sung")
                elif action == "accept":
                    award_services.accept_nomination(nomination, clerk)
                else:
                    votes = 8 if action == "approve" else 1
                    award_services.record_council_vote(meeting, nomination, votes, 8, clerk)
        factories.NominationFactory(movement=movement, unit=self.unit_b, award_kind=kind)
        factories.CouncilMeetingFactory(movement=movement)  # no votes yet: still editable
        for unit, name in ((self.unit_a, "Nguyễn Văn A"), (self.unit_b, "Trần Thị B")):
            Registration.objects.create(
                movement=movement,
                unit=unit,
                award_kind=AwardKind.objects.get(name="Lao động tiên tiến"),
                honorific="Ông",
                full_name=name,
            )
        fund = Fund.objects.create(year=2023)
        FundEntry.objects.create(
            fund=fund, kind="allocation", entered_on=datetime.date(2023, 1, 5), amount=9_000_000
        )
        FundEntry.objects.create(
            fund=fund,
            kind="refund",
            entered_on=datetime.date(2023, 3, 1),
            amount=230_000,
            decision=Decision.objects.get(number="3/QĐ-UBND"),
        )


# --- routes from the resolver ---------------------------------------------------------


def _admin_resolver():
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "admin":
            return entry
    raise AssertionError("the admin is not mounted")


def _pattern_text(pattern):
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        return pattern._regex
    raise AssertionError(f"unknown pattern kind {pattern!r}")


def _routes():
    """(model or None, [pattern pieces], name) for every admin route."""
    models_by_prefix = {
        f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry
    }
    routes = []
    for entry in _admin_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            model = models_by_prefix.get(_pattern_text(entry.pattern))
            assert model is not None, f"an admin include the walker cannot place: {entry}"
            for sub in entry.url_patterns:
                assert isinstance(sub, URLPattern), sub
                routes.append((model, [entry.pattern, sub.pattern], sub.name or ""))
        else:
            routes.append((None, [entry.pattern], entry.name or ""))
    return routes


_GROUP = re.compile(r"\((\?P<(?P<name>\w+)>)?[^()]*\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(?P<name>\w+)>")


def _params(pieces):
    names = []
    for pattern in pieces:
        text = _pattern_text(pattern)
        if isinstance(pattern, RoutePattern):
            names += _CONVERTER.findall(text)
        else:
            names += [m.group("name") or f"_{i}" for i, m in enumerate(_GROUP.finditer(text))]
    return names


def _fill(pieces, values):
    """The URL of ``pieces`` with ``values`` (one per parameter, in order)."""
    values = list(values)
    url = "/admin/"
    for pattern in pieces:
        text = _pattern_text(pattern)
        if isinstance(pattern, RoutePattern):
            url += _CONVERTER.sub(lambda m: str(values.pop(0)), text)
        else:
            text = text.removeprefix("^").removesuffix("$").removesuffix("\\Z")
            url += _GROUP.sub(lambda m: str(values.pop(0)), text)
    return url.replace("\\", "")


# --- the database, as the policy judges it ------------------------------------------


def _guarded_models():
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in GUARDED_APPS
        and getattr(m, "instance_type", None) is None
        and m._meta.label != "auth.Permission"  # no page edits permissions themselves
    ]


class _Writes:
    """Which guarded models a request wrote to, read off the SQL it sent (INSERT, UPDATE,
    DELETE; a many-to-many table counts for the model that owns the field). A request
    is then judged on those models' rows only: reading every table around every
    request was most of the walk's time, on PostgreSQL above all."""

    STATEMENT = re.compile(
        r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I
    )

    def __init__(self):
        self.tables = set()
        self.owners = {}
        for model in _guarded_models():
            self.owners.setdefault(model._meta.db_table, set()).add(model)
            for field in model._meta.many_to_many:
                table = field.remote_field.through._meta.db_table
                self.owners.setdefault(table, set()).add(model)

    def __call__(self, execute, sql, params, many, context):
        written = self.STATEMENT.match(sql)
        if written:
            self.tables.add(written.group(1))
        return execute(sql, params, many, context)

    def models(self):
        return set().union(*(self.owners.get(table, ()) for table in self.tables))


def _snapshot(models=None):
    """Every guarded row's values (and its many-to-many links), cheaply: tuples, no
    model instances. The policy judges instances read again after the rollback."""
    rows = {}
    for model in _guarded_models() if models is None else models:
        names = [f.attname for f in model._meta.concrete_fields]
        pk_at = names.index(model._meta.pk.attname)
        links = {}
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source = field.m2m_column_name()
            target = field.m2m_reverse_name()
            for owner, other in through.objects.values_list(source, target):
                links.setdefault((field.name, owner), []).append(other)
        for values in model._base_manager.values_list(*names):
            pk = values[pk_at]
            m2m = tuple(
                (f.name, tuple(sorted(links.get((f.name, pk), ()))))
                for f in model._meta.many_to_many
            )
            rows[(model, pk)] = (names, values, m2m)
    return rows


def _changed_names(model, old, new):
    names, before, before_links = old
    _names, after, after_links = new
    changed = {
        name
        for name, a, b in zip(names, before, after, strict=True)
        if a != b and name != "password"  # hashed anew on a login; judged by last_login
    }
    changed |= {
        name for (name, a), (_n, b) in zip(before_links, after_links, strict=True) if a != b
    }
    return {_field_name(model, name) for name in changed}


def _illegal_changes(user, before, after):
    """Changes that the policy does not allow ``user``; [] when all are allowed. Called
    after the rollback: the rows are read as they were stored before the request."""
    problems = []
    for model, pk in before.keys() - after.keys():
        if not any(p.can_delete() for p in _row_policies(user, model, pk)):
            problems.append(f"deleted {model.__name__} {pk}")
    for model, pk in after.keys() - before.keys():
        if not any(p.can_add() for p in _row_policies(user, model)):
            problems.append(f"added {model.__name__} {pk}")
    for key in before.keys() & after.keys():
        if before[key] == after[key]:
            continue
        model, pk = key
        names = _changed_names(model, before[key], after[key])
        if not names:
            continue
        allowed = set()
        for policy in _row_policies(user, model, pk):
            status = policy.status_field if policy.workflow else None
            row_allowed = set(policy.editable_fields())
            if policy.can_change():
                row_allowed |= set(policy.computed_fields) | set(_row_computed(policy))
            row_allowed.discard(status)
            allowed |= row_allowed
        if not names <= allowed:
            problems.append(f"changed {model.__name__} {pk}: {sorted(names - allowed)}")
    return problems


def _row_policies(user, model, pk=None):
    """The policies that judge a row: its model's, and those of the admin's proxies of it
    (a unit account is a User the office manages through its own policy)."""
    models = [model] + [
        m for m in admin.site._registry if m._meta.proxy and m._meta.concrete_model is model
    ]
    if pk is None:
        return [policy_for(user, m) for m in models]
    return [policy_for(user, m._base_manager.get(pk=pk)) for m in models]


def _row_computed(policy):
    computed = getattr(policy, "computed_on_row", None)
    return computed() if computed else ()


def _field_name(model, attname):
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return f.name
    return attname


# --- forms of a page -------------------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: their fields, values and choices."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"id": a.get("id", ""), "method": a.get("method", "get").lower(), "fields": []}
            )
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                fields.append(
                    {
                        "name": a["name"],
                        "kind": kind,
                        "value": a.get("value", "on"),
                        "checked": "checked" in a,
                        "disabled": "disabled" in a,
                    }
                )
                return
            fields.append(
                {
                    "name": a["name"],
                    "kind": kind,
                    "value": a.get("value", ""),
                    "disabled": "disabled" in a,
                }
            )
        elif tag == "select" and a.get("name"):
            self._select = {
                "name": a["name"],
                "kind": "select",
                "options": [],
                "value": None,
                "multiple": "multiple" in a,
                "disabled": "disabled" in a,
            }
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["value"] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = {
                "name": a["name"],
                "kind": "textarea",
                "value": "",
                "disabled": "disabled" in a,
            }
            fields.append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            if self._select["value"] is None and not self._select["multiple"]:
                options = self._select["options"]
                self._select["value"] = options[0] if options else ""
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data


def _main_form(html):
    parser = _Forms()
    parser.feed(html)
    forms = [f for f in parser.forms if f["method"] == "post" and f["id"] != "logout-form"]
    return forms[0] if forms else None


def _data(fields):
    data = {}
    for field in fields:
        if field.get("disabled"):
            continue
        if field["kind"] in ("checkbox", "radio"):
            if field["checked"]:
                data.setdefault(field["name"], []).append(field["value"])
        elif field["kind"] == "select" and field["multiple"]:
            data.setdefault(field["name"], [])
            if field["value"] is not None:
                data[field["name"]].append(field["value"])
        else:
            data.setdefault(field["name"], []).append(field["value"])
    return data


def _changed(field):
    """The field with another value than the page gave it."""
    changed = dict(field)
    kind = field["kind"]
    if kind in ("checkbox", "radio"):
        changed["checked"] = not field["checked"]
    elif kind == "select":
        others = [o for o in field["options"] if o and o != field["value"]]
        if not others:
            return None
        changed["value"] = others[0]
        if field["multiple"]:
            changed["multiple"] = False  # one other choice selected
    elif kind == "date" or re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", field["value"] or ""):
        changed["value"] = "01/02/2020"
    elif re.fullmatch(r"[\d.,]+", field["value"] or ""):
        changed["value"] = "7"
    else:
        changed["value"] = (field["value"] or "") + " đổi"
    return changed


def _variants(form):
    """The form as the page gave it, then with each field changed in turn."""
    fields = [f for f in form["fields"] if f["name"] != "csrfmiddlewaretoken"]
    yield "as given", _data(fields)
    for i, field in enumerate(fields):
        if field.get("disabled"):
            continue
        changed = _changed(field)
        if changed is not None:
            yield f"{field['name']} changed", _data(fields[:i] + [changed] + fields[i + 1 :])


# --- the walk ------------------------------------------------------------------------


def _objects(model):
    objects = list(model._default_manager.all()[:60])
    if getattr(model, "instance_type", None) is not None:
        return objects[:2] + objects[-2:]
    return objects


def _candidates(model, name, obj, world):
    """Values for one route parameter."""
    if name in OBJECT_PARAMS:
        return [obj.pk] if obj is not None else []
    if name == "_1":  # django-simple-history's version id
        if obj is None:
            return []
        versions = model.history.filter(**{model._meta.pk.attname: obj.pk})
        return list(versions.values_list("history_id", flat=True))
    if name == "action":
        return [*policy_class_for(model).workflow, "nonexistent"]
    if name == "year":
        return [2023]
    if name == "app_label":
        return sorted({m._meta.app_label for m in admin.site._registry})
    if name == "content_type_id":
        return [ContentType.objects.get_for_model(Pledge).pk]
    if name == "url":
        return ["nonexistent/"]
    if name == "output":  # a download's format
        return ["pdf", "xlsx", "doc"]
    raise AssertionError(f"the walker cannot fill the route parameter “{name}”: teach it")


def _urls(world):
    """(model, obj, url, workflow action, url of the same route for a missing row)."""
    for model, pieces, name in _routes():
        params = _params(pieces)
        if set(params) & set(OBJECT_PARAMS):
            objs = _objects(model) if model is not None else []
            if model is None:  # the site's "view on site": one row is enough
                objs = [Pledge.objects.first()]
        else:
            objs = [None]
        for obj in objs:
            combos = [[]]
            for param in params:
                values = _candidates(model or Pledge, param, obj, world)
                combos = [c + [v] for c in combos for v in values]
            for combo in combos:
                missing = None
                if obj is not None:
                    missing = _fill(
                        pieces,
                        [
                            MISSING if p in (*OBJECT_PARAMS, "_1") else v
                            for p, v in zip(params, combo, strict=True)
                        ],
                    )
                action = None
                if model is not None:
                    workflow = policy_class_for(model).workflow
                    kwargs = dict(zip(params, combo, strict=True))
                    action = kwargs.get("action") or next(
                        (a for a in workflow if name.endswith(f"_{a}")), None
                    )
                yield model, obj, _fill(pieces, combo), action, missing


ROLES = (
    "clerk",
    "leader",
    "own_head",
    "other_head",
    "staff_no_group",
    "other_commune_clerk",
    "province",
)


# One test per role, so that the walk (the longest test by far) spreads over the workers.
@pytest.mark.django_db
@pytest.mark.parametrize("walked_role", ROLES)
def test_every_admin_route_as_every_role_obeys_the_policy(walked_role):
    client = Client(raise_request_exception=False)  # a crash is a 500 to count, not a stop
    world = Walk()
    assert set(world.roles) == set(ROLES)
    failures = []
    status_of_missing = {}
    urls = list(_urls(world))
    assert len(urls) > 300  # the walk reaches the whole admin, not a corner of it
    User = get_user_model()
    role, user = walked_role, world.roles[walked_role]
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    def as_role(method, url, data=None, session=session):
        # A logout among the routes must not end the walk: every request carries the
        # role's session (its row comes back with each rollback).
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        send = getattr(client, method)
        return send(url, data) if data is not None else send(url)

    writes = _Writes()
    with connection.execute_wrapper(writes):
        for _model, obj, url, action, missing in urls:
            user = User.objects.get(pk=user.pk)  # no cached roles between requests
            with transaction.atomic():
                failures += _walk_route(user, role, obj, url, action, missing, as_role, writes)
                if obj is not None and missing and not policy_for(user, obj).can_view():
                    if missing not in status_of_missing:
                        status_of_missing[missing] = as_role("get", missing).status_code
                    seen = as_role("get", url).status_code
                    if seen != status_of_missing[missing] and seen not in (405,):
                        failures.append(
                            f"{role} GET {url}: {seen}, but {status_of_missing[missing]} "
                            f"for a missing row"
                        )
                transaction.set_rollback(True)
    assert not failures, "\n".join(failures[:60]) + f"\n… {len(failures)} in all"


def _walk_route(user, role, obj, url, action, missing, as_role, writes):
    """GET the route, then POST it empty, its own form and each variant of that form,
    each in a savepoint rolled back after it; the failures found."""
    failures = []
    # A workflow action the policy allows changes what its service changes (tested on
    # its own); any other request only what the policy opens.
    workflow_allowed = obj is not None and action is not None and policy_for(user, obj).can(action)
    page = transaction.savepoint()
    writes.tables.clear()
    response = as_role("get", url)
    before = None
    if writes.models():
        # The page itself wrote: judge every request against the rows before the GET,
        # all of them, as the walk did before it knew which tables a request writes.
        transaction.savepoint_rollback(page)
        before = _snapshot()
        response = as_role("get", url)
    if response.status_code >= 500:
        failures.append(f"{role} GET {url}: {response.status_code}")
    requests = [("empty POST", {})]
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        form = _main_form(response.content.decode())
        if form is not None:
            requests += list(_variants(form))
    for label, data in requests:
        sid = transaction.savepoint()
        writes.tables.clear()
        response = as_role("post", url, data)
        if response.status_code >= 500:
            failures.append(f"{role} POST {label} {url}: {response.status_code}")
        if before is None:
            written = writes.models()
            after = _snapshot(written)
            # The policy judges the rows as they were stored before the request.
            transaction.savepoint_rollback(sid)
            was = _snapshot(written)
        else:
            after = _snapshot()
            transaction.savepoint_rollback(sid)
            was = before
        if not workflow_allowed:
            for problem in _illegal_changes(user, was, after):
                failures.append(f"{role} POST {label} {url}: {problem}")
    return failures


def test_the_walker_fills_every_parameter_kind():
    """Guards the guard: a regex route and a path route are both filled."""
    assert _fill([RegexPattern(r"^([^/]+)/history/([^/]+)/$")], [5, 9]) == "/admin/5/history/9/"
    assert _fill([RoutePattern("<path:object_id>/change/")], [5]) == "/admin/5/change/"
    assert _params([RegexPattern(r"^(?P<app_label>a|b)/$")]) == ["app_label"]


class _Answer:
    status_code = 200

    def get(self, _name, default=None):
        return default


@pytest.mark.django_db
@pytest.mark.parametrize("written_on", ["get", "post"])
def test_the_walker_sees_a_change_whichever_request_makes_it(written_on):
    """Guards the guard: judging only the tables a request wrote still finds a hamlet
    head's change to another hamlet's pledge, through a many-to-many table as well, and
    whether the page's GET or its POST made it."""
    unit_a, unit_b = UnitFactory(name="Thôn A"), UnitFactory(name="Thôn B")
    head = factories.hamlet_head(unit_a)
    stranger = factories.UserFactory()
    pledge = PledgeFactory(unit=unit_b, status="draft")

    def as_role(method, url, data=None):
        if method == written_on:
            Pledge.objects.filter(pk=pledge.pk).update(signatory_name="Kẻ lạ")
            unit_b.users.add(stranger)
        return _Answer()

    writes = _Writes()
    with connection.execute_wrapper(writes), transaction.atomic():
        failures = _walk_route(head, "own_head", None, "/admin/x/", None, None, as_role, writes)
        transaction.set_rollback(True)
    assert any(f"changed Pledge {pledge.pk}: ['signatory_name']" in f for f in failures)
    assert any(f"changed Unit {unit_b.pk}: ['users']" in f for f in failures)
    pledge.refresh_from_db()
    assert pledge.signatory_name != "Kẻ lạ" and not unit_b.users.filter(pk=stranger.pk).exists()
