"""The terminal interview in a real terminal: tmux runs `neurodiff interview`, keys are
sent to it and the screen is read back."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = pytest.mark.slow
TMUX = shutil.which("tmux")


def tmux(*args: str) -> str:
    assert TMUX, "tmux is required (make test installs it)"
    return subprocess.run([TMUX, *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, text: str, seconds: float = 20.0) -> str:
    deadline = time.time() + seconds
    screen = ""
    while time.time() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session, "-S", "-200")
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; screen:\n{screen}")


def test_interview_answers_in_a_real_terminal() -> None:
    session = f"nd-{uuid.uuid4().hex[:8]}"
    interview = f"{sys.executable} -m neurodiff interview --setting neurology --age 50 --sex female"
    command = f"{interview}; echo INTERVIEW-ENDED; sleep 60"  # keep the pane to read it
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", command)
    try:
        wait_for(session, "Tick every one that applies")
        tmux("send-keys", "-t", session, "1", "Enter")
        screen = wait_for(session, "So far (5 answered)")
        if "INTERVIEW-ENDED" not in screen:
            assert "[y]es" in screen or "Numbers that apply" in screen
            tmux("send-keys", "-t", session, "q", "Enter")
        screen = wait_for(session, "INTERVIEW-ENDED")
        assert "Summary" in screen and "What to do" in screen
    finally:
        subprocess.run(
            [TMUX or "tmux", "kill-session", "-t", session], capture_output=True, check=False
        )
