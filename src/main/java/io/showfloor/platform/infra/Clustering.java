package io.showfloor.platform.infra;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hazelcast over TCP-IP: config/cluster.xml gives the shape, CLUSTER_MEMBERS / CLUSTER_HOST /
 * CLUSTER_PORT fill in this deployment's addresses.
 */
public final class Clustering {
  private Clustering() {}

  public static boolean enabled(Settings settings) {
    return settings.bool("cluster.enabled", false) || !settings.array("cluster.members").isEmpty();
  }

  public static HazelcastClusterManager manager(Settings settings) {
    Config config = load();
    String host = settings.string("cluster.host", "127.0.0.1");
    int port = settings.port("cluster.port", 5701);
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
    config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of(host));
    config.setProperty("hazelcast.local.localAddress", host);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = settings.array("cluster.members").stream().map(String::valueOf).toList();
    join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(host) : members);
    return new HazelcastClusterManager(config);
  }

  public static EventBusOptions eventBus(Settings settings) {
    String host = settings.string("cluster.host", "127.0.0.1");
    return new EventBusOptions().setHost(host).setClusterPublicHost(host);
  }

  private static Config load() {
    Path file = Path.of(System.getProperty("vertx.hazelcast.config", "config/cluster.xml"));
    try {
      Config config =
          Files.exists(file)
              ? new FileSystemXmlConfig(file.toFile())
              : new ClasspathXmlConfig("config/cluster.xml");
      config.setProperty("hazelcast.wait.seconds.before.join", "0");
      config.setProperty("hazelcast.logging.type", "slf4j");
      config.setProperty("hazelcast.phone.home.enabled", "false");
      return config;
    } catch (FileNotFoundException e) {
      throw new ConfigException("Cluster configuration " + file + " cannot be read");
    }
  }
}
