import zipfile
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.forms import ImportForm, SelectableFieldsExportForm

from .formatting import format_number, parse_number


class VietnameseDecimalField(forms.DecimalField):
    """A figure typed and shown the Vietnamese way: "5.018,6" (also "5018.6")."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_number(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_number(value)
        return value

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "size": "12", "autocomplete": "off"}


# For ModelAdmin.formfield_overrides: every figure field of the admin.
VIETNAMESE_FIGURES = {models.DecimalField: {"form_class": VietnameseDecimalField}}


# A spreadsheet of a commune's year is a few hundred kilobytes; these limits refuse a
# mistaken or hostile upload before it is read (an xlsx is a zip: its unpacked size is
# checked too, against "zip bombs").
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024


def check_spreadsheet_upload(upload):
    if upload.size > IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)s MB; split it or remove what is not needed."),
            params={"limit": IMPORT_MAX_BYTES // 1024 // 1024},
            code="too_large",
        )
    upload.seek(0)
    if upload.read(4) == b"PK\x03\x04":
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile as error:
            raise ValidationError(_("The Excel file is damaged."), code="bad_zip") from error
        if unpacked > IMPORT_MAX_UNPACKED_BYTES:
            raise ValidationError(
                _("The Excel file unpacks to more than %(limit)s MB and is refused."),
                params={"limit": IMPORT_MAX_UNPACKED_BYTES // 1024 // 1024},
                code="too_large",
            )
    upload.seek(0)


class SpreadsheetImportForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        check_spreadsheet_upload(upload)
        return upload


class SpreadsheetExportForm(SelectableFieldsExportForm):
    """The export page lists each column by the Vietnamese header it will carry."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field else field_name


class LoginForm(AdminAuthenticationForm):
    """The admin login, which says how many tries remain before the lockout and how long
    the lockout lasts (django-axes counts the failures)."""

    def get_invalid_login_error(self):
        from axes.handlers.proxy import AxesProxyHandler

        error = super().get_invalid_login_error()
        failures = AxesProxyHandler.get_failures(
            self.request, {"username": self.cleaned_data.get("username")}
        )
        left = settings.AXES_FAILURE_LIMIT - failures
        if left <= 0:
            return error
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        warning = ngettext(
            "%(left)s more wrong try locks the account for %(minutes)s minutes.",
            "%(left)s more wrong tries lock the account for %(minutes)s minutes.",
            left,
        ) % {"left": left, "minutes": minutes}
        return ValidationError([error, ValidationError(warning, code="tries_left")])
