"""Snapshots of the review queue and of the workbench's suggestion panel at 80x24 and 160x48
(update with ``pytest --snapshot-update``). The project is a copy of one built with fixed texts,
seed and threshold, and the app runs on a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import sentence, suggest_app
from tui_support import SIZES, snapshot_steps


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return suggest_app(tmp_path)


def _at(words: str) -> Any:
    """Put the workbench's cursor on the sentence of the first interview starting with ``words``."""
    return lambda app: app.screen.transcript.goto(sentence(app.project, "C1-ceo", words)[0])


@pytest.mark.parametrize("size", SIZES)
def test_review_queue(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the best suggestion accepted, the cursor on the next one
    assert snap_compare(app, terminal_size=size, run_before=snapshot_steps("Q", "A"))


@pytest.mark.parametrize("size", SIZES)
def test_workbench_with_suggestions(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the turn that touches every topic: more suggestions than the panel shows at first
    assert snap_compare(app, terminal_size=size, run_before=snapshot_steps(first=_at("Governors asked about workload")))
