"""The admin of the path from a unit's proposal to the decision: nominations, the
council's meetings and votes, the council's dated rules. Every decision is the policy's
(awards.policy) and every change a service's (awards.services)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.admin_mixins import FiguresAdmin, SpreadsheetAdmin, WorkflowActionsMixin
from emulation.downloads import file_name, pdf_response
from emulation.filters import movement_year_filter, year_column
from emulation.formatting import format_date
from emulation.history import HistoryAdmin, register_history
from emulation.models import Household
from emulation.policy import policy_for
from emulation.policy_admin import PolicyInlineMixin
from emulation.scoping import ScopedUnitFilter, movements_shown, unit_ids_of

from . import documents, services
from .models import (
    AwardCriterion,
    CouncilMeeting,
    CouncilRule,
    CouncilVote,
    Decision,
    Nomination,
    Registration,
)
from .resources import RegistrationResource, registration_refusal
from .selectors import nomination_checklist, tally, units_not_registered

COUNCIL_RULE_COLUMNS = [
    "valid_from",
    "valid_to",
    "quorum_percent",
    "pass_percent",
    "pass_base",
    "legal_source",
    "confirmed",
]


class OpensOnCurrentMovement:
    """A new row starts in the current movement, and in the user's unit when the user acts
    for exactly one (a hamlet head)."""

    initial_unit = False

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        current = movements_shown(request).first()
        if current is not None:
            initial.setdefault("movement", current.pk)
        units = unit_ids_of(request.user)
        if self.initial_unit and len(units) == 1:
            initial.setdefault("unit", next(iter(units)))
        return initial


@admin.register(Nomination)
class NominationAdmin(OpensOnCurrentMovement, WorkflowActionsMixin, HistoryAdmin):
    """A unit's proposals: its accounts keep their own while open and hand them in; the
    office checks, accepts or returns them, and proposes the decisions from the votes."""

    list_display = [
        "recipient_column",
        "award_kind",
        "unit",
        year_column("movement"),
        "status_column",
    ]
    list_filter = [
        movement_year_filter("movement"),
        "status",
        "award_kind",
        ("unit", ScopedUnitFilter),
    ]
    list_select_related = ["unit", "movement", "award_kind", "household"]
    search_fields = ["full_name", "unit__name", "household__head_name"]
    autocomplete_fields = ["household"]
    fields = [
        "movement",
        "unit",
        "award_kind",
        "recipient_type",
        "honorific",
        "full_name",
        "position",
        "household",
        "achievement",
        "attachment",
        "status",
        "review_note",
    ]
    change_form_template = "admin/awards/nomination/change_form.html"
    actions = ["propose_decisions"]

    initial_unit = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A unit's account proposes households of its own hamlet only.
        if db_field.name == "household" and not policy_for(request.user, Nomination).is_office:
            kwargs["queryset"] = Household.objects.filter(unit_id__in=unit_ids_of(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("proposed"), ordering="full_name")
    def recipient_column(self, nomination):
        return nomination.display_name

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, nomination):
        return format_html(
            '<span class="pill {}">{}</span>', nomination.status, nomination.get_status_display()
        )

    def has_propose_permission(self, request):
        return policy_for(request.user, Decision).can_add()

    @admin.action(
        description=gettext_lazy("Propose the decisions from the nominations the council approved"),
        permissions=["propose"],
    )
    def propose_decisions(self, request, queryset):
        movements = {n.movement for n in queryset.select_related("movement")}
        if len(movements) != 1:
            self.message_user(request, _("Choose nominations of one year only."), messages.ERROR)
            return None
        movement = movements.pop()
        try:
            decisions = services.propose_decisions_from_nominations(movement, request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", None) or [str(error)]:
                self.message_user(request, message, messages.ERROR)
            return None
        for decision in decisions:
            kind = decision.commendations.first().award_kind
            self.message_user(
                request,
                _("Draft decision for “%(kind)s” made for %(phrase)s; check it, then issue it.")
                % {"kind": kind, "phrase": tally(decision.commendations.all()).phrase},
                messages.SUCCESS,
            )
        for nomination, reason in services.nominations_left_out(movement):
            self.message_user(
                request,
                _("Not proposed: %(nomination)s (%(reason)s).")
                % {"nomination": nomination, "reason": reason},
                messages.WARNING,
            )
        if len(decisions) == 1:
            return HttpResponseRedirect(
                reverse("admin:awards_decision_change", args=[decisions[0].pk])
            )
        return HttpResponseRedirect(reverse("admin:awards_decision_changelist"))

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="awards_nomination_workflow",
            ),
            path(
                "<path:object_id>/attachment/",
                self.admin_site.admin_view(self.attachment_view),
                name="awards_nomination_attachment",
            ),
            path(
                "<path:object_id>/report/",
                self.admin_site.admin_view(self.report_view),
                name="awards_nomination_report",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        nomination = self.get_object(request, object_id)
        if nomination is None:
            return super().change_view(request, object_id, form_url, extra_context)
        policy = policy_for(request.user, nomination)
        extra_context = {
            **(extra_context or {}),
            "nomination": nomination,
            "transitions": policy.transitions(),
            "votes": list(nomination.council_votes.select_related("meeting")),
            "checklist": nomination_checklist(nomination),
            "decided_in": [
                line.decision
                for line in nomination.commendations.select_related("decision")
                if policy_for(request.user, line.decision).can_view()
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def attachment_view(self, request, object_id):
        """The unit's minutes and report, only to those who may see the nomination."""
        nomination = self.get_object(request, object_id)
        if not nomination.attachment:
            raise Http404
        return FileResponse(
            nomination.attachment.open("rb"),
            as_attachment=False,
            filename=nomination.attachment.name.rsplit("/", 1)[-1],
        )

    def report_view(self, request, object_id):
        """Báo cáo tóm tắt thành tích, generated from the nomination's record."""
        nomination = self.get_object(request, object_id)
        name = file_name("bao-cao-thanh-tich", nomination.name, extension="pdf")
        return pdf_response(documents.nomination_report_pdf(nomination), name)

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        nomination = self.get_object(request, object_id)
        user = request.user
        actions = {
            "submit": lambda: services.submit_nomination(nomination, user),
            "accept": lambda: services.accept_nomination(nomination, user),
            "return": lambda: services.return_nomination(
                nomination, user, request.POST.get("note", "")
            ),
        }
        if action not in actions:
            raise Http404
        self.run_workflow_action(
            request,
            nomination,
            actions[action],
            lambda: (
                _("%(nomination)s: the nomination is now “%(status)s”.")
                % {
                    "nomination": nomination,
                    "status": Nomination.objects.get(pk=nomination.pk).get_status_display(),
                }
            ),
        )
        return HttpResponseRedirect(reverse("admin:awards_nomination_change", args=[nomination.pk]))


class CouncilVoteInline(PolicyInlineMixin, admin.TabularInline):
    """The meeting's results as recorded; they are entered on the votes page."""

    model = CouncilVote
    parent_field = "meeting"
    fields = ["nomination", "votes_for", "votes_cast", "passed", "rule"]
    readonly_fields = fields
    extra = 0


@admin.register(CouncilMeeting)
class CouncilMeetingAdmin(OpensOnCurrentMovement, HistoryAdmin):
    list_display = ["__str__", year_column("movement"), "members_present", "members_total"]
    list_filter = [movement_year_filter("movement")]
    list_select_related = ["movement"]
    fields = [
        "movement",
        "held_on",
        "members_total",
        "members_present",
        "attendees",
        "ballot",
        "chaired_by",
        "recorded_by",
    ]
    inlines = [CouncilVoteInline]
    change_form_template = "admin/awards/councilmeeting/change_form.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/votes/",
                self.admin_site.admin_view(self.votes_view),
                name="awards_councilmeeting_votes",
            ),
            path(
                "<path:object_id>/minutes/",
                self.admin_site.admin_view(self.minutes_view),
                name="awards_councilmeeting_minutes",
            ),
        ] + super().get_urls()

    def minutes_view(self, request, object_id):
        """Biên bản họp Hội đồng, made from the meeting and its recorded votes."""
        meeting = self.get_object(request, object_id)
        name = file_name("bien-ban-hop-hoi-dong", format_date(meeting.held_on), extension="pdf")
        return pdf_response(documents.council_minutes_pdf(meeting), name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, object_id)
        if meeting is not None:
            extra_context = {
                **(extra_context or {}),
                "meeting": meeting,
                "records_votes": policy_for(request.user, meeting).records_votes(),
                "waiting": Nomination.objects.filter(
                    movement_id=meeting.movement_id, status=Nomination.Status.ACCEPTED
                ).count(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def votes_view(self, request, object_id):
        """The nominations accepted for the council, a line each: the votes in favour and
        cast; all of them are recorded at once, or none when any is refused."""
        meeting = self.get_object(request, object_id)
        if not policy_for(request.user, meeting).records_votes():
            raise PermissionDenied
        waiting = list(
            Nomination.objects.filter(
                movement_id=meeting.movement_id, status=Nomination.Status.ACCEPTED
            ).select_related("unit", "award_kind", "household")
        )
        posted, errors = {}, []
        if request.method == "POST":
            posted, errors = _posted_votes(request.POST, {n.pk for n in waiting})
            if not errors and not posted:
                errors = [_("Enter the votes of at least one nomination.")]
            if not errors:
                try:
                    votes = services.record_council_votes(
                        meeting, request.user, {pk: v for pk, v in posted.items() if v}
                    )
                except (ValidationError, PermissionDenied) as error:
                    errors = getattr(error, "messages", None) or [str(error)]
                else:
                    passed = sum(1 for vote in votes if vote.passed)
                    self.message_user(
                        request,
                        _("Recorded %(count)s results: %(passed)s approved, %(failed)s not.")
                        % {
                            "count": len(votes),
                            "passed": passed,
                            "failed": len(votes) - passed,
                        },
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:awards_councilmeeting_change", args=[meeting.pk])
                    )
        rows = [
            {"nomination": n, "votes": posted.get(n.pk) or ("", ""), "rule": _rule_text(n, meeting)}
            for n in waiting
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("The council's votes, %(meeting)s") % {"meeting": meeting},
            "meeting": meeting,
            "rows": rows,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/awards/councilmeeting/votes.html", context)


def _rule_text(nomination, meeting) -> str:
    """The council rule a line will be counted by, as the clerk reads it."""
    from emulation.formatting import format_number

    rule = CouncilRule.in_force_on(nomination.award_kind, meeting.held_on)
    if rule is None:
        return _("no council rule in force")
    text = _("present ≥ %(quorum)s %%; in favour ≥ %(pass)s %% %(base)s") % {
        "quorum": format_number(rule.quorum_percent),
        "pass": format_number(rule.pass_percent),
        "base": rule.get_pass_base_display(),
    }
    return text if rule.confirmed else _("%(rule)s (not confirmed)") % {"rule": text}


def _posted_votes(data, known) -> tuple[dict, list[str]]:
    """The votes page's form: for each nomination id (votes in favour, votes cast), or
    None where both are empty."""
    entries, errors = {}, []
    for pk in known:
        raw = (data.get(f"for-{pk}", "").strip(), data.get(f"cast-{pk}", "").strip())
        if raw == ("", ""):
            continue
        if not all(value.isascii() and value.isdigit() and len(value) < 7 for value in raw):
            errors.append(
                _("Votes are whole numbers; enter both the votes in favour and the votes cast.")
            )
            continue
        entries[pk] = (int(raw[0]), int(raw[1]))
    return entries, errors


@admin.register(CouncilRule)
class CouncilRuleAdmin(FiguresAdmin):
    list_display = ["award_kind", *COUNCIL_RULE_COLUMNS]
    list_filter = ["award_kind", "confirmed"]
    list_select_related = ["award_kind"]
    fields = ["award_kind", *COUNCIL_RULE_COLUMNS]


@admin.register(Registration)
class RegistrationAdmin(OpensOnCurrentMovement, SpreadsheetAdmin):
    """Đăng ký thi đua: each unit its own, by the movement's deadline; the office sees
    every unit's and which have registered nothing."""

    resource_classes = [RegistrationResource]
    movement_year_path = "movement__year"
    list_display = [
        "__str__",
        "unit",
        "award_kind",
        year_column("movement"),
        "registered_on",
    ]
    list_filter = [movement_year_filter("movement"), "award_kind", ("unit", ScopedUnitFilter)]
    list_select_related = ["unit", "movement", "award_kind"]
    search_fields = ["full_name", "unit__name"]
    fields = [
        "movement",
        "unit",
        "award_kind",
        "recipient_type",
        "honorific",
        "full_name",
        "position",
        "registered_on",
    ]
    change_list_template = "admin/awards/registration/change_list.html"

    initial_unit = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class RegistrationForm(base):
            def clean(self):
                # Past the deadline a unit's account is told so, not shown a 403.
                cleaned = super().clean()
                movement, unit = cleaned.get("movement"), cleaned.get("unit")
                movement = movement or getattr(self.instance, "movement", None)
                unit = unit or getattr(self.instance, "unit", None)
                if movement is not None and unit is not None:
                    row = Registration(pk=self.instance.pk, movement=movement, unit=unit)
                    policy = policy_for(user, row)
                    allowed = policy.can_add() if row.pk is None else policy.can_change()
                    if not allowed:
                        raise ValidationError(registration_refusal(row, policy))
                return cleaned

        return RegistrationForm

    def get_urls(self):
        return [
            path(
                "not-registered/<int:year>/",
                self.admin_site.admin_view(self.not_registered_view),
                name="awards_registration_not_registered",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        current = movements_shown(request).first()
        extra_context = {
            **(extra_context or {}),
            "current": current,
            "office": policy_for(request.user, Registration).is_office,
        }
        return super().changelist_view(request, extra_context)

    def not_registered_view(self, request, year):
        """The units that have registered nothing for the year, for the office to remind."""
        if not policy_for(request.user, Registration).is_office:
            raise PermissionDenied
        movement = movements_shown(request).filter(year=year).first()
        if movement is None:
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Units that have not registered for %(year)s") % {"year": year},
            "movement": movement,
            "units": list(units_not_registered(movement)),
        }
        return TemplateResponse(request, "admin/awards/registration/not_registered.html", context)


@admin.register(AwardCriterion)
class AwardCriterionAdmin(FiguresAdmin):
    list_display = ["text", "award_kind", "judged_by", "valid_from", "valid_to"]
    list_filter = ["award_kind", "judged_by"]
    list_select_related = ["award_kind"]
    search_fields = ["text"]
    fields = [
        "award_kind",
        "valid_from",
        "valid_to",
        "order",
        "text",
        "judged_by",
        "title",
        "legal_source",
    ]


register_history(Registration, ["full_name", "unit__name"])
register_history(AwardCriterion, ["text"])
register_history(Nomination, ["full_name", "unit__name"])
register_history(CouncilMeeting, [])
register_history(CouncilVote, ["nomination__full_name"])
register_history(CouncilRule, ["legal_source"])
