"""The library must not drag in the UI or the heavy NLP stack when imported."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "rich", "spacy", "bertopic", "torch", "sklearn", "pandas")


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def test_importing_the_library_does_not_load_textual_or_nlp() -> None:
    loaded = _modules_loaded_by("import qual_si, qual_si.project\nfrom qual_si import Project")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_cli_start_up_does_not_load_textual_or_nlp() -> None:
    loaded = _modules_loaded_by("import qual_si.cli")
    assert not loaded & {"textual", "spacy", "bertopic", "torch", "sklearn", "pandas"}
