"""Nothing lost: kill the workbench mid-session; every acknowledged action is in the project.

A child process drives the app headless (Pilot) and prints ``ACK`` after each coding action has
returned, i.e. after its transaction committed and before the screen moved on. The parent kills
it with SIGKILL after some acknowledgements, reopens the project and checks it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from qual_si import Project

CHILD = textwrap.dedent("""
    import asyncio, sys
    from qual_si import Project
    from qual_si.tui.app import QualSiApp

    async def main(location):
        app = QualSiApp(Project.open(location, coder="tester"))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            transcript = app.screen.transcript
            for _ in range(2000):
                before = len(transcript.model.codings)
                await pilot.press("s", "V", "1")
                if len(transcript.model.codings) > before:
                    start, end = transcript.selection
                    print(f"ACK {start} {end}", flush=True)

    asyncio.run(main(sys.argv[1]))
""")


def _long_interview(folder: Path) -> Path:
    turns = []
    for i in range(60):
        turns.append(f"Interviewer: Question {i}?")
        turns.append("Participant 1: " + " ".join(f"Sentence {i}-{j} says something about schools." for j in range(8)))
    path = folder / "long.txt"
    path.write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_session_keeps_every_acknowledged_coding(tmp_path: Path) -> None:
    location = tmp_path / "study.qsi"
    with Project.create(location, coder="tester") as project:
        project.import_documents([_long_interview(tmp_path)])
        code = project.add_code("Schools")
        project.set_favourite(1, code.id)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(location)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1])
    acknowledged: list[tuple[int, int]] = []
    deadline = time.monotonic() + 120
    try:
        assert child.stdout is not None
        while len(acknowledged) < 25 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("ACK "):
                _, start, end = line.split()
                acknowledged.append((int(start), int(end)))
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= 25, child.stderr.read() if child.stderr else ""

    with sqlite3.connect(location) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Project.open(location, coder="tester") as reopened:
        coded = {(c.start, c.end) for c in reopened.codings(code="Schools")}
        assert set(acknowledged) <= coded
        assert reopened.info().codings >= len(acknowledged)
        assert reopened.can_undo() == "coding.add"
