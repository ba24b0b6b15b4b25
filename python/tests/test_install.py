""".ci/install-deps prints on stdout only the `export NAME=value` lines that .ci/run evaluates.

The apt-get path is the one that broke CI on a fresh machine (apt's progress lines landed in .ci/run's eval), so the
test takes it on purpose: an `apt-get` placed first on PATH prints to stdout as the real one does and records its
arguments, and a `javac` that reports Java 11 makes the script ask for a JDK. Everything else (java, mvn, python3,
.ci/python-env on the real .venv) is the machine's own.
"""
from __future__ import annotations

import os
import re
import stat
import subprocess

EXPORT_LINE = re.compile(r"^export [A-Z_][A-Z0-9_]*=")


def _script(path: str, body: str) -> None:
    with open(path, "w") as out:
        out.write("#!/usr/bin/env bash\n" + body)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_install_deps_prints_only_export_lines_even_when_apt_runs(repo_root, tmp_path):
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    calls = tmp_path / "apt-calls"
    _script(str(fake_bin / "apt-get"),
            f'echo "apt-get $*" >> "{calls}"\n'
            'echo "Reading package lists... Done"\n'
            'echo "Setting up openjdk-17-jdk-headless (17.0.15) ..."\n'
            'echo "W: a warning on stderr" >&2\n')
    _script(str(fake_bin / "javac"), 'echo "javac 11.0.2"\n')
    _script(str(fake_bin / "id"), 'echo 0\n')  # take the install branch on a developer's non-root machine too
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")

    run = subprocess.run(["bash", os.path.join(repo_root, ".ci", "install-deps")], env=env,
                         capture_output=True, text=True, timeout=600)

    assert run.returncode == 0, run.stderr
    bad = [line for line in run.stdout.splitlines() if not EXPORT_LINE.match(line)]
    assert bad == [], f"install-deps printed non-export lines on stdout: {bad}"
    apt = calls.read_text()
    assert "apt-get update" in apt and "openjdk-17-jdk-headless" in apt, apt
    assert "Reading package lists" in run.stderr, "apt-get's stdout must reach stderr, not vanish"

    # What .ci/run does with it (with everything installed, there may be no line at all).
    evaluated = subprocess.run(["bash", "-c", 'eval "$1" && echo evaluated', "-", run.stdout],
                               capture_output=True, text=True, timeout=60)
    assert evaluated.stdout.strip() == "evaluated", evaluated.stderr
