"""What management commands share: naming the commune a command works on, and writing
a report to a file or to standard output."""

import sys

from django.core.management.base import CommandError

from .models import Commune


def of_commune(queryset, name, commune_path):
    """``queryset`` limited to the commune named ``name`` (its name, or "xã Name");
    without a name, refused when its rows belong to several communes."""
    if name:
        wanted = name.strip().casefold()
        matches = [
            c for c in Commune.objects.all() if wanted in (c.name.casefold(), str(c).casefold())
        ]
        if not matches:
            raise CommandError(f"Không có xã nào tên “{name}”.")
        return queryset.filter(**{f"{commune_path}__in": [c.pk for c in matches]})
    communes = set(queryset.values_list(commune_path, flat=True))
    if len(communes) > 1:
        names = ", ".join(sorted(str(c) for c in Commune.objects.filter(pk__in=communes)))
        raise CommandError(f"Có ở nhiều xã ({names}): chọn một bằng --commune TÊN.")
    return queryset


def write_report(command, content: bytes, output: str | None, as_text: bool) -> None:
    """``content`` to the file ``output``, or to standard output (text as text, a PDF or
    workbook as bytes)."""
    if output:
        with open(output, "wb") as handle:
            handle.write(content)
        command.stdout.write(f"Đã ghi {output}")
    elif as_text:
        command.stdout.write(content.decode(), ending="")
    else:
        sys.stdout.buffer.write(content)
