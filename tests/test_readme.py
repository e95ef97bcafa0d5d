"""The README's commands exist and take the options it shows; the two main commands agree with CI."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main

from qual_si.cli import app, main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, re.S)


def _readme_cli_lines() -> list[list[str]]:
    lines = []
    for block in _bash_blocks():
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("qual-si "):
                lines.append(shlex.split(line)[1:])
    return lines


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = next(block.strip() for block in _bash_blocks() if "pytest" in block)
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_main_command_runs_the_demo() -> None:
    assert _bash_blocks()[0].strip().endswith("qual-si demo")


@pytest.mark.parametrize("words", _readme_cli_lines(), ids=lambda w: " ".join(w[:2]))
def test_readme_command_and_options_exist(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    group = typer.main.get_command(app)
    path = [words[0]]
    command = group.commands[words[0]]  # type: ignore[attr-defined]
    if hasattr(command, "commands") and len(words) > 1 and words[1] in command.commands:
        path.append(words[1])
    assert main([*path, "--help"]) == 0
    help_text = capsys.readouterr().out
    for option in (w.split("=")[0] for w in words if w.startswith("--")):
        assert option in help_text, f"{' '.join(path)} has no {option}"
