"""Excel (xlsx) import and export helpers built on openpyxl.

Imports are all-or-nothing: ``read_sheet`` returns every row with its line number, the
caller validates all rows, collects every error with its line and reason, and writes only
when there is none (``raise_if_errors``) inside one transaction.

Exports put every value into a sheet through ``write_cell`` (``build_workbook`` does it for them), so text a user
typed - a customer named ``=HYPERLINK(...)``, an address ``=cmd|' /C calc'!A0`` - is always a text cell, never a
formula (CSV/formula injection, CWE-1236).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.validators import strip_invisible

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20000
MAX_SCANNED_ROWS = 2 * MAX_ROWS  # rows read at most, blank ones included


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # a lazy translation: the header in the request's language
    required: bool = False
    width: int = 16


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportErrors:
    errors: list[RowError] = field(default_factory=list)

    def add(self, line: int, field_name: str, message: Any) -> None:
        self.errors.append(RowError(line, field_name, str(message)))

    def raise_if_errors(self) -> None:
        if not self.errors:
            return
        rows = [{"line": e.line, "field": e.field, "message": e.message} for e in self.errors]
        messages = [_("Line %(line)s, %(field)s: %(message)s") % r for r in rows]
        raise ApplicationError(
            CoreErrorCode.IMPORT_INVALID_ROWS,
            _("The file has %(count)s error(s); nothing was imported.") % {"count": len(rows)},
            fields={"file": messages},
            extra={"rows": rows},
        )


def _labels(column: Column) -> set[str]:
    names = {column.key.lower()}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            names.add(str(column.label).strip().lower())
    return names


def open_workbook(upload: Any) -> Any:
    """Validate an uploaded file (size, zip magic bytes, xlsx structure) and open it read-only."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ApplicationError(
            CoreErrorCode.IMPORT_BAD_FILE, _("Upload an Excel .xlsx file."), fields={"file": [_("Upload an Excel .xlsx file.")]}
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            CoreErrorCode.IMPORT_FILE_TOO_LARGE,
            _("The file is larger than 10 MB."),
            fields={"file": [_("The file is larger than 10 MB.")]},
        )
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ApplicationError(
            CoreErrorCode.IMPORT_BAD_FILE, _("Upload an Excel .xlsx file."), fields={"file": [_("Upload an Excel .xlsx file.")]}
        )
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ApplicationError(
            CoreErrorCode.IMPORT_BAD_FILE,
            _("The file could not be read as an Excel workbook."),
            fields={"file": [_("The file could not be read as an Excel workbook.")]},
        ) from exc


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = strip_invisible(value)  # whitespace and zero-width characters: a cell of only those is empty
        return value or None
    return value


def read_sheet(workbook: Any, columns: Sequence[Column], *, sheet: str | None = None) -> list[tuple[int, dict[str, Any]]]:
    """Rows of one sheet as ``(line number, {key: value})``; the first row is the header."""
    if sheet is not None:
        names = {sheet.lower()}
        matches = [ws for ws in workbook.worksheets if ws.title.strip().lower() in names]
        if not matches:
            return []
        worksheet = matches[0]
    else:
        worksheet = workbook.worksheets[0]
    rows = worksheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ApplicationError(
            CoreErrorCode.IMPORT_EMPTY_FILE, _("The sheet is empty."), fields={"file": [_("The sheet is empty.")]}
        )
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        if title is None:
            continue
        label = str(title).strip().lstrip("*").strip().lower()
        for column in columns:
            if label in _labels(column):
                positions[column.key] = index
    missing = [str(c.label) for c in columns if c.required and c.key not in positions]
    if missing:
        message = _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        raise ApplicationError(CoreErrorCode.IMPORT_MISSING_COLUMNS, message, fields={"file": [message]})
    too_many = _("A file may hold at most %(count)s rows.") % {"count": MAX_ROWS}
    # A small file can declare (or hold) millions of blank rows: refuse by the declared size first, and count blank
    # rows too while reading, so a crafted sheet costs at most MAX_SCANNED_ROWS row reads.
    declared = getattr(worksheet, "max_row", None)
    if isinstance(declared, int) and declared > MAX_SCANNED_ROWS:
        raise ApplicationError(CoreErrorCode.IMPORT_TOO_MANY_ROWS, too_many, fields={"file": [too_many]})
    result: list[tuple[int, dict[str, Any]]] = []
    for line, values in enumerate(rows, start=2):
        if line > MAX_SCANNED_ROWS:
            raise ApplicationError(CoreErrorCode.IMPORT_TOO_MANY_ROWS, too_many, fields={"file": [too_many]})
        record = {key: _cell(values[pos]) if pos < len(values) else None for key, pos in positions.items()}
        if all(v is None for v in record.values()):
            continue
        result.append((line, record))
        if len(result) > MAX_ROWS:
            raise ApplicationError(CoreErrorCode.IMPORT_TOO_MANY_ROWS, too_many, fields={"file": [too_many]})
    return result


# What makes Excel, WPS or LibreOffice read typed text as a formula (or as DDE, ``=cmd|...``): the OWASP list, plus the
# full-width forms a Chinese input method produces, which some spreadsheet programs convert on entry. Being generous
# costs nothing: a flagged cell still shows exactly the same text.
FORMULA_TRIGGERS = frozenset("=+-@\t\r＝＋－＠")


def looks_like_formula(text: str) -> bool:
    """True when ``text`` would start a formula if typed into a cell, also after leading (invisible) whitespace."""
    if text[:1] in FORMULA_TRIGGERS:
        return True
    return strip_invisible(text)[:1] in FORMULA_TRIGGERS


def write_cell(worksheet: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Put ``value`` into one cell of an export: the one way every export writes a sheet (see the module docstring).

    Numbers, Decimals, dates and booleans the code produces stay typed values. Every string is an explicit text cell:
    openpyxl itself would store any string that starts with "=" as a formula (and "#N/A" as an error), so the type it
    guessed is overwritten with "s". A string that *looks* like a formula also gets the cell style ``quotePrefix`` -
    the hidden apostrophe Excel adds when someone types ``'=1+1``: the cell shows exactly what the user typed (no
    visible apostrophe, unlike prefixing the value with ``'``), and it stays text when someone edits the cell and
    presses Enter, where a plain text cell would turn into a live formula. Trade-off, chosen knowingly: a sheet
    re-saved as CSV by the user loses both protections (CSV has no cell types); our own exports are never CSV.
    """
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str):
        # Control characters XML cannot hold would make openpyxl refuse the whole file: drop them.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = worksheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def build_workbook(sheets: Iterable[tuple[str, Sequence[Column], Iterable[Sequence[Any]]]]) -> bytes:
    """An xlsx file of one sheet per ``(title, columns, rows)``; every value goes through ``write_cell``."""
    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="2F6FED")
    for title, columns, rows in sheets:
        ws = workbook.create_sheet(title=title[:31])
        for index, column in enumerate(columns, start=1):
            cell = write_cell(ws, 1, index, ("*" if column.required else "") + str(column.label))
            cell.font = header_font
            cell.fill = header_fill
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        for row_index, row in enumerate(rows, start=2):
            for column_index, value in enumerate(row, start=1):
                if value is not None:
                    write_cell(ws, row_index, column_index, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    # a name built from record data (a batch number) is kept to safe characters: no quote, newline or path in a header
    safe = "".join(c for c in filename if c.isascii() and (c.isalnum() or c in "._-")) or "export.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["Cache-Control"] = "no-store"  # exports can hold personal data: no copy in a browser or proxy cache
    return response
