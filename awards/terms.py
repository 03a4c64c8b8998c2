"""The law on a decision's signing date: the base salary and the award rules in force.

Every bonus on screen, in PDFs, the register, reports and imports is ``Terms.bonus``: the
coefficient of the award rule in force on the signing date for the recipient's type, times
the base salary in force that day, rounded up (awards.money). ``Terms.problems`` says what
stops money being paid: a missing or unconfirmed row, an award the commune may not grant
on that date.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from emulation.formatting import format_date, format_money, format_number

from .models import AwardKind, AwardRule, BaseSalary
from .money import bonus_amount


@dataclass
class Terms:
    day: datetime.date | None
    base_salary: BaseSalary | None
    rules: dict = field(default_factory=dict)  # award kind id -> AwardRule in force

    def rule(self, award_kind: AwardKind) -> AwardRule | None:
        return self.rules.get(award_kind.pk)

    def coefficient(self, award_kind: AwardKind, recipient_type: str):
        rule = self.rule(award_kind)
        return rule.coefficient_for(recipient_type) if rule else None

    def bonus(self, award_kind: AwardKind, recipient_type: str) -> int | None:
        amount = self.base_salary.amount if self.base_salary else None
        return bonus_amount(self.coefficient(award_kind, recipient_type), amount)

    def grants(self, award_kind: AwardKind) -> bool:
        rule = self.rule(award_kind)
        return rule is not None and rule.granted_by_commune

    def problems(self, lines) -> list[str]:
        """What stops a decision with these recipients from paying, in Vietnamese."""
        if self.day is None:
            return []
        day = format_date(self.day)
        problems = []
        if self.base_salary is None:
            problems.append(
                _("No base salary is in force on %(day)s: add it under Base salaries.")
                % {"day": day}
            )
        elif not self.base_salary.confirmed:
            problems.append(
                _(
                    "The base salary %(row)s is not confirmed: check it against %(source)s and "
                    "tick “checked against the law” at %(url)s."
                )
                % {
                    "row": self.base_salary,
                    "source": self.base_salary.legal_source or _("the decree"),
                    "url": reverse("admin:awards_basesalary_change", args=[self.base_salary.pk]),
                }
            )
        kinds = {}
        for line in lines:
            kinds.setdefault(line.award_kind.pk, line.award_kind)
        for kind in kinds.values():
            rule = self.rule(kind)
            if rule is None:
                problems.append(
                    _("“%(kind)s” has no rule in force on %(day)s: add it under Award rules.")
                    % {"kind": kind, "day": day}
                )
            elif not rule.confirmed:
                problems.append(
                    _(
                        "The rule of “%(kind)s” from %(start)s is not confirmed: check it "
                        "against %(source)s and tick “checked against the law” at %(url)s."
                    )
                    % {
                        "kind": kind,
                        "start": format_date(rule.valid_from),
                        "source": rule.legal_source,
                        "url": reverse("admin:awards_awardrule_change", args=[rule.pk]),
                    }
                )
        return problems

    def summary(self) -> list[str]:
        """The rows that applied, for the decision's page: base salary and rules."""
        if self.day is None:
            return []
        lines = []
        if self.base_salary is not None:
            lines.append(
                _("Base salary %(amount)s from %(start)s (%(source)s)%(mark)s")
                % {
                    "amount": format_money(self.base_salary.amount),
                    "start": format_date(self.base_salary.effective_from),
                    "source": self.base_salary.legal_source,
                    "mark": "" if self.base_salary.confirmed else _(", not confirmed"),
                }
            )
        for rule in self.rules.values():
            coefficients = [
                f"{label} {format_number(value)}"
                for label, value in (
                    (_("individual"), rule.individual_coefficient),
                    (_("collective"), rule.collective_coefficient),
                    (_("household"), rule.household_coefficient),
                )
                if value is not None
            ]
            lines.append(
                _("%(kind)s from %(start)s: %(coefficients)s; %(granted)s (%(source)s)%(mark)s")
                % {
                    "kind": rule.award_kind,
                    "start": format_date(rule.valid_from),
                    "coefficients": ", ".join(coefficients) or _("no money"),
                    "granted": _("granted by the commune")
                    if rule.granted_by_commune
                    else _("proposed upward only"),
                    "source": rule.legal_source,
                    "mark": "" if rule.confirmed else _(", not confirmed"),
                }
            )
        return lines


def terms_on(day: datetime.date | None, kinds=None) -> Terms:
    """The base salary and the rules in force on ``day`` (of ``kinds``, or all), in two
    queries."""
    if day is None:
        return Terms(day=None, base_salary=None)
    rules = AwardRule.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    if kinds is not None:
        rules = rules.filter(award_kind__in=kinds)
    in_force = {}
    for rule in rules.select_related("award_kind").order_by("valid_from"):
        in_force[rule.award_kind_id] = rule  # the latest start wins
    return Terms(day=day, base_salary=BaseSalary.row_in_force_on(day), rules=in_force)
