package io.showfloor.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.Showfloor;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Gateway heartbeats")
class HeartbeatTest {
  private static Showfloor node;

  @BeforeAll
  static void start() {
    node =
        Showfloor.start(
            TestNode.sharingInfrastructure("heartbeat")
                .with("realtime.heartbeatSeconds", 1)
                .with("realtime.idleTimeoutSeconds", 2));
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  @Test
  @DisplayName(
      "the server pings every heartbeat; a client that answers stays, a silent one is closed after the idle timeout")
  void idleClientsAreClosed() throws Exception {
    try (TestSocket answering = TestSocket.open(node.port());
        Socket silent = new Socket("127.0.0.1", node.port())) {
      OutputStream out = silent.getOutputStream();
      out.write(
          ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(silent.getInputStream());
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 101"), head);

      // a raw client never answers pings: the server's frames are ping, ping …, then close
      long started = System.nanoTime();
      int pings = 0;
      int closeStatus = -1;
      while (closeStatus < 0) {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        byte[] payload = in.readNBytes(length);
        if (opcode == 0x9) {
          pings++;
        } else if (opcode == 0x8) {
          closeStatus = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      assertTrue(pings >= 1, "pinged before being closed");
      assertEquals(1000, closeStatus);
      assertTrue(seconds <= 5, "closed soon after the idle timeout, took " + seconds + " s");

      assertFalse(answering.isClosed(), "the client that answers pings is still connected");
      answering.send(new JsonObject().put("op", "ping"));
      answering.next("pong");
    }
  }

  private static String readHead(DataInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.readUnsignedByte());
    }
    return head.toString();
  }
}
