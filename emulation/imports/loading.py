"""Finding the stored row of each spreadsheet row, in one query for the whole file."""

from import_export.instance_loaders import ModelInstanceLoader


class PreloadedInstanceLoader(ModelInstanceLoader):
    """Finds the existing row of each spreadsheet row without a query per row: the rows
    the import may touch are read once, keyed by the resource's import id fields."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.rows = None

    def get_instance(self, row):
        key = self.resource.row_key(row)
        if None in key:
            return None
        if self.rows is None:
            self.rows = {
                self.resource.natural_key_of(obj): obj for obj in self.resource.preload_queryset()
            }
            self.resource.remember_stored(self.rows.values())
        return self.rows.get(key)
