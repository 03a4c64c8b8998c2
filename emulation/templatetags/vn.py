"""Template filters for Vietnamese formatting: {% load vn %} {{ value|vn_number }}."""

from django import template

from emulation import formatting, roles

register = template.Library()


@register.filter
def vn_number(value):
    return formatting.format_number(value)


@register.filter
def vn_percent(value):
    return formatting.format_percent(value)


@register.filter
def vn_money(value):
    return formatting.format_money(value)


@register.filter
def vn_count(value):
    return formatting.format_count(int(value))


@register.filter
def vn_date(value):
    return formatting.format_date(value)


@register.filter
def vn_long_date(value):
    return formatting.format_long_date(value)


@register.filter
def person_name(user):
    return roles.person_name(user)


@register.filter
def minutes(duration):
    """A timedelta as whole minutes (a lockout of 15 minutes → 15)."""
    return int(duration.total_seconds() // 60) if duration else 0
