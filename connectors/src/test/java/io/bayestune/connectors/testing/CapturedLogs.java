package io.bayestune.connectors.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged through Log4j 2 (Spark's, Hadoop's and the SDK's logging, and ours through SLF4J)
 * at DEBUG and above, plus System.out and System.err, while open: to check that no secret is ever logged.
 */
public final class CapturedLogs implements AutoCloseable {
  private final StringWriter logs = new StringWriter();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream oldOut = System.out;
  private final PrintStream oldErr = System.err;
  private final WriterAppender appender;
  private final Level oldRoot;

  public CapturedLogs() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build(),
        null, logs, "captured-" + System.nanoTime(), false, true);
    appender.start();
    LoggerConfig root = config.getRootLogger();
    oldRoot = root.getLevel();
    root.addAppender(appender, Level.DEBUG, null);
    Configurator.setRootLevel(Level.DEBUG);
    PrintStream tee = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
  }

  /** The log lines and console output so far. */
  public String text() {
    return logs + "\n" + console.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    Configurator.setRootLevel(oldRoot);
    appender.stop();
  }
}
