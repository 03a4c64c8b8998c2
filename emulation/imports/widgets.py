"""How a cell becomes a value and a value a cell: text that is never a formula, numbers
the Vietnamese way, Có/Không, choices by their Vietnamese labels."""

from django.utils.translation import gettext as _
from import_export import widgets
from import_export.fields import Field

from ..achievement import Direction
from ..formatting import format_number, parse_number, to_decimal
from ..text import FORMULA_PREFIXES, escape_formula, unescape_formula


class SafeTextWidget(widgets.CharWidget):
    """Text that cannot turn into a formula in Excel, and reads back unchanged."""

    def render(self, value, obj=None, **kwargs):
        return escape_formula("" if value is None else str(value))

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
            return unescape_formula(text)
        if text.startswith("="):
            raise ValueError(_("Formulas are not accepted; type the value itself."))
        return text


class VietnameseDecimalWidget(widgets.DecimalWidget):
    """Reads "5.018,6" and xlsx numbers; writes csv in the Vietnamese way, xlsx as numbers."""

    def __init__(self, allow_negative=True, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        if isinstance(value, str) and value.strip().startswith("="):
            raise ValueError(_("Formulas are not accepted; type the value itself."))
        number = parse_number(value)
        if not self.allow_negative and number < 0:
            raise ValueError(_("The value cannot be negative."))
        return number

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        value = to_decimal(value)
        if kwargs.get("force_native_type"):
            # xlsx: a real number cell; ints stay ints so Excel shows no ",0".
            return int(value) if value == value.to_integral_value() else float(value)
        return format_number(value)


class YesNoWidget(widgets.Widget):
    """Có / Không (also x, 1, 0, yes, no); empty means unknown."""

    YES = {"có", "co", "x", "1", "true", "yes", "đạt", "dat"}
    NO = {"không", "khong", "0", "false", "no", "không đạt"}

    def __init__(self, allow_empty=True, **kwargs):
        self.allow_empty = allow_empty
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().lower()
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        if text == "" and self.allow_empty:
            return None
        if text == "":
            return False
        raise ValueError(_("Write “Có” or “Không”, not “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "Có" if value else "Không"


class ChoiceLabelWidget(widgets.Widget):
    """A choices field written with its Vietnamese label; the code is accepted too."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def _by_label(self):
        return {str(label).strip().lower(): value for value, label in self.choices.choices}

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text == "":
            return None
        if text in self.choices.values:
            return text
        found = self._by_label().get(text.lower())
        if found is None:
            allowed = ", ".join(f"“{label}”" for label in self.choices.labels)
            raise ValueError(
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value in (None, ""):
            return ""
        return str(self.choices(value).label)


def direction_field():
    """The "Loại chỉ tiêu" column that targets and pledge items share: the kind's label (or
    code); an empty cell keeps the row's kind, and a new row gets the model's default
    ("at least")."""
    return Field(
        attribute="direction",
        column_name="Loại chỉ tiêu",
        widget=ChoiceLabelWidget(Direction),
        saves_null_values=False,
    )
