"""What every screen whose data is read in a worker shares: the loading indicator, the worker edge
(a failure is a notification, never a crash) and reading again when it is back on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.screen import Screen
from textual.widgets import LoadingIndicator

from .guard import report

R = TypeVar("R")
T = TypeVar("T")


class DataScreen(Screen[R]):
    """A screen with a :class:`LoadingIndicator` whose data a ``@work(thread=True)`` method reads
    through :meth:`deliver`. Screens that follow changes made elsewhere set ``self.stale = False``
    and define ``reload()`` (see :func:`guard.mark_stale`)."""

    #: The title of the notification when reading fails.
    FAILURE_TITLE = "Not read"

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False

    @property
    def project(self) -> Any:
        return self.app.project  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        reload = getattr(self, "reload", None)
        if getattr(self, "stale", False) and callable(reload):
            reload()

    def loading(self) -> None:
        """Show the indicator until the worker's answer (or its failure) arrives."""
        self.loaded = False
        self.query_one(LoadingIndicator).display = True

    def deliver(self, read: Callable[[], T], show: Callable[[T], Any], *, title: str | None = None) -> None:
        """Call in the worker thread: ``read`` there, then ``show`` its answer on the UI thread.

        A failure of either is a notification: with Textual's ``exit_on_error`` a worker that
        raised would close the app.
        """
        try:
            found = read()
        except Exception as exc:  # noqa: BLE001 - the worker edge: a failure is shown, never a crash
            self.app.call_from_thread(self.failed, exc, title)
            return
        self.app.call_from_thread(self._show_or_fail, show, found)

    def _show_or_fail(self, show: Callable[[T], Any], found: T) -> None:
        try:
            show(found)
        except Exception as exc:  # noqa: BLE001 - a bug drawing the answer is shown too, never a crash
            self.failed(exc)

    def failed(self, exc: Exception, title: str | None = None) -> None:
        self.query_one(LoadingIndicator).display = False
        self.loaded = True
        report(self.app, exc, title=title or self.FAILURE_TITLE)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
