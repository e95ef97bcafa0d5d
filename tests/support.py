"""Small helpers several test modules share (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys


def modules_loaded_by(statement: str) -> set[str]:
    """Top-level packages in ``sys.modules`` after running ``statement`` in a fresh interpreter."""
    code = f"{statement}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def default_file_mode() -> int:
    """The permissions a new file gets under the current umask (what exports must give, not 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
