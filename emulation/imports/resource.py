"""The base resource every import and export of the project uses."""

import dataclasses

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import NOT_PROVIDED
from import_export.results import RowResult
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..text import escape_formula, normalize_text
from .loading import PreloadedInstanceLoader
from .lookups import LookupCache
from .preview import PREVIEW_ROWS, PreviewDiff
from .reading import FormulaError, refuse_control_characters, refuse_formula_error


@dataclasses.dataclass
class ImportRun:
    """What one import knows between django-import-export's hooks, in one place."""

    preview: bool = False  # a dry run, whose first changed rows are previewed
    user: object = None  # who imports (None from the command line)
    stored: dict = dataclasses.field(
        default_factory=dict
    )  # pk -> the row's values before the import
    seen_keys: dict = dataclasses.field(default_factory=dict)  # natural key -> first row with it
    row_number: int | None = None  # the row being imported
    previewed: int = 0  # rows previewed so far
    pending: tuple | None = None  # (instance, PreviewDiff) of the row being imported
    memo: dict = dataclasses.field(default_factory=dict)  # a resource's own per-import cache


class VietnameseModelResource(resources.ModelResource):
    """Base resource: errors keyed by column header, duplicates refused, all-or-nothing,
    rows written in bulk with their change history."""

    class Meta:
        use_bulk = True
        batch_size = 1000
        instance_loader_class = PreloadedInstanceLoader
        # import_row's own diff deep-copies every row; the preview's diff is made in the
        # row hooks below (PreviewDiff), and only for the dry run.
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.run = ImportRun()

    def export_field(self, field, instance, **kwargs):
        # Every text cell, related rows' names included, is written so that Excel shows
        # it as text; numbers stay numbers.
        value = super().export_field(field, instance, **kwargs)
        if isinstance(field.widget, widgets.NumberWidget):
            return value
        return escape_formula(value)

    @cached_property
    def _import_fields(self):
        return super().get_import_fields()

    def get_import_fields(self):
        # Asked several times per row; the resource's fields do not change.
        return self._import_fields

    @cached_property
    def _import_plan(self):
        """(field, column, attribute, clean) of each column an import sets. ``clean`` is
        the widget's for a plain column (a model attribute of its own), which import_instance
        sets in place: a 5,000-row sheet has 55,000 cells, and import-export's
        Resource.import_field, Field.save and Field.clean, in turn, do the same for it with
        three calls and a copy of the keyword arguments each. It is None for a relation path
        or when a subclass overrides import_field; those go the library's way."""
        own_import_field = type(self).import_field is resources.Resource.import_field
        plan = []
        for field in self.get_import_fields():
            if (
                field.readonly
                or not field.attribute
                or isinstance(field.widget, widgets.ManyToManyWidget)
            ):
                continue
            plain = own_import_field and "__" not in field.attribute
            plan.append(
                (field, field.column_name, field.attribute, field.widget.clean if plain else None)
            )
        return plan

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

    @cached_property
    def _looked_up(self):
        """Related rows the widgets fetched from the database in this very import: they
        exist, so full_clean need not query for each of them again."""
        return [f.attribute for f in self.fields.values() if isinstance(f.widget, LookupCache)]

    def before_import(self, dataset, **kwargs):
        self.run.user = kwargs.get("user")
        for field in self.fields.values():
            if isinstance(field.widget, LookupCache):
                field.widget.reset(self.run.user)
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
        # import-export's loop over the columns, with plain columns set in place (see
        # _import_plan); every bad cell of the row is reported, keyed by its column.
        errors = {}
        for field, column, attribute, clean in self._import_plan:
            if column not in row:
                continue  # a column left out of the file keeps the row's value
            value = row[column]
            try:
                if isinstance(value, FormulaError):
                    refuse_formula_error(value)
                if isinstance(value, str):
                    refuse_control_characters(value)
                if clean is None:
                    self.import_field(field, instance, row, **kwargs)
                    continue
                value = clean(value, row=row)
            except ValueError as error:
                errors[attribute] = ValidationError(str(error), code="invalid")
                continue
            # As Field.clean and Field.save do.
            if field.default is not NOT_PROVIDED and value in field.empty_values:
                value = field.default() if callable(field.default) else field.default
            if value is not None or field.saves_null_values:
                setattr(instance, attribute, value)
        if errors:
            raise self._by_column(ValidationError(errors))

    def natural_key_of(self, instance):
        return tuple(
            getattr(instance, attr + "_id", getattr(instance, attr, None))
            for attr in self.get_import_id_fields()
        )

    def row_key(self, row):
        """The import id of a spreadsheet row, as ``natural_key_of`` gives it for a model."""
        key = []
        for name in self.get_import_id_fields():
            field = self.fields[name]
            refuse_formula_error(row[field.column_name])
            value = field.widget.clean(row[field.column_name], row=row)
            key.append(getattr(value, "pk", value))
        return tuple(key)

    def preload_queryset(self):
        """The existing rows an import may update (override to narrow it)."""
        return self.get_queryset()

    def remember_stored(self, instances):
        """Values as stored before the import, to tell what a row changes."""
        self.run.stored = {
            obj.pk: {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            for obj in instances
        }

    def stored_values(self, instance):
        """The row's values before the import ({} for a new row)."""
        return self.run.stored.get(instance.pk, {}) if instance.pk else {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Unchanged rows are recognised from the values read before the import, which also
        # works when the commit skips the diff.
        if import_validation_errors or not self._meta.skip_unchanged:
            return False
        return instance.pk is not None and not self.changes_stored_row(instance)

    def changed_fields(self, instance):
        """Names of the model fields a row changes (every set field, for a new row)."""
        stored = self.run.stored.get(instance.pk) if instance.pk else None
        if stored is not None:
            return {
                self._field_names[attname]
                for attname, value in stored.items()
                if getattr(instance, attname) != value
            }
        names = set()
        for field in instance._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(instance, field.attname)
            if value not in (None, "", field.get_default()):
                names.add(field.name)
        return names

    @cached_property
    def _field_names(self):
        return {f.attname: f.name for f in self._meta.model._meta.concrete_fields}

    def changes_stored_row(self, instance):
        stored = self.run.stored.get(instance.pk)
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

    # The dry run writes nothing. Every row was validated on its own; what the database
    # would add are the models' unique constraints, which are the import keys: an existing
    # row is updated, never duplicated, and a key repeated in the file is refused
    # (validate_instance). tests/test_imports_core.py holds the imported models to that.
    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        # simple-history's bulk helpers keep the change history that save() would write.
        try:
            if self.create_instances and not dry_run:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self.run.user,
                )
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        try:
            if self.update_instances and not dry_run:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self.run.user,
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
            first = self.run.seen_keys.setdefault(key, self.run.row_number)
            if first != self.run.row_number:
                errors["__all__"] = [
                    ValidationError(
                        _("This row repeats row %(row)s of the file.") % {"row": first + 1}
                    )
                ]
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        self.run.row_number = kwargs.get("row_number")
        # One spelling per name before anything is looked up (an NFD or zero-width
        # "Giảm hộ nghèo" is the stored one, not a second target).
        for column, value in row.items():
            if isinstance(value, str) and not isinstance(value, FormulaError):
                row[column] = normalize_text(value)
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self.run.pending = None
        if self.run.preview and self.run.previewed < PREVIEW_ROWS:
            self.run.pending = (instance, PreviewDiff(self, instance, new))

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.run.pending and row_result.import_type in (
            RowResult.IMPORT_TYPE_NEW,
            RowResult.IMPORT_TYPE_UPDATE,
        ):
            instance, diff = self.run.pending
            diff.compare_with(self, instance)
            row_result.diff = diff.as_html()
            self.run.previewed += 1

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        changed = (
            result.totals[RowResult.IMPORT_TYPE_NEW] + result.totals[RowResult.IMPORT_TYPE_UPDATE]
        )
        result.changes_previewed = self.run.previewed
        result.changes_not_previewed = changed - self.run.previewed

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # All or nothing: one transaction, rolled back on any error or invalid row.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        # The row-by-row diff feeds the dry run's preview; a commit has no use for it.
        self.run = ImportRun(preview=dry_run)
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)


def _fails(field, row):
    try:
        refuse_formula_error(row[field.column_name])
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
