"""Reads of targets: the year summary that the admin page, PDF, xlsx and command share."""

from dataclasses import dataclass, field

from emulation.achievement import Achievement, Direction, Status, count_met
from emulation.formatting import format_percent, format_quantity
from emulation.models import Commune, Movement

from .models import Target


@dataclass
class TargetRow:
    target: Target
    achievement: Achievement

    @property
    def status_label(self):
        return self.achievement.label

    @property
    def percent(self):
        return self.achievement.percent


@dataclass
class YearSummary:
    movement: Movement
    commune: Commune | None
    rows: list[TargetRow] = field(default_factory=list)

    @property
    def key_rows(self):
        return [row for row in self.rows if row.target.is_key]

    @property
    def key_met(self):
        return count_met(row.achievement for row in self.key_rows)

    @property
    def met_key_rows(self):
        return [row for row in self.key_rows if row.achievement.is_met]

    @property
    def unmet_rows(self):
        return [row for row in self.rows if not row.achievement.is_met]

    @property
    def sentence(self):
        return summary_sentence(self)


def targets_for(movement):
    return (
        Target.objects.filter(movement=movement)
        .select_related("responsible_unit")
        .order_by("order", "pk")
    )


def year_summary(movement):
    rows = []
    for target in targets_for(movement):
        # The movement is known: one object for every row rather than a copy joined into each.
        Target.movement.field.set_cached_value(target, movement)
        rows.append(TargetRow(target, target.achievement()))
    return YearSummary(movement=movement, commune=movement.commune, rows=rows)


def target_clause(target, achievement):
    """One target in the seed article's wording.

    at_least: "Tổng sản lượng lương thực: 5.018,6 tấn (KH: 5.000 tấn) đạt 100,37%"
    at_most:  "Tỷ lệ trẻ em SDD: 5,6% (KH: dưới 6%)"
    yes_no:   "Giữ chuẩn 19 tiêu chí NTM"
    """
    if target.direction == Direction.YES_NO:
        return target.name
    actual = format_quantity(target.actual_value, target.unit_of_measure)
    if target.actual_value is None:
        actual = "chưa có số liệu"
    clause = f"{target.name}: {actual} (KH: {target.plan_display})"
    if target.direction == Direction.AT_LEAST and achievement.percent is not None:
        clause += f" đạt {format_percent(achievement.percent)}"
    return clause


def summary_sentence(summary):
    """ "thực hiện đạt và vượt 10/11 chỉ tiêu chủ yếu theo Nghị quyết HĐND xã đã đề ra,
    nổi bật như: …; …" followed by the targets not (yet) met."""
    met, total = summary.key_met
    kind = summary.commune.kind if summary.commune else "xã"
    text = (
        f"thực hiện đạt và vượt {met}/{total} chỉ tiêu chủ yếu theo Nghị quyết HĐND {kind} đã đề ra"
    )
    highlights = [target_clause(r.target, r.achievement) for r in summary.met_key_rows]
    if highlights:
        text += ", nổi bật như: " + "; ".join(highlights)
    text += "."
    unmet = [r for r in summary.unmet_rows if r.achievement.status == Status.NOT_MET]
    pending = [r for r in summary.unmet_rows if r.achievement.status == Status.PENDING]
    if unmet:
        text += (
            " Chỉ tiêu chưa đạt: "
            + "; ".join(target_clause(r.target, r.achievement) for r in unmet)
            + "."
        )
    if pending:
        text += " Chỉ tiêu chưa có số liệu: " + "; ".join(r.target.name for r in pending) + "."
    return text
