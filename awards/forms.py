from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AwardKind


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_(
            "The reason is shown publicly on the verification page of every certificate of "
            "this decision (the page its QR code opens)."
        ),
    )


class ProposeForm(forms.Form):
    award_kind = forms.ModelChoiceField(
        label=_("Award"),
        # Whether the commune may grant it on the decision's date is checked at issue.
        queryset=AwardKind.objects.filter(
            recipient_type__in=[AwardKind.Allowed.COLLECTIVE, AwardKind.Allowed.BOTH]
        ),
    )
    count = forms.IntegerField(
        label=_("How many collectives"), min_value=1, max_value=50, initial=3
    )
