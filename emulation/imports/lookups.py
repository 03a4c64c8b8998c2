"""Related rows named in the file by natural keys (a unit's name, a movement's year, a
pledge by year and unit), looked up once per import rather than once per row.

``CachedLookupWidget`` is django-import-export's ``CachedForeignKeyWidget`` (the rows read
in one query the first time a cell asks, matched on the Python side by the keys
``get_lookup_kwargs`` names), with the clerk's message for a name that matches nothing
and forgotten between two imports. ``LookupCache`` is for lookups the library's cache
cannot express (a draft decision by number, with a message that depends on its state).

A natural key names a row of the importing user's commune only: two communes of a
province both have their "Thôn 1" and their 2023 movement.
"""

from import_export import widgets

from ..text import unescape_formula


class LookupCache:
    """Widgets that look rows up remember them for one import (reset in before_import,
    with the user who imports)."""

    user = None

    def reset(self, user=None):
        self._cache = {}
        self.user = user

    def within_reach(self, queryset):
        """The rows of ``queryset`` in the importing user's communes (every commune for
        the command line)."""
        from ..policy import COMMAND_LINE
        from ..scoping import in_user_communes

        return in_user_communes(queryset, self.user or COMMAND_LINE)

    def remember(self, key, lookup):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = lookup()
        return cache[key]


class CachedLookupWidget(LookupCache, widgets.CachedForeignKeyWidget):
    """A related row by the library's cached lookup; ``not_found`` names a miss."""

    not_found = ""

    def reset(self, user=None):
        super().reset(user)
        self.__dict__.pop("_cached_qs", None)  # the library's cache of the rows

    def get_queryset(self, value, row, *args, **kwargs):
        return self.within_reach(super().get_queryset(value, row, *args, **kwargs))

    @staticmethod
    def key(value):
        """The cell as a lookup value: 2024.0 is 2024; an escaped formula reads back."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unescape_formula(str(value).strip())

    def is_empty(self, value):
        return value is None or str(value).strip() == ""

    def not_found_message(self, key, row):
        return self.not_found % {"value": key}

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        key = self.key(value)
        # A file names the same few rows again and again; the library's cache builds a
        # key class on every lookup, so each distinct lookup is asked of it once.
        lookup = self.get_lookup_kwargs(key, row, **kwargs)
        found = self.remember(
            tuple((name, str(v)) for name, v in lookup.items()),
            lambda: self._lookup(key, row, **kwargs),
        )
        if found is None:
            raise ValueError(self.not_found_message(key, row))
        return found

    def _lookup(self, key, row, **kwargs):
        try:
            return super().clean(key, row, **kwargs)
        except (self.model.DoesNotExist, self.model.MultipleObjectsReturned):
            return None


class NaturalKeyWidget(CachedLookupWidget):
    """A related row named by one field of its own (unit name, movement year)."""

    def __init__(self, model, field, not_found, **kwargs):
        self.not_found = not_found
        super().__init__(model, field=field, **kwargs)
