package io.showfloor.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * This machine's address on a real network interface (not loopback). A client that connects to the
 * node there is, for the node, a TCP peer from the network: how a test reaches the node as another
 * machine would, without leaving this one.
 */
public final class LanAddress {
  private LanAddress() {}

  public static Optional<String> find() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address
              && !address.isLoopbackAddress()
              && !address.isLinkLocalAddress()) {
            return Optional.of(address.getHostAddress());
          }
        }
      }
    } catch (SocketException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * A client for the node on {@code port} through the LAN address; skips the test on a machine
   * without one.
   */
  public static Api apiFor(int port) {
    Optional<String> address = find();
    Assumptions.assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
    return new Api("http://" + address.get() + ":" + port);
  }
}
