package io.showfloor.testing.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to the host by a veth pair, so one node can be cut off the network
 * (its cable pulled: the link goes down on its side) and healed, while the others keep running. The
 * host end ({@link #HOST}) is where PostgreSQL, Redis and the other nodes listen; the isolated node
 * lives at {@link #ISOLATED} inside the namespace. Needs root (CAP_NET_ADMIN); {@link #create()}
 * answers null where that is not available, and the cluster then runs on loopback without the
 * cut-off test.
 *
 * <p>Only addresses of this pair are used, in 10.201.0.0/24, which the test makes and removes.
 */
public final class ClusterNetwork implements AutoCloseable {
  public static final String HOST = "10.201.0.1";
  public static final String ISOLATED = "10.201.0.2";
  static final String NAMESPACE = "sfcluster";
  private static final String HOST_LINK = "sfclu-h";
  private static final String NODE_LINK = "sfclu-n";
  private boolean closed;

  private ClusterNetwork() {}

  /**
   * The namespace and its link, or null (with the reason on stderr) where this machine cannot make
   * them.
   */
  public static ClusterNetwork create() {
    removeLeftovers();
    List<List<String>> steps =
        List.of(
            List.of("ip", "netns", "add", NAMESPACE),
            List.of("ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", NODE_LINK),
            List.of("ip", "link", "set", NODE_LINK, "netns", NAMESPACE),
            List.of("ip", "addr", "add", HOST + "/24", "dev", HOST_LINK),
            List.of("ip", "link", "set", HOST_LINK, "up"),
            List.of(
                "ip",
                "netns",
                "exec",
                NAMESPACE,
                "ip",
                "addr",
                "add",
                ISOLATED + "/24",
                "dev",
                NODE_LINK),
            List.of("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", NODE_LINK, "up"),
            List.of("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up"));
    ClusterNetwork network = new ClusterNetwork();
    Runtime.getRuntime().addShutdownHook(new Thread(network::close, "cluster-network-cleanup"));
    for (List<String> step : steps) {
      String failure = run(step);
      if (failure != null) {
        System.err.println(
            "cluster harness: no network namespace ("
                + String.join(" ", step)
                + ": "
                + failure
                + "); the nodes run on loopback and the cut-off scenario is skipped");
        network.close();
        return null;
      }
    }
    return network;
  }

  /** The command prefix that runs a program inside the namespace. */
  public List<String> inside() {
    return List.of("ip", "netns", "exec", NAMESPACE);
  }

  /**
   * Pulls the isolated node's cable: its link goes down, nothing reaches it and nothing leaves it.
   */
  public void cut() {
    require(run(List.of("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", NODE_LINK, "down")));
  }

  /** Plugs it back in. */
  public void heal() {
    require(run(List.of("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", NODE_LINK, "up")));
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      removeLeftovers();
    }
  }

  /**
   * Deleting the namespace deletes the veth pair with it; a pair left on the host side goes too.
   */
  private static void removeLeftovers() {
    run(List.of("ip", "link", "del", HOST_LINK));
    run(List.of("ip", "netns", "del", NAMESPACE));
  }

  private static void require(String failure) {
    if (failure != null) {
      throw new AssertionError(failure);
    }
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  static String run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "timed out";
      }
      return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }
}
