"""What every spreadsheet import and export of the project shares.

Vietnamese column headers both ways, numbers read the Vietnamese way, related rows named
by natural keys, formula-like text escaped on export, row errors keyed by the column the
clerk sees, and all-or-nothing: any bad row and nothing is saved.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.instance_loaders import ModelInstanceLoader
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

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


class LookupCache:
    """Widgets that look rows up remember them for one import (reset in before_import)."""

    def reset(self):
        self._cache = {}

    def remember(self, key, lookup):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = lookup()
        return cache[key]


class NaturalKeyWidget(LookupCache, widgets.ForeignKeyWidget):
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


class PreloadedInstanceLoader(ModelInstanceLoader):
    """Finds the existing row of each spreadsheet row without a query per row: the rows
    the import may touch are read once, keyed by the resource's import id fields."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.rows = None

    def get_instance(self, row):
        key = self.resource.row_key(row)
        if None in key:
            return None
        if self.rows is None:
            self.rows = {
                self.resource.natural_key_of(obj): obj for obj in self.resource.preload_queryset()
            }
            self.resource.remember_stored(self.rows.values())
        return self.rows.get(key)


class VietnameseModelResource(resources.ModelResource):
    """Base resource: errors keyed by column header, duplicates refused, all-or-nothing,
    rows written in bulk with their change history."""

    class Meta:
        use_bulk = True
        batch_size = 1000
        instance_loader_class = PreloadedInstanceLoader

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen_keys = {}
        # Options of this instance only (a commit skips the preview's diff, below).
        self._meta = copy.copy(self._meta)

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

    @property
    def _looked_up(self):
        """Related rows the widgets fetched from the database in this very import: they
        exist, so full_clean need not query for each of them again."""
        return [f.attribute for f in self.fields.values() if isinstance(f.widget, LookupCache)]

    def before_import(self, dataset, **kwargs):
        self._seen_keys = {}
        self._user = kwargs.get("user")
        for field in self.fields.values():
            if isinstance(field.widget, LookupCache):
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

    def row_key(self, row):
        """The import id of a spreadsheet row, as ``natural_key_of`` gives it for a model."""
        key = []
        for name in self.get_import_id_fields():
            value = self.fields[name].clean(row)
            key.append(getattr(value, "pk", value))
        return tuple(key)

    def preload_queryset(self):
        """The existing rows an import may update (override to narrow it)."""
        return self.get_queryset()

    def remember_stored(self, instances):
        """Values as stored before the import, to tell what a row changes."""
        self._stored = {
            obj.pk: {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            for obj in instances
        }

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Unchanged rows are recognised from the values read before the import, which also
        # works when the commit skips the diff.
        if import_validation_errors or not self._meta.skip_unchanged:
            return False
        return instance.pk is not None and not self.changes_stored_row(instance)

    def changes_stored_row(self, instance):
        stored = getattr(self, "_stored", {}).get(instance.pk)
        if stored is None:
            return True
        return any(stored[name] != getattr(instance, name) for name in stored)

    def get_bulk_update_fields(self):
        return [
            f.attribute
            for f in self.get_import_fields()
            if not f.readonly
            and f.attribute
            and "__" not in f.attribute
            and f.attribute not in self._meta.import_id_fields
        ]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # simple-history's bulk helpers keep the change history that save() would write.
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self._user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self._user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # No uniqueness queries per row: the import id fields are the models' unique
            # keys, so an existing row is always found and updated (PreloadedInstanceLoader),
            # and repeats within the file are refused below.
            instance.full_clean(
                exclude=self._looked_up, validate_unique=False, validate_constraints=False
            )
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
        # The row-by-row diff feeds the dry run's preview; a commit has no use for it.
        self._meta.skip_diff = not dry_run
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
