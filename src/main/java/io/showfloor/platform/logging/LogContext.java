package io.showfloor.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import org.jspecify.annotations.Nullable;

/**
 * The request id of the work running now. Vert.x runs each HTTP request on its own duplicated
 * context and keeps that context across every hop of the request (database and Redis replies,
 * event-bus replies, timers, executeBlocking), while one event-loop thread interleaves many
 * requests; so the id lives on the context, not in a thread-local. {@link RequestIdToMdc} copies it
 * into each log line.
 *
 * <p>Declared as a Vert.x service provider so the local is registered before any Vert.x instance is
 * created, as context locals must be.
 */
public final class LogContext implements VertxServiceProvider {
  public static final String REQUEST_ID_KEY = "requestId";
  static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap bootstrap) {
    // loading this class registered the local; nothing else to set up
  }

  /** Binds the id to the current request's context; does nothing outside one. */
  public static void bindRequestId(String requestId) {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      context.putLocal(REQUEST_ID, requestId);
    }
  }

  /** The request id of the current context, or null outside a request. */
  public static @Nullable String requestId() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(REQUEST_ID);
  }
}
