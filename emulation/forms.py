from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

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
