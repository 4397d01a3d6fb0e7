package io.showfloor.platform.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The machine at the other end of the TCP connection, as opposed to {@link ApiRequest#ip()}, which
 * follows X-Forwarded-For when http.trustProxy is on. Dev-only conveniences (the local mailbox,
 * /metrics without a token) are for this machine alone, and a header is not proof of that: anyone
 * can send {@code X-Forwarded-For: 127.0.0.1}. A header can only take the right away: a request
 * that names a forwarded client came through a proxy, and a proxy on this machine would otherwise
 * make every visitor look local.
 */
public final class TcpPeer {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private TcpPeer() {}

  /**
   * The connection's remote address; the request's own remoteAddress() may be the forwarded one.
   */
  public static @Nullable SocketAddress of(HttpServerRequest request) {
    return request.connection() == null ? null : request.connection().remoteAddress();
  }

  /** A request from this machine: a loopback TCP peer, not relayed by a proxy. */
  public static boolean isThisMachine(HttpServerRequest request) {
    SocketAddress peer = of(request);
    return peer != null && isLoopback(peer) && !isForwarded(request);
  }

  private static boolean isForwarded(HttpServerRequest request) {
    return request.headers().contains("X-Forwarded-For")
        || request.headers().contains("Forwarded")
        || request.headers().contains("X-Real-IP");
  }

  /**
   * True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; false for anything else, unknown or
   * unparsable.
   */
  public static boolean isLoopback(SocketAddress peer) {
    String host = peer == null ? null : peer.hostAddress();
    if (host == null) {
      return false;
    }
    if (IPV4.matcher(host).matches()) {
      return host.startsWith("127.");
    }
    if (host.indexOf(':') < 0) {
      return false; // a name, not an address: never resolve it (a TCP peer is always a literal
      // address)
    }
    try {
      // with a colon InetAddress parses an IPv6 literal and never asks DNS
      return InetAddress.getByName(host.replaceFirst("%.*$", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
