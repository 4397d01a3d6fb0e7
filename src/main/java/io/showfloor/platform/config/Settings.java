package io.showfloor.platform.config;

import io.showfloor.platform.NullContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The merged configuration with typed, validated reads by dotted path ("http.port"). */
public final class Settings {
  private final JsonObject root;

  public Settings(JsonObject root) {
    this.root = root;
  }

  public JsonObject json() {
    return root;
  }

  public @Nullable Object raw(String path) {
    Object node = root;
    for (String part : path.split("\\.")) {
      if (!(node instanceof JsonObject obj)) {
        return null;
      }
      node = obj.getValue(part);
    }
    return node;
  }

  public boolean has(String path) {
    Object value = raw(path);
    return value != null && !(value instanceof String s && s.isBlank());
  }

  /** The setting as text, or {@code fallback} when it is missing or blank. */
  @NullContract("_, !null -> !null")
  public @Nullable String string(String path, @Nullable String fallback) {
    Object value = raw(path);
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }

  public String requireString(String path, String envName) {
    String value = string(path, null);
    if (value == null) {
      throw new ConfigException("Missing setting " + path + " (set " + envName + ")");
    }
    return value;
  }

  public int integer(String path, int fallback) {
    Object value = raw(path);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Setting " + path + " must be a whole number, got '" + value + "'");
    }
  }

  /**
   * A whole number above zero (a limit, a duration); anything else stops start-up naming the
   * setting.
   */
  public int positive(String path, int fallback) {
    int value = integer(path, fallback);
    if (value <= 0) {
      throw new ConfigException("Setting " + path + " must be positive, got " + value);
    }
    return value;
  }

  /** {@link #positive(String, int)} for settings that need a long (money, milliseconds). */
  public long positiveLong(String path, long fallback) {
    long value = longValue(path, fallback);
    if (value <= 0) {
      throw new ConfigException("Setting " + path + " must be positive, got " + value);
    }
    return value;
  }

  /**
   * A whole number from {@code min} to {@code max}; anything else stops start-up naming the
   * setting.
   */
  public int within(String path, int fallback, int min, int max) {
    int value = integer(path, fallback);
    if (value < min || value > max) {
      throw new ConfigException(
          "Setting " + path + " must be within " + min + ".." + max + ", got " + value);
    }
    return value;
  }

  public long longValue(String path, long fallback) {
    Object value = raw(path);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Setting " + path + " must be a whole number, got '" + value + "'");
    }
  }

  public int port(String path, int fallback) {
    int port = integer(path, fallback);
    if (port < 0 || port > 65535) {
      throw new ConfigException(
          "Setting " + path + " must be a port between 0 and 65535, got " + port);
    }
    return port;
  }

  public boolean bool(String path, boolean fallback) {
    Object value = raw(path);
    if (value == null || value.toString().isBlank()) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value.toString().trim().toLowerCase();
    if (s.equals("true") || s.equals("1") || s.equals("yes")) {
      return true;
    }
    if (s.equals("false") || s.equals("0") || s.equals("no")) {
      return false;
    }
    throw new ConfigException("Setting " + path + " must be true or false, got '" + value + "'");
  }

  public JsonObject object(String path) {
    Object value = raw(path);
    return value instanceof JsonObject o ? o : new JsonObject();
  }

  public JsonArray array(String path) {
    Object value = raw(path);
    if (value instanceof JsonArray a) {
      return a;
    }
    JsonArray list = new JsonArray();
    if (value instanceof String s && !s.isBlank()) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          list.add(part.trim());
        }
      }
    }
    return list;
  }

  public Path dataDir() {
    return Path.of(string("dataDir", "data")).toAbsolutePath();
  }

  /** A copy with one value replaced (tests and the launcher use it). */
  public Settings with(String path, Object value) {
    JsonObject copy = root.copy();
    String[] parts = path.split("\\.");
    JsonObject node = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = node.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        node.put(parts[i], next);
      }
      node = next;
    }
    node.put(parts[parts.length - 1], value);
    return new Settings(copy);
  }
}
