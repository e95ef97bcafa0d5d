"""The one error hierarchy of qual-si.

Library code raises these; only the faces (``cli.py``, ``tui/``) turn them into
messages, exit codes or notifications. ``str(error)`` is always a single line a
researcher can act on: which file, where in it, and what is wrong.
"""

from __future__ import annotations

from pathlib import Path


class QualSiError(Exception):
    """Base class for every error qual-si raises on purpose."""

    #: Exit status the CLI uses for this kind of error.
    exit_code: int = 1


# --- bad input files ---------------------------------------------------------------------------


class InputError(QualSiError):
    """A file given to qual-si cannot be used. Names the file, the place and the reason."""

    exit_code = 2

    def __init__(self, path: str | Path, reason: str, *, location: str | int | None = None):
        self.path = str(path)
        self.reason = reason
        self.location = None if location is None else str(location)
        where = f"{self.path}:{self.location}" if self.location else self.path
        super().__init__(f"{where}: {reason}")


class UnreadableFile(InputError):
    """Missing, empty, binary, corrupt or password-protected file."""


class EncodingProblem(InputError):
    """The bytes could not be decoded as text in any supported encoding."""


class FormatError(InputError):
    """The file decodes but does not follow its format (malformed VTT, bad CSV column...)."""


class CodebookError(InputError):
    """A codebook file is invalid. ``problems`` lists every (location, reason) found."""

    def __init__(
        self,
        path: str | Path,
        reason: str,
        *,
        location: str | int | None = None,
        problems: list[tuple[str | None, str]] | None = None,
    ):
        super().__init__(path, reason, location=location)
        self.problems = problems or [(self.location, reason)]

    def lines(self) -> list[str]:
        """One message per problem, each naming file:line."""
        return [f"{self.path}:{loc}: {why}" if loc else f"{self.path}: {why}" for loc, why in self.problems]


class CasesFileError(InputError):
    """A cases/attributes file has a missing column or a value of the wrong type."""


# --- projects -----------------------------------------------------------------------------------


class ProjectError(QualSiError):
    """The project file or database cannot be used as asked."""


class NotAProject(ProjectError):
    """The file or database is not a qual-si project."""


class SchemaTooNew(ProjectError):
    """The project was written by a newer qual-si than this one."""


class ProjectExists(ProjectError):
    """Refusing to create a project over an existing file."""


class NotFound(QualSiError, LookupError):
    """A document, case, code, coding... named by the user does not exist."""


class ConflictError(QualSiError):
    """The action clashes with the project's state (duplicate id, changed by someone else...)."""


class InvalidOperation(QualSiError):
    """The action is not allowed (merge into a descendant, rating outside its scale...)."""


class NothingToUndo(InvalidOperation):
    """Undo or redo was asked for with nothing left on that stack."""


class OutputExists(QualSiError):
    """An export would overwrite an existing file and ``force`` was not given."""


class MissingDependency(QualSiError):
    """An optional package or model is not installed. The message says how to install it."""

    def __init__(self, what: str, install_hint: str):
        self.what = what
        self.install_hint = install_hint
        super().__init__(f"{what} is not installed. {install_hint}")
