package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks an embedded server's port before it starts, so a port taken by another program gets one
 * clear line instead of a stack trace.
 */
public final class FreePort {
  private FreePort() {}

  /**
   * Throws a {@link ConfigException} naming {@code setting} when something else listens on {@code
   * port} of the loopback address.
   */
  public static void require(int port, String server, String setting) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException inUse) {
      throw new ConfigException(
          "The embedded "
              + server
              + " cannot listen on port "
              + port
              + ": another program is using it. Set "
              + setting
              + " to a free port, or stop that program.");
    }
  }
}
