"""Excel (xlsx) import and export helpers built on openpyxl.

Imports are all-or-nothing: ``read_sheet`` returns every row with its line number, the
caller validates all rows, collects every error with its line and reason, and writes only
when there is none (``raise_if_errors``) inside one transaction.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from anju.core.errors import ApplicationError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20000


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
            "import.invalid_rows",
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
            "import.bad_file", _("Upload an Excel .xlsx file."), fields={"file": [_("Upload an Excel .xlsx file.")]}
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ApplicationError(
            "import.file_too_large", _("The file is larger than 10 MB."), fields={"file": [_("The file is larger than 10 MB.")]}
        )
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ApplicationError(
            "import.bad_file", _("Upload an Excel .xlsx file."), fields={"file": [_("Upload an Excel .xlsx file.")]}
        )
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ApplicationError(
            "import.bad_file",
            _("The file could not be read as an Excel workbook."),
            fields={"file": [_("The file could not be read as an Excel workbook.")]},
        ) from exc


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
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
        raise ApplicationError("import.empty_file", _("The sheet is empty."), fields={"file": [_("The sheet is empty.")]})
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
        raise ApplicationError("import.missing_columns", message, fields={"file": [message]})
    result: list[tuple[int, dict[str, Any]]] = []
    for line, values in enumerate(rows, start=2):
        record = {key: _cell(values[pos]) if pos < len(values) else None for key, pos in positions.items()}
        if all(v is None for v in record.values()):
            continue
        result.append((line, record))
        if len(result) > MAX_ROWS:
            message = _("A file may hold at most %(count)s rows.") % {"count": MAX_ROWS}
            raise ApplicationError("import.too_many_rows", message, fields={"file": [message]})
    return result


def build_workbook(sheets: Iterable[tuple[str, Sequence[Column], Iterable[Sequence[Any]]]]) -> bytes:
    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="2F6FED")
    for title, columns, rows in sheets:
        ws = workbook.create_sheet(title=title[:31])
        ws.append([("*" if c.required else "") + str(c.label) for c in columns])
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=index)
            cell.font = header_font
            cell.fill = header_fill
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
