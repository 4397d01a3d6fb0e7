package io.showfloor.demo;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.PageRoutes;
import io.showfloor.platform.infra.NamedLease;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * {@code --demo}: the world is alive when a newcomer opens it (docs/DEVELOPING.md "The living
 * demo"). Without --demo this domain serves nothing and runs nothing.
 */
public final class LivingDemo implements Domain {
  private final Platform platform;
  private final SimulationSettings settings;
  private final DemoSessions sessions;

  public LivingDemo(Platform platform, DemoSessions sessions) {
    this.platform = platform;
    this.settings = SimulationSettings.from(platform.settings());
    this.sessions = sessions;
  }

  @Override
  public List<PageRoutes> pages() {
    return settings.enabled() ? List.of(new DemoPictureEndpoints(platform.vertx())) : List.of();
  }

  /**
   * Deploys the simulation; its first ticks fail quietly until the HTTP server (deployed after
   * every domain) answers.
   */
  @Override
  public Future<Void> start() {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    NamedLease lease =
        new NamedLease(
            platform.db(),
            DemoSimulation.LEASE,
            "node-" + UUID.randomUUID(),
            settings.leaseSeconds(),
            !platform.clustered());
    return platform
        .vertx()
        .deployVerticle(
            new DemoSimulation(
                settings, lease, sessions, platform.http().port(), platform.http().publicUrl()))
        .mapEmpty();
  }
}
