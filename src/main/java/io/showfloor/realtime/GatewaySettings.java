package io.showfloor.realtime;

import io.showfloor.platform.config.Settings;

/** The gateway's limits, from the {@code realtime.*} settings. */
record GatewaySettings(
    int sendQueueLimit,
    int writeQueueBytes,
    int heartbeatSeconds,
    int idleTimeoutSeconds,
    int maxTopicsPerConnection,
    int maxFrameChars,
    int inboundPerSecond,
    int maxOpsInFlight,
    long snapshotTimeoutMillis,
    long opTimeoutMillis,
    long reorderMillis,
    long coalesceMillis) {

  static GatewaySettings from(Settings s) {
    return new GatewaySettings(
        Math.max(8, s.integer("realtime.sendQueueLimit", 512)),
        Math.max(16_384, s.integer("realtime.writeQueueBytes", 262_144)),
        Math.max(1, s.integer("realtime.heartbeatSeconds", 20)),
        Math.max(2, s.integer("realtime.idleTimeoutSeconds", 60)),
        Math.max(1, s.integer("realtime.maxTopicsPerConnection", 50)),
        Math.max(256, s.integer("realtime.maxFrameChars", 16_384)),
        Math.max(1, s.integer("realtime.inboundPerSecond", 30)),
        Math.max(1, s.integer("realtime.maxOpsInFlight", 16)),
        Math.max(100, s.longValue("realtime.snapshotTimeoutMillis", 5_000)),
        Math.max(100, s.longValue("realtime.opTimeoutMillis", 10_000)),
        Math.max(1, s.longValue("realtime.reorderMillis", 100)),
        Math.max(0, s.longValue("realtime.coalesceMillis", 30)));
  }
}
