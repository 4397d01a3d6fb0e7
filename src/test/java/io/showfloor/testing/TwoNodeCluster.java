package io.showfloor.testing;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.Settings;

/**
 * Two nodes clustered with Hazelcast on the shared node's PostgreSQL and Redis, so both see one
 * database like a real cluster. Close it when the test class ends (B first, then A).
 */
public record TwoNodeCluster(Showfloor a, Showfloor b) implements AutoCloseable {

  /** Starts {@code <name>-a} and then {@code <name>-b}, each listing both as cluster members. */
  public static TwoNodeCluster start(String name) {
    int portA = TestNode.freePort();
    int portB = TestNode.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    Showfloor a = Showfloor.start(clustered(name + "-a", portA, members));
    try {
      return new TwoNodeCluster(a, Showfloor.start(clustered(name + "-b", portB, members)));
    } catch (RuntimeException e) {
      a.stop();
      throw e;
    }
  }

  private static Settings clustered(String name, int clusterPort, String members) {
    return TestNode.sharingInfrastructure(name)
        .with("cluster.enabled", true)
        .with("cluster.host", "127.0.0.1")
        .with("cluster.port", clusterPort)
        .with("cluster.members", members);
  }

  @Override
  public void close() {
    b.stop();
    a.stop();
  }
}
