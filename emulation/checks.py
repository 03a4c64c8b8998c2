"""System checks of our own, run by `manage.py check` (and `check --deploy`)."""

from django.core.checks import Error, Tags, register

from .security import site_url_problem


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    problem = site_url_problem()
    return [Error(problem, id="thidua.E001")] if problem else []


@register(Tags.security, deploy=True)
def signing_files_exist(app_configs, **kwargs):
    """The signing configuration names files that are there: a decision upload must not be
    the first to find a mistyped path."""
    from pathlib import Path

    from django.conf import settings
    from django.utils.translation import gettext as _

    problems = []
    roots = settings.SIGNATURE_TRUST_ROOTS
    if roots and not Path(roots).is_dir():
        problems.append(
            _("%(setting)s=%(path)s is not a folder.")
            % {"setting": "SIGNATURE_TRUST_ROOTS", "path": roots}
        )
    if settings.ORGANISATION_CERTIFICATE:
        for name in ("ORGANISATION_CERTIFICATE", "ORGANISATION_SEAL_IMAGE"):
            path = getattr(settings, name)
            if not path or not Path(path).is_file():
                problems.append(
                    _("%(setting)s=%(path)s is not a file.") % {"setting": name, "path": path}
                )
    return [Error(problem, id="thidua.E002") for problem in problems]
