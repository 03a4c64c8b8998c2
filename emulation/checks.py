"""System checks of our own, run by `manage.py check` (and `check --deploy`)."""

from django.core.checks import Error, Tags, register

from .security import site_url_problem


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    problem = site_url_problem()
    return [Error(problem, id="thidua.E001")] if problem else []
