import json

import pytest

from bayestune import SearchSpace


def test_builder_matches_the_jvm_builder(spark):
    py = (SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.01, 0.5, log=True)
          .addCategorical("lossType", ["logistic"]).build())
    jvm = spark.sparkContext._jvm.io.bayestune.ml
    gateway = spark.sparkContext._gateway
    values = gateway.new_array(gateway.jvm.java.lang.String, 1)
    values[0] = "logistic"
    java = (jvm.SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.01, 0.5, jvm.Scale.LOG)
            .addCategorical("lossType", values).build())
    assert jvm.SearchSpace.fromJson(py.to_json()).equals(java)


def test_sigopt_list_and_builder_are_equal():
    listed = SearchSpace.from_parameters([{"name": "x", "type": "double", "bounds": {"min": 0.0, "max": 1.0}}])
    built = SearchSpace.builder().addDouble("x", 0, 1).build()
    assert listed == built
    assert json.loads(built.to_json())["parameters"][0]["bounds"] == {"min": 0.0, "max": 1.0}


@pytest.mark.parametrize("bad, words", [
    ([], "names no parameter"),
    ({"parameters": []}, "names no parameter"),
    ([{"type": "double"}], "parameters[0]"),
    ("not json", "not valid JSON"),
])
def test_bad_spaces_name_the_field(bad, words):
    with pytest.raises(ValueError, match=None) as e:
        SearchSpace.from_parameters(bad)
    assert words in str(e.value)


def test_builder_errors_say_the_fix():
    with pytest.raises(TypeError, match="addDouble"):
        SearchSpace.builder().addInt("n", 1, 2.5)
    with pytest.raises(ValueError, match="log scale needs min > 0"):
        SearchSpace.builder().addDouble("lr", 0, 1, log=True)
    with pytest.raises(ValueError, match="added twice"):
        SearchSpace.builder().addInt("n", 1, 2).addInt("n", 1, 3)
