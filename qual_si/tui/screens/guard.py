"""The action edge: library errors become notifications, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ...errors import QualSiError

T = TypeVar("T")


def failure(exc: Exception) -> str:
    """What the user is told when something fails: a library error as it is, anything else by its
    type (a bug; the session and everything already saved go on)."""
    return str(exc) if isinstance(exc, QualSiError) else f"Unexpected error: {type(exc).__name__}: {exc}"


def report(app: Any, exc: Exception, *, title: str = "Not done") -> None:
    """Notify a failure; a bug is logged as well."""
    if not isinstance(exc, QualSiError):
        app.log.error(repr(exc))
    app.notify(failure(exc), title=title, severity="error")


def guarded(app: Any, action: Callable[[], T]) -> T | None:
    """Run one action; on error notify and return None."""
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - the edge: every failure is shown, none crashes the app
        report(app, exc)
        return None


def attempt(app: Any, action: Callable[[], Any]) -> bool:
    """Run one action for its effect; True when it succeeded (errors are notified)."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001
        report(app, exc)
        return False
    return True


def mark_stale(app: Any, *, except_: Any = None) -> None:
    """Something changed the project: every screen in the stack that keeps a ``stale`` flag, but
    ``except_`` (the one that made the change), reads its data again when it is back on top."""
    for screen in app.screen_stack:
        if hasattr(screen, "stale") and screen is not except_:
            screen.stale = True
