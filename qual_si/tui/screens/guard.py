"""The action edge: library errors become notifications, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ...errors import QualSiError

T = TypeVar("T")


def _report(app: Any, exc: Exception) -> None:
    if isinstance(exc, QualSiError):
        app.notify(str(exc), title="Not done", severity="error")
    else:  # a bug: say so, keep the session (and everything already committed) alive
        app.log.error(repr(exc))
        app.notify(f"{type(exc).__name__}: {exc}", title="Unexpected error", severity="error")


def guarded(app: Any, action: Callable[[], T]) -> T | None:
    """Run one action; on error notify and return None."""
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - the edge: every failure is shown, none crashes the app
        _report(app, exc)
        return None


def attempt(app: Any, action: Callable[[], Any]) -> bool:
    """Run one action for its effect; True when it succeeded (errors are notified)."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        _report(app, exc)
        return False
    return True
