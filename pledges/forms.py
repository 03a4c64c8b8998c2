from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.models import Unit


class AssignTargetsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units that sign a pledge"),
        queryset=Unit.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )


class WorkflowForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    signatory_name = forms.CharField(label=_("Signed by"), required=False)
