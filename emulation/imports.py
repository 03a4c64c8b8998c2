"""What every spreadsheet import and export of the project shares.

Vietnamese column headers both ways, numbers read the Vietnamese way, related rows named
by natural keys, formula-like text escaped on export, row errors keyed by the column the
clerk sees, and all-or-nothing: any bad row and nothing is saved.
"""

import io
import zipfile

import openpyxl
import tablib
from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import NOT_PROVIDED, Field
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .achievement import Direction
from .formatting import parse_number, to_decimal
from .text import (
    FORMULA_PREFIXES,
    control_characters,
    escape_formula,
    normalize_text,
    unescape_formula,
)

# A commune's year is a few hundred rows; the benchmark imports 5,000. Above this a file
# holds a worker for a minute and gigabytes of memory: it is refused, to be split.
IMPORT_MAX_ROWS = 20_000


class FormulaError(str):
    """An Excel error value in a cell (#DIV/0!, #N/A, #VALUE!…): every column refuses it."""


class TooManyRows(ValueError):
    """A file above IMPORT_MAX_ROWS, refused before it is read."""

    def __init__(self):
        super().__init__(
            _(
                "The file has more than %(limit)s rows; split it into smaller files and "
                "import them one after another."
            )
            % {"limit": f"{IMPORT_MAX_ROWS:,}".replace(",", ".")}
        )


class XLSX(base_formats.XLSX):
    """xlsx read by calamine (Rust) instead of openpyxl: about seven times faster on a
    large sheet, with the values openpyxl's read-only mode gives the widgets: the stored
    result of a formula, whole numbers as int, empty cells as None, trailing blank rows
    dropped. The first visible worksheet is read (what the exports write). Writing xlsx
    stays with openpyxl (through tablib).

    calamine reads a formula's error result as an empty cell, which would import a broken
    formula as "no value"; a file with error cells is therefore read by openpyxl, which
    tells them apart (FormulaError)."""

    def create_dataset(self, in_stream):
        has_errors, most_rows = _scan_worksheets(in_stream)
        if most_rows > IMPORT_MAX_ROWS + 1:  # and the header row
            raise TooManyRows()
        if has_errors:
            rows = _rows_by_openpyxl(in_stream)
        else:
            rows = _rows_by_calamine(in_stream)
        rows = [[_cell_value(value) for value in row] for row in rows]
        while rows and all(value is None for value in rows[-1]):
            rows.pop()
        if not rows:
            return tablib.Dataset()
        width = max(len(row) for row in rows)
        rows = [row + [None] * (width - len(row)) for row in rows]
        return tablib.Dataset(*rows[1:], headers=rows[0])


def _refuse_control_characters(value):
    found = control_characters(value)
    if found:
        raise ValueError(
            _("The cell holds invisible control characters (%(chars)s); retype it.")
            % {"chars": ", ".join(found)}
        )


class CSV(base_formats.CSV):
    """CSV in UTF-8 with a byte-order mark, so that Excel opens Vietnamese correctly; a
    file above IMPORT_MAX_ROWS is refused before it is parsed."""

    def create_dataset(self, in_stream, **kwargs):
        text = in_stream.decode("utf-8-sig") if isinstance(in_stream, bytes) else in_stream
        if text.count("\n") > IMPORT_MAX_ROWS + 1:
            raise TooManyRows()
        return super().create_dataset(in_stream, **kwargs)

    def export_data(self, dataset, **kwargs):
        data = super().export_data(dataset, **kwargs)
        return data if data.startswith("\ufeff") else "\ufeff" + data


def _scan_worksheets(content):
    """(whether any cell holds an Excel error, the most rows of a worksheet), read from
    the worksheet parts before any parsing (their unpacked size is already limited).

    An error cell is typed t="e"; no other attribute of a worksheet part reads so (the
    formula's t is "shared", "array" or "dataTable"), and a false alarm only means the
    slower reader."""
    has_errors, most_rows = False, 0
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                part = archive.read(name)
                has_errors = has_errors or b't="e"' in part or b"t='e'" in part
                most_rows = max(most_rows, part.count(b"<row ") + part.count(b"<row>"))
    return has_errors, most_rows


def _rows_by_calamine(content):
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    visible = [
        sheet.name
        for sheet in book.sheets_metadata
        if sheet.typ == SheetTypeEnum.WorkSheet and sheet.visible == SheetVisibleEnum.Visible
    ]
    if not visible:
        return []
    return book.get_sheet_by_name(visible[0]).to_python(skip_empty_area=False)


def _rows_by_openpyxl(content):
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        return []
    return [
        [FormulaError(cell.value) if cell.data_type == "e" else cell.value for cell in row]
        for row in visible[0].iter_rows()
    ]


def _refuse_formula_error(value):
    if isinstance(value, FormulaError):
        raise ValueError(
            _(
                "The cell holds the Excel error “%(error)s”: correct the formula in Excel, "
                "then import the file again."
            )
            % {"error": value}
        )


def _cell_value(value):
    if value == "" and not isinstance(value, FormulaError):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


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


class LookupCache:
    """Widgets that look rows up remember them for one import (reset in before_import)."""

    def reset(self):
        self._cache = {}

    def remember(self, key, lookup):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = lookup()
        return cache[key]

    def prime(self, found):
        """Rows of this import read in one query beforehand, by the key ``remember`` uses."""
        self.__dict__.setdefault("_cache", {}).update(found)


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
        key = unescape_formula(str(key).strip())
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


# The preview lists at most this many of the rows a file adds or changes (a table of 5,000
# rows helps no one and is slow to send to a browser); the counts above it cover every row.
PREVIEW_ROWS = 200


class PreviewDiff(resources.Diff):
    """A row's before and after in the preview, from its values rendered before and after
    the import: a new row has no "before" to render, and the text diff runs only where a
    value changed. The cells carry diff-match-patch's markup either way."""

    dmp = diff_match_patch()

    def __init__(self, resource, instance, new):
        self.new = new
        self.left = None if new else self._read_field_values(resource, instance)
        self.right = []

    def compare_with(self, resource, instance):
        self.right = self._read_field_values(resource, instance)

    @classmethod
    def _read_field_values(cls, resource, instance):
        # Field.export without its attribute-path walk for a plain column.
        values = []
        for field in resource.get_import_fields():
            if not field.attribute or "__" in field.attribute:
                values.append(field.export(instance))
                continue
            value = getattr(instance, field.attribute, None)
            if callable(value):
                values.append(field.export(instance))
                continue
            values.append(field.widget.render(value))
        return values

    def as_html(self):
        cells = []
        for index, after in enumerate(self.right):
            after = "" if after is None else str(after)
            before = "" if self.left is None else str(self.left[index] or "")
            if before == after:
                html = f"<span>{_diff_text(after)}</span>" if after else ""
            elif not before:
                html = f'<ins style="background:#e6ffe6;">{_diff_text(after)}</ins>'
            else:
                diff = self.dmp.diff_main(before, after)
                self.dmp.diff_cleanupSemantic(diff)
                html = self.dmp.diff_prettyHtml(diff)
            cells.append(SafeString(html))
        return cells


def _diff_text(text):
    # As diff_match_patch.diff_prettyHtml writes a text.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "&para;<br>")
    )


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
        self._seen_keys = {}
        self._preview = False
        self._previewed = 0

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
        # import-export's loop over the columns, with plain columns set in place (see
        # _import_plan); every bad cell of the row is reported, keyed by its column.
        errors = {}
        for field, column, attribute, clean in self._import_plan:
            if column not in row:
                continue  # a column left out of the file keeps the row's value
            value = row[column]
            try:
                if isinstance(value, FormulaError):
                    _refuse_formula_error(value)
                if isinstance(value, str):
                    _refuse_control_characters(value)
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
            _refuse_formula_error(row[field.column_name])
            value = field.widget.clean(row[field.column_name], row=row)
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

    def changed_fields(self, instance):
        """Names of the model fields a row changes (every set field, for a new row)."""
        stored = getattr(self, "_stored", {}).get(instance.pk) if instance.pk else None
        names = set()
        for field in instance._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(instance, field.attname)
            if stored is None:
                if value not in (None, "", field.get_default()):
                    names.add(field.name)
            elif stored.get(field.attname) != value:
                names.add(field.name)
        return names

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
                    default_user=self._user,
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
        # One spelling per name before anything is looked up (an NFD or zero-width
        # "Giảm hộ nghèo" is the stored one, not a second target).
        for column, value in row.items():
            if isinstance(value, str) and not isinstance(value, FormulaError):
                row[column] = normalize_text(value)
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        self._row = None
        if self._preview and self._previewed < PREVIEW_ROWS:
            self._row = (instance, PreviewDiff(self, instance, new))

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self._row and row_result.import_type in (
            RowResult.IMPORT_TYPE_NEW,
            RowResult.IMPORT_TYPE_UPDATE,
        ):
            instance, diff = self._row
            diff.compare_with(self, instance)
            row_result.diff = diff.as_html()
            self._previewed += 1

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        changed = (
            result.totals[RowResult.IMPORT_TYPE_NEW] + result.totals[RowResult.IMPORT_TYPE_UPDATE]
        )
        result.changes_previewed = self._previewed
        result.changes_not_previewed = changed - self._previewed

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # All or nothing: one transaction, rolled back on any error or invalid row.
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        # The row-by-row diff feeds the dry run's preview; a commit has no use for it.
        self._preview = dry_run
        self._previewed = 0
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)


def _fails(field, row):
    try:
        _refuse_formula_error(row[field.column_name])
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
