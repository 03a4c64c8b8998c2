from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import dashboard
from .admin_display import read_only_display
from .downloads import attach, file_name
from .forms import LoginForm
from .policy_admin import PolicyAdminMixin
from .roles import is_clerk, is_province, reads_the_province, sees_every_unit
from .scoping import movements_shown, visible_movements
from .xlsx import XLSX_CONTENT_TYPE


def commune_query(request, movement) -> str:
    """ "commune=N&" while a page is opened on one commune of several (the province's
    link into a commune): its year links stay on that commune."""
    if movement is None or "commune" not in request.GET:
        return ""
    return f"commune={movement.commune_id}&"


def chosen_movement(request):
    """The movement of ?year=, else the newest."""
    year = request.GET.get("year", "")
    movements = movements_shown(request)
    movement = movements.filter(year=year).first() if year.isdigit() else None
    return movement or movements.first()


class ThiDuaAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Emulation and commendation")
    site_title = gettext_lazy("Emulation")
    index_title = gettext_lazy("Work of the commune office")
    # "/" only leads back to the admin, so a "view site" link would be a loop.
    site_url = None
    login_form = LoginForm

    def home_title(self, request):
        """The home page is written for its reader: the clerk's work, the leader's overview,
        a hamlet head's own unit."""
        user = request.user
        if is_clerk(user):
            return self.index_title
        if sees_every_unit(user):
            return _("Overview of the emulation movement")
        units = ", ".join(unit.name for unit in user.units.all())
        return _("Work of %(units)s") % {"units": units} if units else _("Your work")

    def index(self, request, extra_context=None):
        if is_province(request.user) and "commune" not in request.GET:
            return self.province_view(request)
        movement = chosen_movement(request)
        title = self.home_title(request)
        if movement and "commune" in request.GET:
            title = f"{title}: {movement.commune}"
        extra_context = {
            **(extra_context or {}),
            "title": title,
            "movement": movement,
            "movements": movements_shown(request),
            "panels": dashboard.panels(request, movement) if movement else [],
            "commune_query": commune_query(request, movement),
        }
        return super().index(request, extra_context)

    def get_app_list(self, request, app_label=None):
        """The change-history lists, one per model, are gathered under one entry at the
        end of the menu instead of sitting among the day's work."""
        apps = super().get_app_list(request, app_label)
        history = []
        for app in apps:
            kept = []
            for entry in app["models"]:
                model = entry.get("model")
                if getattr(model, "instance_type", None) is not None:  # simple-history
                    # Under "Change history" the model's own name is enough.
                    entry["name"] = capfirst(model.instance_type._meta.verbose_name_plural)
                    history.append(entry)
                else:
                    kept.append(entry)
            app["models"] = kept
        apps = [app for app in apps if app["models"]]
        if history and app_label is None:
            apps.append(
                {
                    "name": _("Change history"),
                    "app_label": "history",
                    "app_url": history[0]["admin_url"],
                    "has_module_perms": True,
                    "models": sorted(history, key=lambda entry: str(entry["name"])),
                }
            )
        return apps

    def apply_policy(self):
        """Every registered admin asks the policy, third-party ones (Django's users and
        groups, django-axes' records) included: those not built on ``PolicyAdminMixin``
        are wrapped in it once every app has registered its admin. Every admin then shows
        read-only values the one way (emulation.admin_display), outermost."""
        for model, model_admin in list(self._registry.items()):
            cls = type(model_admin)
            if not isinstance(model_admin, PolicyAdminMixin):
                cls = type(cls.__name__, (PolicyAdminMixin, cls), {"__module__": cls.__module__})
            if cls is not type(model_admin) or cls is not read_only_display(cls):
                self._registry[model] = read_only_display(cls)(model, self)

    def get_urls(self):
        self.apply_policy()
        return [
            path("reports/", self.admin_view(self.reports_view), name="reports"),
            path("province/", self.admin_view(self.province_view), name="province"),
            path(
                "province/<int:year>/xlsx/",
                self.admin_view(self.province_report_view),
                name="province_report",
            ),
            path(
                "province/<int:year>/pdf/",
                self.admin_view(self.province_pdf_view),
                name="province_pdf",
            ),
        ] + super().get_urls()

    def province_view(self, request):
        """The province home: its communes side by side for a movement year."""
        from awards.province import PLEDGE_STATES, province_year

        if not reads_the_province(request.user):
            raise PermissionDenied
        years = list(
            visible_movements(request.user)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        asked = request.GET.get("year", "")
        year = int(asked) if asked.isdigit() and int(asked) in years else None
        year = year or (years[0] if years else timezone.localdate().year)
        table = province_year(year, request.user)
        context = {
            **self.each_context(request),
            "title": _("The communes, %(year)s") % {"year": year},
            "table": table,
            "years": years,
            "pledge_states": [label for _status, label in PLEDGE_STATES],
        }
        return TemplateResponse(request, "admin/province.html", context)

    def province_report_view(self, request, year):
        from awards.province import province_xlsx, province_year

        if not reads_the_province(request.user):
            raise PermissionDenied
        content = province_xlsx(province_year(year, request.user))
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        return attach(response, file_name("bao-cao-cac-xa", year, extension="xlsx"))

    def province_pdf_view(self, request, year):
        """POST: the table as a PDF, laid out by the worker (emulation.jobs)."""
        from awards.tasks import make_province_report

        from .admin_mixins import job_url
        from .jobs import start_job

        if not reads_the_province(request.user):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        job = start_job(
            request.user,
            make_province_report,
            title=_("Report of the communes, %(year)s (PDF)") % {"year": year},
            parameters={"year": year},
        )
        messages.info(
            request, _("The report is made in the background; this page shows when it is done.")
        )
        return HttpResponseRedirect(job_url(self, job))

    def reports_view(self, request):
        if not sees_every_unit(request.user):
            raise PermissionDenied
        movement = chosen_movement(request)
        context = {
            **self.each_context(request),
            "title": _("Reports of the movement %(year)s") % {"year": movement.year}
            if movement
            else _("Reports"),
            "movement": movement,
            "movements": movements_shown(request),
            "commune_query": commune_query(request, movement),
            "outputs": dashboard.outputs(request, movement) if movement else [],
            "as_of": timezone.localtime(),
        }
        return TemplateResponse(request, "admin/reports.html", context)
