package io.showfloor.bench;

/** Reads {@code name=value} command-line arguments of the load generators. */
final class BenchArgs {
  private BenchArgs() {}

  static String get(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
