package io.showfloor.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LanAddress;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The local mailbox holds password-reset links and /metrics tells how the node is doing: on a node
 * with default settings (no Resend, no metrics token) both answer this machine only. Tests reach
 * the node as "another machine" through this machine's LAN address (the node listens on 0.0.0.0),
 * so the node sees a non-loopback TCP peer.
 */
@DisplayName("Dev-only endpoints answer this machine only")
class LocalOnlyEndpointsTest {
  private final Api local = TestNode.api();

  private static Api fromNetwork() {
    return LanAddress.apiFor(TestNode.get().port());
  }

  @Test
  @DisplayName(
      "the dev mailbox answers a loopback caller, and 404 to a caller from the network, even one claiming X-Forwarded-For: 127.0.0.1")
  void mailboxForThisMachineOnly() {
    String address = "someone" + System.nanoTime() + "@example.test";
    local
        .fromNewAddress()
        .post("/api/auth/password/forgot", new JsonObject().put("email", address))
        .expect(202);
    local.get("/api/dev/mailbox").expect(200);

    Api network = fromNetwork();
    network.get("/api/dev/mailbox").expectProblem(404, "not_found");
    // the test node trusts X-Forwarded-For for client addresses (rate limits): never for this
    network.from("127.0.0.1").get("/api/dev/mailbox").expectProblem(404, "not_found");
    network.from("::1").get("/api/dev/mailbox?to=" + address).expectProblem(404, "not_found");
  }

  @Test
  @DisplayName(
      "a request relayed by a proxy is not from this machine, even when the proxy runs on it")
  void proxiedRequestsAreNotLocal() {
    // what a proxy on this machine sends: a loopback TCP peer naming the real client
    local.from("203.0.113.9").get("/api/dev/mailbox").expectProblem(404, "not_found");
    local.from("127.0.0.1").get("/api/dev/mailbox").expectProblem(404, "not_found");
    local.with("Forwarded", "for=203.0.113.9").get("/metrics").expectProblem(404, "not_found");
    local.with("X-Real-IP", "203.0.113.9").get("/metrics").expectProblem(404, "not_found");
    // and the plain loopback caller still reads both (Mailbox, which every account test uses, is
    // one)
    assertEquals(
        java.util.List.of(), Mailbox.mailsTo("nobody-" + System.nanoTime() + "@example.test"));
    assertTrue(local.get("/metrics").expect(200).body().contains("jvm_memory_used_bytes"));
  }

  @Test
  @DisplayName("/metrics without a configured token is 404 to the network, X-Forwarded-For or not")
  void metricsForThisMachineOnly() {
    Api network = fromNetwork();
    network.get("/metrics").expectProblem(404, "not_found");
    network.from("127.0.0.1").get("/metrics").expectProblem(404, "not_found");
    network.as("anything").get("/metrics").expectProblem(404, "not_found");
    // the rest of the node answers the network as usual
    network.get("/health/live").expect(200);
  }

  @Test
  @DisplayName(
      "loopback means 127.0.0.0/8 and ::1 as the TCP peer; names, LAN and forwarded-looking addresses are not")
  void loopbackDecision() {
    assertTrue(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "127.0.0.1")));
    assertTrue(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "127.8.9.10")));
    assertTrue(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "0:0:0:0:0:0:0:1")));
    assertTrue(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "::ffff:127.0.0.1")));
    assertFalse(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "192.0.2.2")));
    assertFalse(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "10.0.0.1")));
    assertFalse(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "fd00::2")));
    assertFalse(TcpPeer.isLoopback(SocketAddress.inetSocketAddress(40000, "::ffff:10.0.0.1")));
    assertFalse(TcpPeer.isLoopback(null));
  }
}
