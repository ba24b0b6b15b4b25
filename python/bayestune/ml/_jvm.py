"""What the Python wrappers share with the JVM: error translation and the JVM's defaults."""
from __future__ import annotations

import contextlib
from typing import Iterator

JAVA_PACKAGE = "io.bayestune.ml"


def java_string_hash(text: str) -> int:
    """Java's ``String.hashCode`` as a signed 32-bit int (the JVM tuner's default seed is its class name's)."""
    h = 0
    for ch in text:  # class names are ASCII, so one UTF-16 unit per character
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= (1 << 31) else h


def _jvm_message(error: BaseException) -> tuple[str, str]:
    """The JVM exception's class name and message, from py4j's, pyspark's captured or Spark Connect's error."""
    java = getattr(error, "java_exception", None)
    if java is not None:  # a raw py4j error: the Java Throwable itself
        return java.getClass().getName(), str(java.getMessage())
    # pyspark's CapturedException / Spark Connect's exceptions are named like the JVM's (IllegalArgumentException);
    # keep the server's message, without the "JVM stacktrace:" section they may append.
    return type(error).__name__, str(error).split("\n\nJVM stacktrace:")[0].strip()


@contextlib.contextmanager
def jvm_errors(what: str) -> Iterator[None]:
    """Re-raises a JVM failure (py4j or Spark Connect) as a Python exception with the JVM's message.

    The JVM's checks name the field and the fix (``searchSpace parameter 'maxDepht': ... its Params: ...``);
    a user should read that, not only a Java stack trace. IllegalArgumentException becomes ValueError.
    """
    try:
        yield
    except Exception as e:  # noqa: BLE001 - only JVM errors are translated, others re-raised as they are
        if not _is_jvm_error(e):
            raise
        cls, message = _jvm_message(e)
        kind = ValueError if cls.endswith("IllegalArgumentException") else RuntimeError
        raise kind(f"bayestune: {what} failed: {message}") from None


def _is_jvm_error(e: BaseException) -> bool:
    try:  # a Connect-only client (pyspark-client) has no py4j
        from py4j.protocol import Py4JJavaError
        if isinstance(e, Py4JJavaError):
            return True
    except ImportError:
        pass
    from pyspark.errors.exceptions.captured import CapturedException
    if isinstance(e, CapturedException):
        return True
    try:
        from pyspark.errors.exceptions.connect import SparkConnectGrpcException
        return isinstance(e, SparkConnectGrpcException)
    except ImportError:  # Connect's client packages (grpcio) are not installed
        return False
