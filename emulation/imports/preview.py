"""The dry run's preview: the first rows a file adds or changes, before and after."""

from diff_match_patch import diff_match_patch
from django.utils.safestring import SafeString
from import_export import resources

# The preview lists at most this many of the rows a file adds or changes (a table of 5,000
# rows helps no one and is slow to send to a browser); the counts above it cover every row.
PREVIEW_ROWS = 200


class PreviewDiff(resources.Diff):
    """A row's before and after in the preview, from its values rendered before and after
    the import: a new row has no "before" to render, and the text diff runs only where a
    value changed. The cells carry diff-match-patch's markup either way."""

    dmp = diff_match_patch()

    def __init__(self, resource, instance, new):
        self.new = new
        self.left = None if new else self._read_field_values(resource, instance)
        self.right = []

    def compare_with(self, resource, instance):
        self.right = self._read_field_values(resource, instance)

    @classmethod
    def _read_field_values(cls, resource, instance):
        # Field.export without its attribute-path walk for a plain column.
        values = []
        for field in resource.get_import_fields():
            if not field.attribute or "__" in field.attribute:
                values.append(field.export(instance))
                continue
            value = getattr(instance, field.attribute, None)
            if callable(value):
                values.append(field.export(instance))
                continue
            values.append(field.widget.render(value))
        return values

    def as_html(self):
        cells = []
        for index, after in enumerate(self.right):
            after = "" if after is None else str(after)
            before = "" if self.left is None else str(self.left[index] or "")
            if before == after:
                html = f"<span>{_diff_text(after)}</span>" if after else ""
            elif not before:
                html = f'<ins style="background:#e6ffe6;">{_diff_text(after)}</ins>'
            else:
                diff = self.dmp.diff_main(before, after)
                self.dmp.diff_cleanupSemantic(diff)
                html = self.dmp.diff_prettyHtml(diff)
            cells.append(SafeString(html))
        return cells


def _diff_text(text):
    # As diff_match_patch.diff_prettyHtml writes a text.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "&para;<br>")
    )
