from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from emulation.formatting import format_date
from emulation.models import Commune

from .models import Commendation, Decision


@require_safe
@never_cache
def verify(request, code):
    """Public check of a certificate by its code: valid or revoked; unknown is a plain 404."""
    commendation = (
        Commendation.objects.select_related("decision", "award_kind", "unit")
        .exclude(decision__status=Decision.Status.DRAFT)
        .filter(verification_code=code)
        .first()
    )
    if commendation is None or len(code) > 40:
        raise Http404
    decision = commendation.decision
    return render(
        request,
        "awards/verify.html",
        {
            "commune": Commune.current(),
            "line": commendation,
            "decision": decision,
            "decision_date": format_date(decision.signed_on),
            "revoked": decision.status == Decision.Status.REVOKED,
        },
    )
