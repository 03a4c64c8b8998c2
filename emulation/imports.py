"""What every spreadsheet import and export of the project shares.

Vietnamese column headers both ways, numbers read the Vietnamese way, related rows named
by natural keys, formula-like text escaped on export, row errors keyed by the column the
clerk sees, and all-or-nothing: any bad row and nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources, widgets

from .formatting import parse_number, to_decimal

# Text starting with these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class SafeTextWidget(widgets.CharWidget):
    """Text that cannot turn into a formula in Excel, and reads back unchanged."""

    def render(self, value, obj=None, **kwargs):
        text = "" if value is None else str(value)
        if text.startswith(FORMULA_PREFIXES):
            return "'" + text
        return text

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
            return text[1:]
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
        from .formatting import format_number

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


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related row named by a natural key (unit name, movement year, decision number)."""

    def __init__(self, model, field, not_found, **kwargs):
        self.not_found = not_found
        self._cache = {}
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        key = value
        if isinstance(value, float) and value.is_integer():
            key = int(value)
        key = str(key).strip()
        if key not in self._cache:
            try:
                self._cache[key] = self.get_queryset(value, row, **kwargs).get(**{self.field: key})
            except (self.model.DoesNotExist, ValueError, ValidationError):
                self._cache[key] = None
        if self._cache[key] is None:
            raise ValueError(self.not_found % {"value": key})
        return self._cache[key]

    def is_empty(self, value):
        return value is None or str(value).strip() == ""

    def reset(self):
        """Forget looked-up rows: each import sees the database as it is now."""
        self._cache = {}


class VietnameseModelResource(resources.ModelResource):
    """Base resource: errors keyed by column header, duplicates refused, all-or-nothing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_keys = {}

    def _column(self, attribute):
        for field in self.fields.values():
            if field.attribute == attribute or field.column_name == attribute:
                return field.column_name
        return attribute

    def _by_column(self, error):
        if not hasattr(error, "error_dict"):
            return error
        keyed = {}
        for attribute, errors in error.error_dict.items():
            column = self._column(attribute) if attribute != "__all__" else "__all__"
            keyed.setdefault(column, []).extend(errors)
        return ValidationError(keyed)

    def before_import(self, dataset, **kwargs):
        self._seen_keys = {}
        for field in self.fields.values():
            if isinstance(field.widget, NaturalKeyWidget):
                field.widget.reset()
        missing = [
            field.column_name
            for field in self.get_import_fields()
            if field.column_name not in (dataset.headers or [])
            and field.attribute in self.required_columns()
        ]
        if missing:
            raise ValidationError(
                _("The file lacks the column(s): %(columns)s.")
                % {"columns": ", ".join(f"“{c}”" for c in missing)}
            )
        super().before_import(dataset, **kwargs)

    def required_columns(self):
        return set(self._meta.import_id_fields)

    def get_or_init_instance(self, instance_loader, row):
        try:
            return super().get_or_init_instance(instance_loader, row)
        except ValueError as exc:
            # A natural key that names nothing (unknown year, unknown unit): report it, and
            # every other bad cell of the row, against a blank row.
            column = next(
                (f.column_name for f in self.get_import_id_fields_objects() if _fails(f, row)),
                "__all__",
            )
            errors = {column: [str(exc)]}
            try:
                self.import_instance(self.init_instance(row), row)
            except ValidationError as more:
                for other, messages in more.message_dict.items():
                    errors.setdefault(other, messages)
            raise ValidationError(errors) from exc

    def get_import_id_fields_objects(self):
        return [self.fields[name] for name in self.get_import_id_fields()]

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            raise self._by_column(exc) from exc

    def natural_key_of(self, instance):
        return tuple(
            getattr(instance, attr + "_id", getattr(instance, attr, None))
            for attr in self.get_import_id_fields()
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            super().validate_instance(instance, {}, validate_unique=validate_unique)
        except ValidationError as exc:
            for column, messages in self._by_column(exc).error_dict.items():
                if column not in errors:
                    errors[column] = messages
        key = self.natural_key_of(instance)
        if None not in key and not errors:
            first = self._seen_keys.setdefault(key, self._current_row)
            if first != self._current_row:
                errors["__all__"] = [
                    ValidationError(
                        _("This row repeats row %(row)s of the file.") % {"row": first + 1}
                    )
                ]
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        self._current_row = kwargs.get("row_number")
        return super().import_row(row, instance_loader, **kwargs)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # All or nothing: one transaction, rolled back on any error or invalid row.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)


def _fails(field, row):
    try:
        field.clean(row)
    except (ValueError, KeyError):
        return True
    return False


def error_messages(result):
    """Every problem of an import result as Vietnamese lines naming spreadsheet rows.

    Row numbers are those the clerk sees in Excel: the header is row 1, so the first
    data row is row 2.
    """
    lines = []
    for error in result.base_errors:
        messages = getattr(error.error, "messages", None) or [str(error.error)]
        lines.extend(messages)
    for number, errors in result.row_errors():
        for error in errors:
            lines.append(_("Row %(row)s: %(error)s") % {"row": number + 1, "error": error.error})
    for invalid in result.invalid_rows:
        for column, messages in invalid.field_specific_errors.items():
            for message in messages:
                lines.append(
                    _("Row %(row)s, column “%(column)s”: %(error)s")
                    % {"row": invalid.number + 1, "column": column, "error": message}
                )
        for message in invalid.non_field_specific_errors:
            lines.append(
                _("Row %(row)s: %(error)s") % {"row": invalid.number + 1, "error": message}
            )
    return lines
