"""Where the bayestune JVM jar is: carried in the package, or built in this checkout."""
from __future__ import annotations

import glob
import os

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _candidates() -> list[str]:
    env = os.environ.get("BAYESTUNE_JAR")
    found = [env] if env else []
    # A wheel (or `pip install ./python` after `mvn package`) carries the cluster jar in bayestune/jars/.
    found += sorted(glob.glob(os.path.join(_PACKAGE_DIR, "jars", "bayestune-*.jar")))
    # An editable install from a checkout: the jar the Maven build made in jobs/target/.
    checkout = os.path.dirname(os.path.dirname(_PACKAGE_DIR))
    found += sorted(glob.glob(os.path.join(checkout, "jobs", "target", "bayestune-[0-9]*.jar")))
    return found


def jar_path() -> str:
    """The path of the bayestune jar to give Spark (``spark.jars`` or ``spark-submit --jars``).

    Raises FileNotFoundError saying how to get one when neither the package nor the checkout has it.
    """
    for path in _candidates():
        if path and os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "bayestune: no bayestune jar found (looked at $BAYESTUNE_JAR, the package's jars/ folder and "
        "jobs/target/ of a checkout). Build it with `mvn -B -DskipTests package` in the checkout, "
        "or install a bayestune wheel, or set BAYESTUNE_JAR to the jar's path.")
