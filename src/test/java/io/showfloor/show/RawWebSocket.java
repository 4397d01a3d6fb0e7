package io.showfloor.show;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a bare TCP socket, so a test can do what a phone in a tunnel does: vanish
 * without a close frame ({@link #kill()} resets the connection).
 */
final class RawWebSocket implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawWebSocket(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      out.write(
          ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: "
                  + Base64.getEncoder().encodeToString(nonce)
                  + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = readLine();
      if (!status.contains(" 101 ")) {
        throw new IllegalStateException("No upgrade: " + status);
      }
      while (!readLine().isEmpty()) {
        // headers of the 101 answer
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(JsonObject frame) {
    byte[] payload = frame.encode().getBytes(StandardCharsets.UTF_8);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write(0x81);
      if (payload.length < 126) {
        bytes.write(0x80 | payload.length);
      } else {
        bytes.write(0x80 | 126);
        bytes.write(payload.length >> 8);
        bytes.write(payload.length & 0xff);
      }
      byte[] mask = new byte[4];
      RANDOM.nextBytes(mask);
      bytes.write(mask);
      for (int i = 0; i < payload.length; i++) {
        bytes.write(payload[i] ^ mask[i % 4]);
      }
      out.write(bytes.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next text frame from the server (control frames are skipped). */
  JsonObject next() {
    try {
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((first & 0x0f) == 1) {
          return new JsonObject(new String(payload, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next text frame of that type. */
  JsonObject next(String type) {
    while (true) {
      JsonObject frame = next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /** Drops the connection with a TCP reset: no close frame, no goodbye. */
  void kill() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      kill();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
