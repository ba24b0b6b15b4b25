"""The curl commands of README.md and docs/service.md, run as written against a real `bayestune serve`."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

BLOCK = re.compile(r"<!-- service-curl: start -->(.*?)<!-- service-curl: end -->", re.S)
FENCE = re.compile(r"```bash\n(.*?)```", re.S)


def documented_commands(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    scripts = [code for block in BLOCK.findall(text) for code in FENCE.findall(block)]
    assert scripts, f"{path}: no <!-- service-curl --> block"
    return "\n".join(scripts)


def run(script: str, service) -> str:
    env = dict(os.environ, SIGOPT_API_URL=service.url, SIGOPT_API_TOKEN=service.team_tokens["chem"])
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True, env=env,
                          timeout=300, check=False)
    assert done.returncode == 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    return done.stdout


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="curl and jq (.ci/install-deps)")
def test_the_service_guide_runs_as_written(sigopt_service, repo_root):
    out = run(documented_commands(os.path.join(repo_root, "docs", "service.md")), sigopt_service).splitlines()
    assert re.fullmatch(r"experiment \d+", out[0])
    observed = [json.loads(line) for line in out[1:4]]
    assert [o["id"] for o in observed] == ["1", "2", "3"] and all(isinstance(o["value"], (int, float)) for o in observed)
    assert json.loads(out[4]) == {"id": "4", "failed": True}
    assert out[5] == "2"
    best = json.loads(out[6])
    assert best["value"] == pytest.approx(max([0.97, 0.31] + [o["value"] for o in observed]))
    assert json.loads(out[7]) == {"observation_count": 6}
    page = json.loads(out[8])
    assert page["count"] == 6 and page["ids"] == ["6", "5"] and page["paging"]["before"] == "5"
    error = json.loads(out[9])
    assert error["object"] == "error" and error["status"] == 400 and error["message"].startswith("suggestion: 999")
    assert out[10] == "401"


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="curl and jq (.ci/install-deps)")
def test_the_readme_commands_run_as_written(sigopt_service, repo_root):
    out = run(documented_commands(os.path.join(repo_root, "README.md")), sigopt_service)
    assert json.loads(out) == {"id": "1", "value": 0.7}
