package io.showfloor.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What every gateway instance of a node counts, as showfloor_ws_* in /metrics. */
final class GatewayMetrics {
  final AtomicLong connections = new AtomicLong();
  final AtomicLong subscriptions = new AtomicLong();
  final AtomicLong topics = new AtomicLong();
  final AtomicLong pendingFrames = new AtomicLong();
  final AtomicLong streams = new AtomicLong();
  private final Counter framesSent;
  private final Counter overflows;
  private final Counter resyncs;
  private final Timer delivery;
  private final MeterRegistry registry;

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("showfloor.ws.connections", connections, AtomicLong::get)
        .description("Open WebSocket connections")
        .register(registry);
    Gauge.builder("showfloor.ws.subscriptions", subscriptions, AtomicLong::get)
        .description("Topic subscriptions held by connected clients")
        .register(registry);
    Gauge.builder("showfloor.ws.topics", topics, AtomicLong::get)
        .description("Event-bus consumers the gateways hold (one per topic per gateway instance)")
        .register(registry);
    Gauge.builder("showfloor.ws.pending.frames", pendingFrames, AtomicLong::get)
        .description("Frames written to sockets and not yet flushed")
        .register(registry);
    Gauge.builder("showfloor.sse.streams", streams, AtomicLong::get)
        .description("Open Server-Sent Events streams (GET /api/stream)")
        .register(registry);
    framesSent =
        Counter.builder("showfloor.ws.frames.sent")
            .description("Frames written to clients")
            .register(registry);
    overflows =
        Counter.builder("showfloor.ws.overflows")
            .description(
                "Subscriptions dropped (and later resynced) because the client's send queue was full")
            .register(registry);
    resyncs =
        Counter.builder("showfloor.ws.resyncs")
            .description("Resync frames sent to slow clients")
            .register(registry);
    delivery =
        Timer.builder("showfloor.ws.delivery")
            .description(
                "From an event's publication (its serverTime) to its fan-out to this node's subscribers")
            .register(registry);
  }

  void delivered(long millisSincePublished) {
    delivery.record(millisSincePublished, TimeUnit.MILLISECONDS);
  }

  void sent() {
    framesSent.increment();
  }

  void overflow() {
    overflows.increment();
  }

  void resync() {
    resyncs.increment();
  }

  void error(String code) {
    Counter.builder("showfloor.ws.errors")
        .description("Error frames sent, by code")
        .tag("code", code)
        .register(registry)
        .increment();
  }
}
