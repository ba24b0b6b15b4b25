import os

import bayestune


def test_jar_path_names_an_existing_jar():
    path = bayestune.jar_path()
    assert os.path.isfile(path) and path.endswith(".jar")


def test_jar_path_explains_how_to_get_a_jar(monkeypatch, tmp_path):
    monkeypatch.setenv("BAYESTUNE_JAR", str(tmp_path / "missing.jar"))
    monkeypatch.setattr(bayestune._jar, "_candidates", lambda: [str(tmp_path / "missing.jar")])
    try:
        bayestune.jar_path()
    except FileNotFoundError as e:
        assert "mvn -B -DskipTests package" in str(e)
    else:
        raise AssertionError("expected FileNotFoundError")


def test_the_jar_classes_load_in_spark(spark):
    jvm = spark.sparkContext._jvm
    space = jvm.io.bayestune.ml.SearchSpace.builder().addInt("maxDepth", 2, 5).build()
    assert "maxDepth" in space.toJson()
