from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from emulation.downloads import attach, file_name
from emulation.formatting import format_date
from emulation.models import Commune
from emulation.security import client_address

from .codes import canonical
from .models import Commendation, Decision

# Checks per client address and minute: plenty for people, too few to try codes.
CHECKS_PER_MINUTE = 30


def _too_many(request):
    key = f"verify:{client_address(request)}"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) > CHECKS_PER_MINUTE
    except ValueError:  # expired between add and incr
        return False


def _find(code):
    """The certificate of a code as printed (either version), or as typed."""
    lines = Commendation.objects.select_related(
        "decision__movement__commune", "award_kind", "unit"
    ).exclude(decision__status=Decision.Status.DRAFT)
    found = lines.filter(verification_code=code).first()
    if found is None and canonical(code):
        found = lines.filter(verification_code=canonical(code)).first()
    return found


@require_safe
@never_cache
def verify_form(request):
    """Where a code read off the paper is typed: any case, with or without dashes."""
    typed = request.GET.get("code", "").strip()
    context = {"commune": Commune.current(), "typed": typed}
    if typed:
        if _too_many(request):
            return render(
                request, "awards/verify_form.html", {**context, "limited": True}, status=429
            )
        if len(typed) <= 40 and _find(typed) is not None:
            return redirect("verify", code=canonical(typed) or typed)
        context["not_found"] = True
    return render(request, "awards/verify_form.html", context, status=404 if typed else 200)


@require_safe
@never_cache
def verify(request, code):
    """Public check of a certificate by its code: valid or revoked; unknown is a plain 404."""
    if _too_many(request):
        context = {"commune": Commune.current(), "limited": True}
        return render(request, "awards/verify_form.html", context, status=429)
    commendation = _find(code) if len(code) <= 40 else None
    if commendation is None:
        raise Http404
    decision = commendation.decision
    return render(
        request,
        "awards/verify.html",
        {
            "commune": decision.movement.commune,  # the commune that issued it
            "line": commendation,
            "decision": decision,
            "decision_date": format_date(decision.signed_on),
            "revoked": decision.status == Decision.Status.REVOKED,
            "signed": getattr(decision, "signed", None),
        },
    )


@require_safe
@never_cache
def signed_decision(request, code):
    """The digitally signed decision behind a certificate, for anyone to check in a PDF
    reader; the same rate limit as the check itself."""
    if _too_many(request):
        context = {"commune": Commune.current(), "limited": True}
        return render(request, "awards/verify_form.html", context, status=429)
    commendation = _find(code) if len(code) <= 40 else None
    signed = getattr(commendation.decision, "signed", None) if commendation else None
    if signed is None:
        raise Http404
    response = HttpResponse(bytes(signed.pdf), content_type="application/pdf")
    return attach(
        response, file_name("quyet-dinh", commendation.decision.number, "ky-so", extension="pdf")
    )
