package io.showfloor;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.ConfigLoader;
import io.showfloor.platform.config.Settings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar showfloor.jar [--config FILE] [--cluster] [--demo]}: reads the configuration,
 * starts one node and stops it gracefully on SIGTERM.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String configFile = null;
    boolean cluster = false;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            fail("--config needs a file");
          }
          configFile = args[++i];
        }
        case "--cluster" -> cluster = true;
        case "--demo" -> demo = true;
        default -> fail("Unknown argument " + args[i] + " (use --config FILE, --cluster, --demo)");
      }
    }
    try {
      Vertx reader = Vertx.vertx();
      Settings settings;
      try {
        settings = ConfigLoader.load(reader, Path.of("config"), configFile, System.getenv());
      } finally {
        reader.close();
      }
      if (cluster) {
        settings = settings.with("cluster.enabled", true);
      }
      if (demo) {
        settings = settings.with("demo", true);
      }
      Showfloor node = Showfloor.start(settings);
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "showfloor-shutdown"));
    } catch (ConfigException e) {
      fail(e.getMessage());
    } catch (RuntimeException e) {
      // exit rather than linger with half-started threads: a supervisor restarts a process that
      // ended
      LoggerFactory.getLogger(Main.class).error("Start-up failed", e);
      System.exit(1);
    }
  }

  private static void fail(@Nullable String line) {
    System.err.println("showfloor: " + line);
    System.exit(2);
  }
}
