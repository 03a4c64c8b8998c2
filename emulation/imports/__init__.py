"""What every spreadsheet import and export of the project shares, by concern:

- ``reading``: the file formats (xlsx by calamine, CSV with a BOM), the row limit, and
  the refusals of a cell (Excel error values, control characters);
- ``widgets``: cell <-> value (safe text, Vietnamese numbers, Có/Không, choice labels);
- ``lookups``: related rows by natural key, looked up once per import;
- ``loading``: the stored row of each spreadsheet row, in one query;
- ``preview``: the dry run's before/after of the first rows that change;
- ``resource``: ``VietnameseModelResource``, the base of every resource: Vietnamese
  column headers both ways, row errors keyed by the column the clerk sees, repeats
  refused, all-or-nothing, rows written in bulk with their change history.
"""

from .loading import PreloadedInstanceLoader
from .lookups import CachedLookupWidget, LookupCache, NaturalKeyWidget
from .preview import PREVIEW_ROWS, PreviewDiff
from .reading import (
    CSV,
    IMPORT_IN_REQUEST_ROWS,
    IMPORT_MAX_ROWS,
    XLSX,
    FormulaError,
    TooManyRows,
)
from .resource import VietnameseModelResource, error_messages
from .widgets import (
    ChoiceLabelWidget,
    SafeTextWidget,
    VietnameseDecimalWidget,
    YesNoWidget,
    direction_field,
)

__all__ = [
    "CSV",
    "CachedLookupWidget",
    "IMPORT_IN_REQUEST_ROWS",
    "IMPORT_MAX_ROWS",
    "PREVIEW_ROWS",
    "XLSX",
    "ChoiceLabelWidget",
    "FormulaError",
    "LookupCache",
    "NaturalKeyWidget",
    "PreloadedInstanceLoader",
    "PreviewDiff",
    "SafeTextWidget",
    "TooManyRows",
    "VietnameseDecimalWidget",
    "VietnameseModelResource",
    "YesNoWidget",
    "direction_field",
    "error_messages",
]
