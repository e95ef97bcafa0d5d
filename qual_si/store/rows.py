"""Row images as JSON: how the events log stores a row so undo/redo can put it back exactly."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone=True columns; everything we write is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_json(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON-safe image of ``row`` (datetimes as ISO strings in UTC, bytes as base64)."""
    image: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, datetime):
            value = _utc(value).isoformat()
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, bytes | bytearray | memoryview):
            value = base64.b64encode(bytes(value)).decode("ascii")
        image[key] = value
    return image


def from_json(table: Table, image: dict[str, Any]) -> dict[str, Any]:
    """Values ready to write back into ``table`` from an image made by :func:`to_json`."""
    values: dict[str, Any] = {}
    for key, value in image.items():
        column_type = table.c[key].type
        if value is not None:
            if isinstance(column_type, DateTime):
                value = _utc(datetime.fromisoformat(value))
            elif isinstance(column_type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column_type, LargeBinary):
                value = base64.b64decode(value)
        values[key] = value
    return values

