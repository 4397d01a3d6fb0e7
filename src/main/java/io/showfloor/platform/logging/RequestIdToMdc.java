package io.showfloor.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.vertx.core.Context;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current Vert.x request's id into the MDC on the thread that logs, just before the line
 * is made, so every appender and encoder (and async appenders) see it as an ordinary MDC field.
 * Only Vert.x threads are touched: there the MDC key always mirrors the running context, so an id
 * never leaks from one request to the next one the same event loop runs.
 */
public final class RequestIdToMdc extends TurboFilter {
  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != null
        && logger != null
        && level.isGreaterOrEqual(logger.getEffectiveLevel())
        && Context.isOnVertxThread()) {
      String id = LogContext.requestId();
      String inMdc = MDC.get(LogContext.REQUEST_ID_KEY);
      if (id == null) {
        if (inMdc != null) {
          MDC.remove(LogContext.REQUEST_ID_KEY);
        }
      } else if (!id.equals(inMdc)) {
        MDC.put(LogContext.REQUEST_ID_KEY, id);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
