package io.showfloor.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures log lines exactly as the configured JSON appender writes them (same encoder, encoded on
 * the logging thread), so tests can assert on what operators will read.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Encoder<ILoggingEvent> encoder;
  private final List<JsonObject> lines = new ArrayList<>();
  private final Logger root;

  private CapturedLogs(Encoder<ILoggingEvent> encoder, Logger root) {
    this.encoder = encoder;
    this.root = root;
  }

  public static CapturedLogs capture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    OutputStreamAppender<ILoggingEvent> json =
        (OutputStreamAppender<ILoggingEvent>) root.getAppender("JSON");
    CapturedLogs captured = new CapturedLogs(json.getEncoder(), root);
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    return captured;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8).trim();
    synchronized (lines) {
      lines.add(new JsonObject(line));
    }
  }

  public List<JsonObject> lines(Predicate<JsonObject> wanted) {
    synchronized (lines) {
      return lines.stream().filter(wanted).toList();
    }
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
