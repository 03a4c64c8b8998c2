from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.admin_mixins import FiguresAdmin, SpreadsheetAdmin, WorkflowActionsMixin, job_url
from emulation.downloads import attach, file_name, pdf_response
from emulation.filters import movement_year_filter, year_column
from emulation.formatting import format_money, format_number
from emulation.forms import VIETNAMESE_FIGURES
from emulation.history import HistoryAdmin, register_history
from emulation.jobs import start_job
from emulation.policy import policy_for
from emulation.policy_admin import PolicyInlineMixin
from emulation.scoping import ScopedUnitFilter, movements_shown, requested_commune
from emulation.xlsx import XLSX_CONTENT_TYPE

from . import documents, selectors, services, tasks
from .forms import ProposeForm, RevokeForm
from .models import (
    AwardKind,
    AwardRule,
    BaseSalary,
    Commendation,
    Decision,
    HamletCheck,
    HamletCriterion,
    HouseholdReview,
    HouseholdVote,
    LegalBasis,
)
from .resources import CommendationResource
from .rollups import refresh_hamlet_targets
from .selectors import count_phrase, tally
from .terms import terms_on

# A signed decision is the issued PDF plus the signatures: a few MB at the most.
MAX_SIGNED_BYTES = 30 * 2**20

DECISION_COLOURS = {"draft": "#6b6b6b", "issued": "#1b7a34", "revoked": "#b3261e"}


# A rule's columns, in the order the clerk checks them against the decree.
RULE_COLUMNS = [
    "valid_from",
    "valid_to",
    "individual_coefficient",
    "collective_coefficient",
    "household_coefficient",
    "granted_by_commune",
    "legal_source",
    "confirmed",
]


class AwardRuleInline(PolicyInlineMixin, admin.TabularInline):
    model = AwardRule
    parent_field = "award_kind"
    extra = 0
    formfield_overrides = VIETNAMESE_FIGURES
    fields = RULE_COLUMNS


@admin.register(AwardKind)
class AwardKindAdmin(FiguresAdmin):
    list_display = ["name", "recipient_type", "prints_certificate", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    inlines = [AwardRuleInline]


@admin.register(AwardRule)
class AwardRuleAdmin(FiguresAdmin):
    list_display = ["award_kind", *RULE_COLUMNS]
    list_filter = ["confirmed", "granted_by_commune", "award_kind"]
    list_select_related = ["award_kind"]
    search_fields = ["award_kind__name", "legal_source"]
    date_hierarchy = "valid_from"


@admin.register(BaseSalary)
class BaseSalaryAdmin(HistoryAdmin):
    list_display = ["effective_from", "amount_display", "legal_source", "confirmed"]
    list_filter = ["confirmed"]
    date_hierarchy = "effective_from"

    @admin.display(description=gettext_lazy("amount"), ordering="amount")
    def amount_display(self, obj):
        return format_money(obj.amount)


@admin.register(LegalBasis)
class LegalBasisAdmin(HistoryAdmin):
    list_display = ["effective_from", "first_line"]

    @admin.display(description=gettext_lazy("grounds (one per line)"))
    def first_line(self, obj):
        return obj.text.splitlines()[0] if obj.text else ""


class CommendationInline(PolicyInlineMixin, admin.TabularInline):
    model = Commendation
    parent_field = "decision"
    extra = 0
    fields = [
        "order",
        "recipient_type",
        "honorific",
        "full_name",
        "position",
        "unit",
        "award_kind",
        "achievement",
        "bonus_display",
        "register_number",
    ]
    readonly_fields = ["bonus_display", "register_number"]
    autocomplete_fields = ["unit"]

    @admin.display(description=gettext_lazy("bonus (đồng)"))
    def bonus_display(self, obj):
        return format_money(obj.bonus_amount) if obj.pk else ""

    def get_readonly_fields(self, request, obj=None):
        editable = self.editable_fields(request, obj)
        return [f for f in self.fields if f not in editable]


@admin.register(Decision)
class DecisionAdmin(WorkflowActionsMixin, HistoryAdmin):
    inlines = [CommendationInline]
    list_display = [
        "__str__",
        "signed_on",
        year_column("movement"),
        "status_column",
        "recipients_column",
        "total_column",
    ]
    list_filter = [movement_year_filter("movement"), "status"]
    search_fields = ["number", "commendations__full_name", "signer_name"]
    date_hierarchy = "signed_on"
    list_per_page = 50
    actions = ["propose_from_ranking"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "signed_on",
                    "movement",
                    "signer_name",
                    "signer_title",
                    "reason",
                ]
            },
        ),
        (
            gettext_lazy("Wording of the decision"),
            {
                "fields": ["legal_basis", "proposal", "executors", "recipients_of_copies"],
                "classes": ["collapse"],
            },
        ),
        (
            gettext_lazy("Status"),
            {
                "fields": [
                    "status_column",
                    "totals_display",
                    "terms_display",
                    "issued_at",
                    "issued_by",
                    "revoked_at",
                    "revoked_by",
                    "revoke_reason",
                ]
            },
        ),
    ]
    readonly_fields = [
        "status_column",
        "totals_display",
        "terms_display",
        "issued_at",
        "issued_by",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("movement")
            .annotate(
                collective_count=Count(
                    "commendations", filter=Q(commendations__recipient_type="collective")
                ),
                individual_count=Count(
                    "commendations", filter=Q(commendations__recipient_type="individual")
                ),
                household_count=Count(
                    "commendations", filter=Q(commendations__recipient_type="household")
                ),
                bonus_total=Sum("commendations__bonus_amount"),
            )
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, obj):
        return format_html(
            '<span style="color:#fff;background:{};padding:2px 8px;border-radius:10px">{}</span>',
            DECISION_COLOURS[obj.status],
            obj.get_status_display(),
        )

    @admin.display(description=gettext_lazy("recipients"))
    def recipients_column(self, obj):
        return count_phrase(obj.collective_count, obj.individual_count, obj.household_count)

    @admin.display(description=gettext_lazy("total bonus"))
    def total_column(self, obj):
        return format_money(obj.bonus_total or 0)

    @admin.display(description=gettext_lazy("recipients and total"))
    def totals_display(self, obj):
        counted = tally(obj.commendations.all())
        if not counted.recipients:
            return "—"
        return format_html(
            "{} — {} ({})",
            counted.phrase,
            format_money(counted.total),
            documents.amount_in_words(counted.total),
        )

    @admin.display(description=gettext_lazy("law applied (by the signing date)"))
    def terms_display(self, obj):
        lines = terms_on(obj.signed_on, obj.commendations.values("award_kind")).summary()
        if not lines:
            return _(
                "Enter the signing date: the base salary and the award rules in force "
                "that day apply."
            )
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The amounts follow the base salary and the award kinds of the draft.
        services.refresh_bonuses(form.instance, request.user)

    # --- issuing, revoking, printing ------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/issue/", view(self.issue_view), name="awards_decision_issue"),
            path("<path:object_id>/revoke/", view(self.revoke_view), name="awards_decision_revoke"),
            path(
                "<path:object_id>/certificates.pdf",
                view(self.certificates_view),
                name="awards_decision_certificates",
            ),
            path(
                "<path:object_id>/decision.pdf",
                view(self.decision_pdf_view),
                name="awards_decision_pdf",
            ),
            path("register/<int:year>/", view(self.register_view), name="awards_register"),
            path(
                "<path:object_id>/signed/",
                view(self.signed_view),
                name="awards_decision_signed",
            ),
            path(
                "<path:object_id>/payment-list.<str:output>",
                view(self.payment_list_view),
                name="awards_decision_payment_list",
            ),
        ] + super().get_urls()

    # A decision recognising a commune's households lists hundreds: its page then links
    # to the recipients' own list instead of one form too big for a browser to send.
    INLINE_LIMIT = 60

    def get_inlines(self, request, obj):
        if obj is not None and obj.commendations.count() > self.INLINE_LIMIT:
            return []
        return super().get_inlines(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        decision = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if decision is not None:
            lines = decision.commendations.count()
            extra_context.update(
                decision=decision,
                signed=getattr(decision, "signed", None),
                transitions=policy_for(request.user, decision).transitions(),
                recipients_url=(
                    reverse("admin:awards_commendation_changelist")
                    + f"?decision__id__exact={decision.pk}&year=all"
                )
                if lines > self.INLINE_LIMIT
                else "",
                recipients_count=lines,
                certificates_in_background=bool(self._background_pages(decision)),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _decision_or_404(self, request, object_id):
        return self.get_object(request, object_id)

    def _confirm_page(self, request, decision, action, context):
        """GET: the page that says what ``action`` will do, with its button."""
        if not policy_for(request.user, decision).can(action):
            self.message_user(
                request,
                _("This decision cannot be %(action)s now.")
                % {"action": _("issued") if action == "issue" else _("revoked")},
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        counted = tally(decision.commendations.all())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "decision": decision,
            "action": action,
            "count_phrase": counted.phrase,
            "total": format_money(counted.total),
            "total_words": documents.amount_in_words(counted.total) if counted.total else "",
            **context,
        }
        return TemplateResponse(request, "admin/awards/decision/confirm.html", context)

    def issue_view(self, request, object_id):
        decision = self._decision_or_404(request, object_id)
        if request.method == "GET":
            services.refresh_bonuses(decision, request.user)
            return self._confirm_page(
                request,
                decision,
                "issue",
                {
                    "title": _("Issue decision %(number)s") % {"number": decision.number},
                    "problems": services.issue_problems(decision),
                    "fund_warning": selectors.fund_warning(decision),
                    "year": decision.signed_on.year if decision.signed_on else "",
                },
            )
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        self.run_workflow_action(
            request,
            decision,
            lambda: services.issue_decision(decision, request.user),
            lambda: (
                _("Decision %(number)s is issued; its recipients are numbered in the register.")
                % {"number": decision.number}
            ),
        )
        return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))

    def revoke_view(self, request, object_id):
        decision = self._decision_or_404(request, object_id)
        if request.method == "GET":
            return self._confirm_page(
                request,
                decision,
                "revoke",
                {
                    "title": _("Revoke decision %(number)s") % {"number": decision.number},
                    "revoke_form": RevokeForm(),
                },
            )
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        reason = RevokeForm(request.POST).data.get("reason", "")
        self.run_workflow_action(
            request,
            decision,
            lambda: services.revoke_decision(decision, request.user, reason),
            lambda: (
                _("Decision %(number)s is revoked; its certificates now verify as revoked.")
                % {"number": decision.number}
            ),
        )
        return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))

    def certificates_view(self, request, object_id):
        """The certificates as a PDF; more than one render's worth of pages are laid out
        by the worker, and the page that follows the job offers the file."""
        decision = self._decision_or_404(request, object_id)
        pages = self._background_pages(decision)
        if pages:
            return self._certificates_in_background(request, decision, pages)
        try:
            content = documents.certificates_pdf(decision)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        return pdf_response(content, documents.certificates_file_name(decision))

    @staticmethod
    def _background_pages(decision) -> int:
        """The decision's pages when they are more than one render's worth (the worker
        lays them out), else 0."""
        pages = documents.certificate_count(decision)
        return pages if pages > documents.PAGES_PER_RENDER else 0

    def _certificates_in_background(self, request, decision, pages):
        back = reverse("admin:awards_decision_change", args=[decision.pk])
        problem = documents.printing_problem(decision)
        if problem:
            self.message_user(request, problem, messages.ERROR)
            return HttpResponseRedirect(back)
        if request.method != "POST":
            # Starting work is a POST: the decision's page has the button.
            self.message_user(
                request,
                _("%(pages)s pages are laid out in the background: press the button below.")
                % {"pages": format_number(pages)},
                messages.INFO,
            )
            return HttpResponseRedirect(back)
        job = start_job(
            request.user,
            tasks.print_certificates,
            title=_("Certificates of decision %(number)s")
            % {"number": decision.number or _("(draft)")},
            commune=decision.movement.commune,
            parameters={"decision": decision.pk},
            total=pages,
        )
        self.message_user(
            request,
            _("%(pages)s pages are laid out in the background; this page shows how far.")
            % {"pages": format_number(pages)},
            messages.INFO,
        )
        return HttpResponseRedirect(job_url(self.admin_site, job))

    def decision_pdf_view(self, request, object_id):
        decision = self._decision_or_404(request, object_id)
        name = file_name("quyet-dinh", decision.number or "nhap", extension="pdf")
        return pdf_response(documents.decision_pdf(decision), name)

    def signed_view(self, request, object_id):
        """GET: the signed copy; POST: the clerk uploads the file the chairman signed."""
        decision = self._decision_or_404(request, object_id)
        if request.method == "POST":
            upload = request.FILES.get("signed_pdf")
            if upload is None:
                self.message_user(request, _("Choose the signed PDF file."), messages.ERROR)
            elif upload.size > MAX_SIGNED_BYTES:
                self.message_user(
                    request,
                    _("The file is larger than %(mb)s MB.") % {"mb": MAX_SIGNED_BYTES // 2**20},
                    messages.ERROR,
                )
            else:
                self.run_workflow_action(
                    request,
                    decision,
                    lambda: services.attach_signed_decision(decision, upload.read(), request.user),
                    lambda: (
                        _("The signed copy of decision %(number)s is checked and kept.")
                        % {"number": decision.number}
                    ),
                )
            return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        signed = getattr(decision, "signed", None)
        if signed is None:
            raise Http404
        name = file_name("quyet-dinh", decision.number, "ky-so", extension="pdf")
        return pdf_response(bytes(signed.pdf), name)

    def payment_list_view(self, request, object_id, output):
        """Danh sách chi tiền thưởng of an issued decision, as PDF or xlsx."""
        decision = self._decision_or_404(request, object_id)
        render = {"pdf": documents.payment_list_pdf, "xlsx": documents.payment_list_xlsx}
        if output not in render:
            raise Http404
        try:
            content = render[output](decision)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        name = file_name("danh-sach-chi-thuong", decision.number, extension=output)
        if output == "pdf":
            return pdf_response(content, name)
        return attach(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), name)

    def register_view(self, request, year):
        if not self.has_view_permission(request):
            raise PermissionDenied
        commune = requested_commune(request)
        if commune is None:
            raise Http404
        response = HttpResponse(
            documents.register_xlsx(year, commune), content_type=XLSX_CONTENT_TYPE
        )
        attach(response, file_name("so-khen-thuong", year, extension="xlsx"))
        return response

    @admin.action(
        description=gettext_lazy("Propose collectives from the unit ranking"),
        permissions=["change"],
    )
    def propose_from_ranking(self, request, queryset):
        form = ProposeForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            for decision in queryset:
                try:
                    added = services.propose_from_ranking(
                        decision,
                        request.user,
                        form.cleaned_data["award_kind"],
                        form.cleaned_data["count"],
                    )
                except (ValidationError, PermissionDenied) as error:
                    self.message_user(
                        request,
                        f"{decision}: " + " ".join(getattr(error, "messages", [str(error)])),
                        messages.ERROR,
                    )
                    continue
                self.message_user(
                    request,
                    _("%(decision)s: %(count)s collectives added from the ranking.")
                    % {"decision": decision, "count": len(added)},
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Propose collectives from the unit ranking"),
            "decisions": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/awards/decision/propose.html", context)


@admin.register(Commendation)
class CommendationAdmin(SpreadsheetAdmin):
    movement_year_path = "decision__movement__year"
    resource_classes = [CommendationResource]
    list_display = [
        "display_name",
        "recipient_type",
        "award_kind",
        "decision",
        "bonus_column",
        "register_number",
        "verify_link",
    ]
    list_filter = [
        movement_year_filter("decision__movement"),
        "decision__status",
        "recipient_type",
        "award_kind",
        "register_year",
    ]
    list_select_related = ["decision__movement", "award_kind", "unit"]
    search_fields = ["full_name", "unit__name", "position", "decision__number", "verification_code"]
    list_per_page = 100
    autocomplete_fields = ["unit"]
    fields = [
        "decision",
        "order",
        "recipient_type",
        "honorific",
        "full_name",
        "position",
        "unit",
        "award_kind",
        "achievement",
        "bonus_amount",
        "register_number",
        "register_year",
        "verification_code",
    ]
    readonly_fields = ["bonus_amount", "register_number", "register_year", "verification_code"]

    @admin.display(description=gettext_lazy("bonus (đồng)"), ordering="bonus_amount")
    def bonus_column(self, obj):
        return format_money(obj.bonus_amount)

    @admin.display(description=gettext_lazy("verification"))
    def verify_link(self, obj):
        if not obj.verification_code:
            return ""
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("verify", args=[obj.verification_code]),
            _("check"),
        )

    def get_field_queryset(self, db, db_field, request):
        if db_field.name == "decision":
            return Decision.objects.filter(status=Decision.Status.DRAFT)
        return super().get_field_queryset(db, db_field, request)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.refresh_bonuses(obj.decision, request.user)


register_history(AwardKind, ["name"])
register_history(AwardRule, ["award_kind__name", "legal_source"])
register_history(BaseSalary, ["legal_source"])
register_history(LegalBasis, ["text"])
register_history(Decision, ["number", "signer_name", "revoke_reason"])
register_history(Commendation, ["full_name", "unit__name", "decision__number"])


# --- the yearly review of households ------------------------------------------------------


@admin.register(HouseholdReview)
class HouseholdReviewAdmin(WorkflowActionsMixin, HistoryAdmin):
    """The meeting's figures and the workflow; the households themselves are recorded on
    their own paged page (``households_view``), which a hamlet of 600 needs."""

    list_display = [
        "unit",
        year_column("movement"),
        "status_column",
        "registered_column",
        "passing_column",
        "meeting_on",
    ]
    list_filter = [movement_year_filter("movement"), "status", ("unit", ScopedUnitFilter)]
    list_select_related = ["unit", "movement"]
    search_fields = ["unit__name"]
    fields = [
        "movement",
        "unit",
        "meeting_on",
        "invited_count",
        "present_count",
        "quorum_column",
        "status",
        "review_note",
        "posted_from",
        "posted_until",
    ]
    readonly_fields = ["quorum_column"]
    change_form_template = "admin/awards/householdreview/change_form.html"
    actions = ["propose_recognition"]

    def has_propose_permission(self, request):
        return policy_for(request.user, Decision).can_add()

    @admin.action(
        description=gettext_lazy("Propose the decision recognising the passing households"),
        permissions=["propose"],
    )
    def propose_recognition(self, request, queryset):
        movements = {review.movement for review in queryset.select_related("movement")}
        if len(movements) != 1:
            self.message_user(request, _("Choose reviews of one year only."), messages.ERROR)
            return None
        movement = movements.pop()
        return _propose(
            self, request, lambda: services.propose_household_decision(movement, request.user)
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(registered_total=Count("votes", filter=Q(votes__registered=True)))
            .prefetch_related("votes__review")
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_column(self, review):
        return format_html(
            '<span class="pill {}">{}</span>', review.status, review.get_status_display()
        )

    @admin.display(description=gettext_lazy("registered"))
    def registered_column(self, review):
        return review.registered_total

    @admin.display(description=gettext_lazy("passing"))
    def passing_column(self, review):
        return sum(1 for vote in review.votes.all() if vote.passes)

    @admin.display(description=gettext_lazy("quorum"))
    def quorum_column(self, review):
        if not review.pk or not review.invited_count or review.present_count is None:
            return "—"
        return _("valid") if review.quorum_met else _("not valid (under 60 % present)")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        review = form.instance
        if review.status in HouseholdReview.OPEN:
            services.add_household_lines(review, request.user)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="awards_householdreview_workflow",
            ),
            path(
                "<path:object_id>/households/",
                self.admin_site.admin_view(self.households_view),
                name="awards_householdreview_households",
            ),
            path(
                "award-candidates/<int:year>/",
                self.admin_site.admin_view(self.award_candidates_view),
                name="awards_householdreview_award_candidates",
            ),
            path(
                "<path:object_id>/minutes/",
                self.admin_site.admin_view(self.minutes_view),
                name="awards_householdreview_minutes",
            ),
            path(
                "<path:object_id>/notice/",
                self.admin_site.admin_view(self.notice_view),
                name="awards_householdreview_notice",
            ),
        ] + super().get_urls()

    def _review_file(self, request, object_id, render, stem):
        review = self.get_object(request, object_id)
        if review is None:
            raise Http404
        name = file_name(stem, review.unit.name, str(review.movement.year), extension="pdf")
        return pdf_response(render(review), name)

    def award_candidates_view(self, request, year):
        """Households recognised Gia đình văn hóa the movement's years running, by votes;
        those within its share are chosen, and the clerk proposes them in one step."""
        if not policy_for(request.user, Decision).is_office:
            raise PermissionDenied
        movement = movements_shown(request).filter(year=year).first()
        if movement is None:
            raise Http404
        if request.method == "POST":
            return _propose(
                self, request, lambda: services.propose_household_award(movement, request.user)
            ) or HttpResponseRedirect(request.get_full_path())
        candidates = selectors.household_award_candidates(movement)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Households recognised %(years)s years running, %(year)s")
            % {"years": movement.household_award_years, "year": movement.year},
            "movement": movement,
            "candidates": candidates,
            "chosen": sum(1 for c in candidates if c.chosen),
            "can_propose": policy_for(request.user, Decision).can_add(),
        }
        return TemplateResponse(
            request, "admin/awards/householdreview/award_candidates.html", context
        )

    def minutes_view(self, request, object_id):
        """Biên bản họp bình xét, made from what the hamlet recorded."""
        return self._review_file(request, object_id, documents.minutes_pdf, "bien-ban-binh-xet")

    def notice_view(self, request, object_id):
        """The list posted publicly: the households proposed, with the posting dates."""
        return self._review_file(request, object_id, documents.notice_pdf, "danh-sach-niem-yet")

    LINES_PER_PAGE = 50

    def households_view(self, request, object_id):
        """The hamlet's households in pages of 50 (search, filter, tick all): what each
        registered and the votes for it; the office reads the same page."""
        review = self.get_object(request, object_id)
        search = request.GET.get("q", "").strip()
        show = request.GET.get("show", "")
        if show not in selectors.LINE_FILTERS:
            show = ""
        lines = selectors.household_lines(review, search, show)
        recording = policy_for(request.user, review).records()
        posted, errors = {}, []
        if request.method == "POST":
            if "register_all" in request.POST:
                outcome = _apply(
                    self, request, lambda: services.register_households(review, request.user, lines)
                )
                if outcome is not None:
                    self.message_user(
                        request,
                        _("%(count)s more households are marked as registered.")
                        % {"count": outcome},
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(request.get_full_path())
            posted, errors = _posted_lines(request.POST)
            if not errors:
                try:
                    changed = services.record_household_lines(review, request.user, posted)
                except (ValidationError, PermissionDenied) as error:
                    errors = getattr(error, "messages", None) or [str(error)]
                else:
                    self.message_user(
                        request,
                        _("Saved: %(count)s households changed.") % {"count": changed},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(request.get_full_path())
        page = Paginator(lines, self.LINES_PER_PAGE).get_page(request.GET.get("page"))
        rows = []
        for line in page.object_list:
            registered, votes = line.registered, line.votes_for
            if line.pk in posted:
                registered, votes = posted[line.pk]
            rows.append({"line": line, "registered": registered, "votes": votes})
        counts = selectors.review_counts(review)
        on_page = [row["line"] for row in rows]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Households of %(unit)s, %(year)s")
            % {
                "unit": review.unit,
                "year": review.movement.year,
            },
            "review": review,
            "rows": rows,
            "page": page,
            "search": search,
            "show": show,
            "filters": selectors.LINE_FILTERS.items(),
            "recording": recording,
            "errors": errors,
            "counts": counts,
            "matching": page.paginator.count,
            # What the page's script adds its own ticks and votes to.
            "elsewhere": {
                "registered": counts["registered"] - sum(1 for v in on_page if v.registered),
                "passing": counts["passing"] - sum(1 for v in on_page if v.passes),
            },
            "needed": review.votes_needed or 0,
        }
        return TemplateResponse(request, "admin/awards/householdreview/households.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, object_id)
        if review is None:
            return super().change_view(request, object_id, form_url, extra_context)
        counts = selectors.review_counts(review)
        extra_context = {
            **(extra_context or {}),
            "review": review,
            "transitions": policy_for(request.user, review).transitions(),
            "recording": policy_for(request.user, review).records(),
            "office": policy_for(request.user, review).is_office,
            # As saved: the hamlet sees where it stands after each "Lưu lại".
            "summary": {
                **counts,
                "held": review.present_count is not None and bool(review.invited_count),
                "quorum_met": review.quorum_met,
            },
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review = self.get_object(request, object_id)
        user = request.user
        actions = {
            "submit": lambda: services.submit_household_review(review, user),
            "approve": lambda: services.approve_household_review(review, user),
            "return": lambda: services.return_household_review(
                review, user, request.POST.get("note", "")
            ),
        }
        if action not in actions:
            raise Http404
        self.run_workflow_action(
            request,
            review,
            actions[action],
            lambda: (
                _("%(unit)s: the review is now “%(status)s”.")
                % {
                    "unit": review.unit,
                    "status": HouseholdReview.objects.get(pk=review.pk).get_status_display(),
                }
            ),
        )
        return HttpResponseRedirect(
            reverse("admin:awards_householdreview_change", args=[review.pk])
        )


def _posted_lines(data) -> tuple[dict[int, tuple[bool, int | None]], list[str]]:
    """The household page's form: for each ``line`` id its tick and its votes."""
    lines, errors = {}, []
    for raw in data.getlist("line"):
        if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
            errors.append(_("The page is out of date; reload it."))
            continue
        pk = int(raw)
        votes = data.get(f"votes-{pk}", "").strip()
        if votes and not (votes.isascii() and votes.isdigit() and len(votes) < 7):
            errors.append(
                _("Votes are a whole number of people, not “%(value)s”.") % {"value": votes}
            )
            votes = ""
        lines[pk] = (f"registered-{pk}" in data, int(votes) if votes else None)
    return lines, errors


@admin.register(HamletCriterion)
class HamletCriterionAdmin(FiguresAdmin):
    """The movement's checklist for Thôn văn hóa, and the page where the office checks
    each hamlet against it (``standing_view``)."""

    list_display = ["text", year_column("movement"), "kind", "threshold_percent", "order"]
    list_filter = [movement_year_filter("movement"), "kind"]
    list_select_related = ["movement"]
    search_fields = ["text"]
    fields = ["movement", "order", "text", "kind", "threshold_percent"]
    change_list_template = "admin/awards/hamletcriterion/change_list.html"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_hamlet_targets(obj.movement, request.user)

    def delete_model(self, request, obj):
        movement = obj.movement
        super().delete_model(request, obj)
        refresh_hamlet_targets(movement, request.user)

    def get_urls(self):
        return [
            path(
                "standing/<int:year>/",
                self.admin_site.admin_view(self.standing_view),
                name="awards_hamletcriterion_standing",
            )
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        current = movements_shown(request).first()
        extra_context = {**(extra_context or {}), "current_year": current.year if current else None}
        return super().changelist_view(request, extra_context)

    def standing_view(self, request, year):
        """Every hamlet against the checklist: the computed share, the office's ticks
        and notes; the hamlets meeting all of it are proposed in one step."""
        policy = policy_for(request.user, HamletCheck)
        if not policy.can_view():
            raise PermissionDenied
        movement = movements_shown(request).filter(year=year).first()
        if movement is None:
            raise Http404
        editing = policy.is_office and policy.has_perm("change")
        if request.method == "POST":
            if "propose" in request.POST:
                return _propose(
                    self, request, lambda: services.propose_hamlet_decision(movement, request.user)
                ) or HttpResponseRedirect(request.get_full_path())
            entries = {}
            for key in request.POST.getlist("check"):
                criterion, _sep, unit = key.partition("-")
                if not (criterion.isdigit() and unit.isdigit()):
                    continue
                met = {"yes": True, "no": False}.get(request.POST.get(f"met-{key}", ""))
                entries[(int(criterion), int(unit))] = (met, request.POST.get(f"note-{key}", ""))
            changed = _apply(
                self,
                request,
                lambda: services.record_hamlet_checks(movement, request.user, entries),
            )
            if changed is not None:
                self.message_user(
                    request, _("Saved: %(count)s checks changed.") % {"count": changed}
                )
            return HttpResponseRedirect(request.get_full_path())
        standings = selectors.hamlet_standing(movement)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Thôn văn hóa %(year)s: the hamlets against the checklist")
            % {"year": movement.year},
            "movement": movement,
            "criteria": list(movement.hamlet_criteria.order_by("order", "pk")),
            "standings": standings,
            "meeting": sum(1 for standing in standings if standing.meets),
            "editing": editing,
            "can_propose": policy_for(request.user, Decision).can_add(),
        }
        return TemplateResponse(request, "admin/awards/hamletcriterion/standing.html", context)


def _apply(model_admin, request, action):
    """Run a service; show its Vietnamese refusal and return None when it refuses."""
    try:
        return action()
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            model_admin.message_user(request, message, messages.ERROR)
        return None


def _propose(model_admin, request, proposal):
    """Run a ``propose_*`` service and open the draft it made (None when it refused)."""
    decision = _apply(model_admin, request, proposal)
    if decision is None:
        return None
    model_admin.message_user(
        request,
        _("Draft decision made for %(phrase)s; check it, then issue it.")
        % {"phrase": tally(decision.commendations.all()).phrase},
        messages.SUCCESS,
    )
    return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))


register_history(HamletCriterion, ["text"])
register_history(HamletCheck, ["unit__name", "criterion__text"])
register_history(HouseholdReview, ["unit__name"])
register_history(HouseholdVote, ["household__head_name"])
from . import fund_admin, nomination_admin  # noqa: E402, F401  (registers their admins)
