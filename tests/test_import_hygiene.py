"""The library must not drag in the UI or the heavy NLP stack when imported."""

from __future__ import annotations

from support import modules_loaded_by

HEAVY = ("textual", "rich", "spacy", "bertopic", "torch", "sklearn", "pandas")


def test_importing_the_library_does_not_load_textual_or_nlp() -> None:
    loaded = modules_loaded_by("import qual_si, qual_si.project\nfrom qual_si import Project")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_cli_start_up_does_not_load_textual_or_nlp() -> None:
    loaded = modules_loaded_by("import qual_si.cli")
    # SQLAlchemy (via the facade) loads only once a command opens a project, so --help and
    # --version stay fast.
    assert not loaded & {"textual", "spacy", "bertopic", "torch", "sklearn", "pandas", "sqlalchemy"}
