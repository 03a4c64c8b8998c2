from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.models import Unit


class AssignTargetsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Units that sign a pledge"),
        queryset=Unit.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, pledge_states=None, **kwargs):
        """``pledge_states``: {unit id: status label} of the units that already have a
        pledge in the movement, named beside each unit so the clerk sees them."""
        super().__init__(*args, **kwargs)
        states = pledge_states or {}

        def label(unit):
            if unit.pk in states:
                return _("%(unit)s — already has a pledge (%(status)s)") % {
                    "unit": unit.name,
                    "status": states[unit.pk],
                }
            return unit.name

        self.fields["units"].label_from_instance = label


class WorkflowForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    signatory_name = forms.CharField(label=_("Signed by"), required=False)
