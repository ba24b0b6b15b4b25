"""What a tuning run returns, from ``run_job``, ``tune`` and the tuner alike."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class TuningResult:
    """The outcome of a tuning run.

    ``best_assignments`` and ``best_value`` are SigOpt's ``best_assignments`` (with noisy values, the trial a model of
    all trials rates highest; see docs/job-file.md). ``trials`` is a Spark DataFrame with one row per observation
    (id, one column per parameter, value, value_stddev, status, seconds, error), as the job's ``trials.parquet``.
    ``output`` is where the run left its files (trials table, best.json, report.html, experiment state).
    """

    best_assignments: dict[str, Any]
    best_value: Optional[float]
    best_value_stddev: Optional[float] = None
    best_trial: Optional[str] = None
    trials: Any = None
    output: Optional[str] = None
    observations: int = 0
    failed: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"TuningResult(best_value={self.best_value!r}, best_assignments={self.best_assignments!r}, "
                f"observations={self.observations}, failed={self.failed}, output={self.output!r})")
