"""Python exceptions for errors the bayestune JVM classes raise through py4j.

The JVM's messages already name the field, the value and the fix; a Py4JJavaError would bury them under a Java
stack trace. These map the exception's class to the Python exception a user expects and keep only its message.
"""
from __future__ import annotations


class TuningStoppedError(RuntimeError):
    """The run stopped before its budget: its first trials all failed, or another driver took the experiment over.
    Everything observed until then is saved in the output."""


def java_error(error: Exception, prefix: str = "bayestune") -> Exception:
    """The Python exception for a Py4JJavaError, or for PySpark's conversion of one (pyspark's py4j hook turns some
    into its own CapturedException types); other exceptions are returned unchanged."""
    java = getattr(error, "java_exception", None) or getattr(error, "_origin", None)
    if java is None:
        return error
    try:
        name = java.getClass().getName()
        message = java.getMessage() or name
        chain = _class_chain(java)
    except Exception:  # noqa: BLE001 - the JVM may be gone; keep py4j's own text
        return error
    text = f"{prefix}: {message}"
    if "io.bayestune.driver.TuningStoppedException" in chain:
        mapped: Exception = TuningStoppedError(text)
    elif "java.lang.IllegalArgumentException" in chain:
        mapped = ValueError(text)
    elif "java.io.IOException" in chain or "java.io.UncheckedIOException" in chain:
        mapped = OSError(text)
    elif "java.lang.InterruptedException" in chain:
        mapped = KeyboardInterrupt(text)
    else:
        mapped = RuntimeError(f"{prefix}: {name}: {message}")
    mapped.java_exception = java  # the full Java exception, for whoever needs its stack trace
    return mapped


def _class_chain(java) -> set[str]:
    """The names of the exception's class and its superclasses."""
    names = set()
    cls = java.getClass()
    while cls is not None:
        names.add(cls.getName())
        cls = cls.getSuperclass()
    return names
