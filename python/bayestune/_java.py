"""Calls into the JVM of a classic PySpark session, with Java exceptions turned into Python ones.

A user should read the JVM's message (which names the field, the value found and the fix), not a py4j trace: an
IllegalArgumentException becomes ValueError, a missing file FileNotFoundError, anything else RuntimeError, each with
the Java class kept in ``java_class`` and the JVM trace in ``java_trace`` for whoever needs it.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

_BY_JAVA_CLASS = {
    "java.lang.IllegalArgumentException": ValueError,
    "java.lang.NumberFormatException": ValueError,
    "java.io.FileNotFoundException": FileNotFoundError,
    "java.nio.file.NoSuchFileException": FileNotFoundError,
    "java.lang.IllegalStateException": RuntimeError,
    "java.lang.InterruptedException": KeyboardInterrupt,
}


def is_connect(spark: Any) -> bool:
    """True for a Spark Connect session (its Python object has no JVM behind it)."""
    try:
        from pyspark.sql.utils import is_remote
        if is_remote():
            return True
    except ImportError:  # pyspark-client without the classic half, or an older pyspark
        pass
    return type(spark).__module__.startswith("pyspark.sql.connect") or not hasattr(spark, "_jsparkSession")


def classic_session(spark: Any, what: str, instead: str):
    """``spark`` (or the active session when None) after checking it is a classic session with a JVM."""
    if spark is None:
        from pyspark.sql import SparkSession
        spark = SparkSession.getActiveSession()
        if spark is None:
            raise ValueError(f"bayestune: {what} needs a SparkSession, but none is active; pass spark=... "
                             "(SparkSession.builder.config('spark.jars', bayestune.jar_path()).getOrCreate())")
    if is_connect(spark):
        raise NotImplementedError(f"bayestune: {what} runs on the driver's JVM and a Spark Connect session has none "
                           f"(shared or serverless compute); {instead}")
    return spark


def call(fn: Callable[[], Any], subject: Optional[str] = None) -> Any:
    """``fn()``, with a Java exception raised as the matching Python exception carrying the JVM's message."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors.exceptions.captured import CapturedException
    try:
        return fn()
    except Py4JJavaError as e:
        raise translated(e.java_exception, str(e), subject) from None
    except CapturedException as e:
        # PySpark's own py4j hook turns some Java exceptions into these first; the Java one is kept as _origin.
        origin = getattr(e, "_origin", None)
        if origin is None:
            raise
        raise translated(origin, str(e), subject) from None


def translated(java: Any, trace: str, subject: Optional[str] = None) -> BaseException:
    """The Python exception for a Java throwable: the message of the outermost known class (else the innermost)."""
    cls = java.getClass().getName()
    message = java.getMessage() or cls
    kind = _BY_JAVA_CLASS.get(cls)
    cause = java.getCause()
    # Wrappers (ExecutionException, SparkException) hide the meaningful class one level down.
    while kind is None and cause is not None:
        cls = cause.getClass().getName()
        kind = _BY_JAVA_CLASS.get(cls)
        if kind is not None:
            message = cause.getMessage() or cls
        cause = cause.getCause()
    kind = kind or RuntimeError
    text = message if message.startswith("bayestune") else f"bayestune: {message}"
    if subject and subject not in text:
        text = f"{text} ({subject})"
    out = kind(text)
    out.java_class = cls
    out.java_trace = trace
    return out
