"""The admin home (dashboard) and the reports page, assembled from the apps.

emulation knows no other app: targets, pledges and awards each register, in ready(), a
panel for the dashboard and the outputs they offer for a movement. The panels read
through the same selectors as the reports, so the two always agree.
"""

from dataclasses import dataclass, field

_PANELS = []
_OUTPUTS = []


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 0


@dataclass
class Output:
    """A report the office can open for a movement."""

    group: str
    title: str
    links: list  # [(label, url)]
    order: int = 0


def register_panel(provider):
    """``provider(request, movement)`` returns a ``Panel`` or None (not for this user)."""
    if provider not in _PANELS:
        _PANELS.append(provider)


def register_outputs(provider):
    """``provider(request, movement)`` returns a list of ``Output``."""
    if provider not in _OUTPUTS:
        _OUTPUTS.append(provider)


def panels(request, movement):
    found = [p for p in (provider(request, movement) for provider in _PANELS) if p]
    return sorted(found, key=lambda p: p.order)


def outputs(request, movement):
    found = [o for provider in _OUTPUTS for o in provider(request, movement)]
    return sorted(found, key=lambda o: o.order)
