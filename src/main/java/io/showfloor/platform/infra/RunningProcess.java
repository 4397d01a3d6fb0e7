package io.showfloor.platform.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A live process as /proc shows it. Before stopping anything a pid file names, we read its command
 * line: a pid can be reused by a stranger after a reboot or in a container, and we stop only our
 * own.
 */
public record RunningProcess(long pid, List<String> arguments) {

  /**
   * The process with this pid, or empty when there is none (or it is a zombie, or /proc is not
   * there).
   */
  public static Optional<RunningProcess> of(long pid) {
    if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.empty();
    }
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      List<String> arguments = new ArrayList<>();
      for (String argument : new String(raw, StandardCharsets.UTF_8).split("\0")) {
        arguments.add(argument);
      }
      while (!arguments.isEmpty() && arguments.get(arguments.size() - 1).isBlank()) {
        arguments.remove(arguments.size() - 1);
      }
      return arguments.isEmpty()
          ? Optional.empty()
          : Optional.of(new RunningProcess(pid, List.copyOf(arguments)));
    } catch (IOException gone) {
      return Optional.empty();
    }
  }

  /**
   * The command line as one line (programs that rewrite their title, like Redis, put it all in one
   * argument).
   */
  public String text() {
    return String.join(" ", arguments).trim();
  }

  /**
   * True when {@code flag} is directly followed by {@code value}, e.g. {@code -D /data/postgres}.
   */
  public boolean hasOption(String flag, String value) {
    for (int i = 0; i + 1 < arguments.size(); i++) {
      if (arguments.get(i).equals(flag) && arguments.get(i + 1).equals(value)) {
        return true;
      }
    }
    return false;
  }
}
