"""``bash tools/run.sh`` says what it is doing before each slow step of its set-up (the first
run spends half a minute or more there), on stderr so the app's own output stays clean."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_each_slow_step_is_announced_first(tmp_path: Path) -> None:
    """Run with stand-ins for bash's helpers, python3 and the app: the words come before
    each step, in order."""
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    copy = tmp_path / "repo"
    (copy / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "run.sh", copy / "tools" / "run.sh")
    (copy / "tools" / "system-deps.sh").write_text("echo STEP system-deps >&2\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python3 = bin_dir / "python3"
    # The stand-in python3 makes a .venv whose python and psoas-timer only say they ran.
    python3.write_text(
        "#!/bin/sh\n"
        'echo "STEP python3 $*" >&2\n'
        "mkdir -p .venv/bin\n"
        "printf '#!/bin/sh\\necho \"STEP venv-python $*\" >&2\\n' > .venv/bin/python\n"
        "printf '#!/bin/sh\\necho \"STEP app $*\" >&2\\n' > .venv/bin/psoas-timer\n"
        "chmod +x .venv/bin/python .venv/bin/psoas-timer\n"
    )
    python3.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}")
    done = subprocess.run(
        ["bash", str(copy / "tools" / "run.sh"), "daily"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    steps = [i for i, line in enumerate(lines) if line.startswith("STEP")]
    said = [i for i, line in enumerate(lines) if line.startswith("psoas-timer: ")]
    assert len(steps) == 4  # system deps, venv, pip, the app
    for step in steps:  # something was said just before each step
        assert step - 1 in said, lines
    assert lines[steps[-1]] == "STEP app daily"
