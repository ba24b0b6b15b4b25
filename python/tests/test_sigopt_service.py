"""SigOpt's official Python client (pip `sigopt`, unchanged) against `bayestune serve` (docs/service.md)."""
from __future__ import annotations

import json
import math

import requests

import pytest

sigopt = pytest.importorskip("sigopt")
from sigopt.exception import ApiException  # noqa: E402


def connect(service, token):
    conn = sigopt.Connection(client_token=token)
    conn.set_api_url(service.url)
    return conn


def evaluate(a) -> float | None:
    """A made-up yield: peaks at temperature 70, 3 washes, ethanol with a short stir; fails above 95 degrees."""
    if a["temperature"] > 95:
        return None
    y = -((a["temperature"] - 70) / 20) ** 2 - 0.1 * (a["washes"] - 3) ** 2
    if a["solvent"] == "ethanol":
        y += 0.5 - 0.2 * abs(a["stir_minutes"] - 10) / 10
    return y + (0.2 if a["catalyst"] == "pd" else 0.0)


def test_the_documented_loop_with_double_int_categorical_and_conditional_parameters(sigopt_service):
    conn = connect(sigopt_service, sigopt_service.team_tokens["chem"])
    experiment = conn.experiments().create(
        name="Batch yield",
        parameters=[
            dict(name="temperature", type="double", bounds=dict(min=20.0, max=100.0)),
            dict(name="washes", type="int", bounds=dict(min=1, max=6)),
            dict(name="catalyst", type="categorical", categorical_values=["pd", "ni", "cu"]),
            dict(name="stir_minutes", type="double", bounds=dict(min=1, max=30), conditions=dict(solvent=["ethanol"])),
        ],
        conditionals=[dict(name="solvent", values=["water", "ethanol"])],
        metrics=[dict(name="yield", objective="maximize")],
        observation_budget=30,
    )
    assert experiment.progress.observation_count == 0
    failures = 0
    for _ in range(experiment.observation_budget):
        suggestion = conn.experiments(experiment.id).suggestions().create()
        value = evaluate(suggestion.assignments)
        if value is None:
            failures += 1
            conn.experiments(experiment.id).observations().create(suggestion=suggestion.id, failed=True)
        else:
            conn.experiments(experiment.id).observations().create(suggestion=suggestion.id, value=value)
    experiment = conn.experiments(experiment.id).fetch()
    assert experiment.progress.observation_count == 30
    observations = list(conn.experiments(experiment.id).observations().fetch().iterate_pages())
    assert len(observations) == 30
    assert sum(1 for o in observations if o.failed) == failures
    best = list(conn.experiments(experiment.id).best_assignments().fetch().iterate_pages())
    assert len(best) == 1
    top = max(evaluate(o.assignments) for o in observations if not o.failed)
    assert best[0].value == pytest.approx(top)
    assert best[0].value > -0.2, "30 rounds find a good batch (the optimum is 0.7)"
    if best[0].assignments["solvent"] == "water":
        assert "stir_minutes" not in best[0].assignments


def test_refusals_use_sigopts_error_shape_and_change_nothing(sigopt_service):
    chem = connect(sigopt_service, sigopt_service.team_tokens["chem"])
    experiment = chem.experiments().create(
        name="refusals", parameters=[dict(name="x", type="double", bounds=dict(min=0, max=1))],
        metrics=[dict(name="f")])
    suggestion = chem.experiments(experiment.id).suggestions().create()
    # The client's HTTP library refuses to send NaN, so it goes raw, as Python's json module writes it.
    nan = requests.post(f"{sigopt_service.url}/v1/experiments/{experiment.id}/observations",
                        data=json.dumps({"suggestion": suggestion.id, "value": math.nan}),
                        auth=(sigopt_service.team_tokens["chem"], ""), timeout=30)
    assert nan.status_code == 400
    assert nan.json()["object"] == "error" and "value must be finite" in nan.json()["message"]
    with pytest.raises(ApiException) as unknown:
        chem.experiments(experiment.id).observations().create(suggestion="4242", value=1.0)
    assert unknown.value.status_code == 400 and "suggestion" in str(unknown.value)
    with pytest.raises(ApiException) as bounds:
        chem.experiments().create(parameters=[dict(name="x", type="double", bounds=dict(min=1, max=0))],
                                  metrics=[dict(name="f")])
    assert bounds.value.status_code == 400 and "parameters[0]" in str(bounds.value)
    assert chem.experiments(experiment.id).fetch().progress.observation_count == 0

    with pytest.raises(ApiException) as wrong:
        connect(sigopt_service, "not-a-token").experiments(experiment.id).fetch()
    assert wrong.value.status_code == 401
    with pytest.raises(ApiException) as theirs:
        connect(sigopt_service, sigopt_service.team_tokens["fraud"]).experiments(experiment.id).fetch()
    assert theirs.value.status_code == 404
    chem.experiments(experiment.id).observations().create(suggestion=suggestion.id, value=0.5)
    with pytest.raises(ApiException) as again:
        chem.experiments(experiment.id).observations().create(suggestion=suggestion.id, value=0.6)
    assert again.value.status_code == 400 and "already observed" in str(again.value)
    assert chem.experiments(experiment.id).fetch().progress.observation_count == 1


def test_no_token_ever_reaches_the_log(sigopt_service):
    log = "".join(sigopt_service.stderr_lines)
    assert "401" in log, "refused logins are logged"
    for token in list(sigopt_service.team_tokens.values()) + ["not-a-token"]:
        assert token not in log
