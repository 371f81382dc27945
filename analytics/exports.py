"""CSV exports of dashboard tables: streamed, and safe to open in a spreadsheet."""

import csv

from django.http import StreamingHttpResponse

# A cell starting with one of these is a formula to Excel/LibreOffice/Sheets
# (CSV injection): a leading apostrophe makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def csv_rows(rows):
    """Header from the first row's keys, then one line per row (as text)."""
    writer = csv.writer(_Echo())
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    yield writer.writerow(columns)
    yield writer.writerow([safe_cell(first.get(c)) for c in columns])
    for row in rows:
        yield writer.writerow([safe_cell(row.get(c)) for c in columns])


def csv_response(rows, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if hasattr(rows, "__len__"):
        # The number of data rows, for the download's progress bar (site.js):
        # a streamed response has no Content-Length.
        response["X-Total-Rows"] = str(len(rows))
    return response
