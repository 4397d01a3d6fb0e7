package io.showfloor.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The pid of a server process this node started, kept under the data folder so the next start can
 * find it after a crash.
 */
public record PidFile(Path path) {

  public void write(long pid) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /**
   * The pid on the file's first line; empty when there is no file or it holds no number (a
   * half-written one).
   */
  public OptionalLong read() {
    try {
      String first =
          Files.readAllLines(path, StandardCharsets.US_ASCII).stream()
              .findFirst()
              .orElse("")
              .trim();
      return OptionalLong.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException missingOrGarbled) {
      return OptionalLong.empty();
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }
}
