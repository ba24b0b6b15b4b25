"""The Python notebooks run cell by cell against real PySpark: the Databricks one (``# Databricks notebook source``
format) in this process with the platform's ``display``/``displayHTML`` recorded, the Jupyter one in a real
IPython kernel through nbclient. Small budgets keep them short; what each printed and displayed is checked."""
from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(REPO, "examples", "data")
DATABRICKS = os.path.join(REPO, "notebooks", "databricks", "bayestune-tour-python.py")
JUPYTER = os.path.join(REPO, "notebooks", "jupyter", "bayestune-tour.ipynb")
MAX_TRIALS = 4
LAB_RUNS = 6


def databricks_cells(path: str) -> list[str]:
    """The code of each cell; cells that are all ``# MAGIC`` lines (Markdown, %pip) are the platform's, not Python."""
    text = open(path, encoding="utf-8").read()
    assert text.startswith("# Databricks notebook source\n"), "not in Databricks' source format"
    cells = [c.strip("\n") for c in text[len("# Databricks notebook source\n"):].split("# COMMAND ----------")]
    return [c for c in cells if c.strip() and not all(l.startswith("# MAGIC") for l in c.strip().splitlines())]


@pytest.fixture()
def notebook_env(tmp_path, monkeypatch):
    monkeypatch.setenv("BAYESTUNE_DATA", DATA)
    monkeypatch.setenv("BAYESTUNE_LOCAL_DATA", DATA)
    monkeypatch.setenv("BAYESTUNE_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("BAYESTUNE_LAB", str(tmp_path / "lab"))
    monkeypatch.setenv("BAYESTUNE_MAX_TRIALS", str(MAX_TRIALS))
    monkeypatch.setenv("BAYESTUNE_LAB_RUNS", str(LAB_RUNS))
    return tmp_path


def test_databricks_python_notebook_runs_cell_by_cell(spark, notebook_env):
    cells = databricks_cells(DATABRICKS)
    assert len(cells) >= 6
    displayed, html = [], []
    namespace = {"spark": spark, "display": displayed.append, "displayHTML": html.append}
    printed = io.StringIO()
    for number, code in enumerate(cells, 1):
        with contextlib.redirect_stdout(printed):
            try:
                exec(compile(code, f"{DATABRICKS} cell {number}", "exec"), namespace)
            except Exception as e:  # the failing cell, named, with its own error
                raise AssertionError(f"cell {number} failed: {e!r}\n{code}") from e
    out = printed.getvalue()
    assert re.search(r"best areaUnderROC 0\.[6-9]\d+ with \{", out), out
    assert re.search(r"held-out areaUnderROC of the refitted best model: 0\.[6-9]", out), out
    assert f"reloaded: 6 stages, {MAX_TRIALS} trials" in out, out
    assert re.search(r"best 3-fold AUC 0\.[6-9]\d+ with \{", out), out
    assert re.search(rf"best mix after {LAB_RUNS} lab runs: \{{.*\}} -> \d+\.\d MPa", out), out
    # display() got the tuner's trials and the tune() trials, one row per trial.
    assert [d.count() for d in displayed] == [MAX_TRIALS, MAX_TRIALS]
    assert namespace["tuned"].trials.where("status = 'completed'").count() == MAX_TRIALS


def test_jupyter_notebook_runs_in_a_kernel(notebook_env):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(JUPYTER, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook_env)}}).execute()
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{output.get('ename')}: {output.get('evalue')}"
            texts.append(output.get("text", "") + str(output.get("data", {}).get("text/plain", "")))
    out = "\n".join(texts)
    assert "Spark 4.1.0, bayestune jar bayestune-" in out
    assert re.search(r"best areaUnderROC 0\.[6-9]\d+ with \{", out), out
    assert f"reloaded: 6 stages, {MAX_TRIALS} trials" in out, out
    assert re.search(r"best 3-fold AUC 0\.[6-9]\d+ with \{", out), out
    assert re.search(rf"best mix after {LAB_RUNS} lab runs: \{{.*\}} -> \d+\.\d MPa", out), out
