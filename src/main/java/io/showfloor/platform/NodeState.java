package io.showfloor.platform;

/**
 * Where this node is in its life, for readiness: a node that is starting (HTTP listens before the
 * start-up has been declared done) or draining (SIGTERM received) answers /health/ready with 503,
 * so a load balancer sends new work elsewhere while in-flight requests finish.
 */
public final class NodeState {
  public enum Phase {
    STARTING,
    SERVING,
    DRAINING
  }

  private volatile Phase phase = Phase.STARTING;

  public Phase phase() {
    return phase;
  }

  public boolean serving() {
    return phase == Phase.SERVING;
  }

  public void serving(boolean ready) {
    phase = ready ? Phase.SERVING : Phase.STARTING;
  }

  public void draining() {
    phase = Phase.DRAINING;
  }
}
