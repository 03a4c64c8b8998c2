"""Related rows named by natural keys (a unit's name, a movement's year), looked up once
per import rather than once per row."""

from django.core.exceptions import ValidationError
from import_export import widgets

from ..text import unescape_formula


class LookupCache:
    """Widgets that look rows up remember them for one import (reset in before_import)."""

    def reset(self):
        self._cache = {}

    def remember(self, key, lookup):
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            cache[key] = lookup()
        return cache[key]

    def prime(self, found):
        """Rows of this import read in one query beforehand, by the key ``remember`` uses."""
        self.__dict__.setdefault("_cache", {}).update(found)


class NaturalKeyWidget(LookupCache, widgets.ForeignKeyWidget):
    """A related row named by a natural key (unit name, movement year, decision number)."""

    def __init__(self, model, field, not_found, **kwargs):
        self.not_found = not_found
        self._cache = {}
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        key = value
        if isinstance(value, float) and value.is_integer():
            key = int(value)
        key = unescape_formula(str(key).strip())
        if key not in self._cache:
            try:
                self._cache[key] = self.get_queryset(value, row, **kwargs).get(**{self.field: key})
            except (self.model.DoesNotExist, ValueError, ValidationError):
                self._cache[key] = None
        if self._cache[key] is None:
            raise ValueError(self.not_found % {"value": key})
        return self._cache[key]

    def is_empty(self, value):
        return value is None or str(value).strip() == ""
