package io.showfloor;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.DemoWorld;
import io.showfloor.platform.Domain;
import io.showfloor.platform.NodeState;
import io.showfloor.platform.Platform;
import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.MetricsSettings;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Contract;
import io.showfloor.platform.http.HttpVerticle;
import io.showfloor.platform.http.PageRoutes;
import io.showfloor.platform.infra.Clustering;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.platform.infra.DurabilityCheck;
import io.showfloor.platform.infra.EmbeddedServers;
import io.showfloor.platform.infra.JwtSecret;
import io.showfloor.platform.infra.LatencyHistograms;
import io.showfloor.platform.infra.Migrations;
import io.showfloor.platform.infra.PolledCounts;
import io.showfloor.platform.infra.RedisStore;
import io.showfloor.platform.infra.RedisUrl;
import io.showfloor.platform.security.AccessTokens;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running node: infrastructure, migrations, Vert.x (clustered or not) and every domain. */
public final class Showfloor {
  private static final Logger LOG = LoggerFactory.getLogger(Showfloor.class);

  private final EmbeddedServers embedded;
  private final Platform platform;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final NodeState state = new NodeState();
  private volatile @Nullable String httpDeployment;

  private Showfloor(EmbeddedServers embedded, Platform platform) {
    this.embedded = embedded;
    this.platform = platform;
  }

  /** Blocking start for Main and tests; call from a plain thread, never an event loop. */
  public static Showfloor start(Settings configured) {
    long started = System.nanoTime();
    EmbeddedServers embedded = new EmbeddedServers();
    try {
      boolean embeddedDatabase = !configured.has("database.url");
      // what is configured is checked before anything starts: a bad URL or CA file is one line
      if (!embeddedDatabase) {
        DatabaseUrl.from(configured);
      }
      if (configured.has("redis.url")) {
        RedisUrl.from(configured);
      }
      Settings settings = embedded.startMissing(configured);
      String jwtSecret = JwtSecret.resolve(settings, embeddedDatabase);
      DatabaseUrl databaseUrl = DatabaseUrl.from(settings);
      Migrations.run(databaseUrl);

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // before any meter exists: filters apply only to meters registered after them
      metrics.config().meterFilter(new LatencyHistograms());
      new JvmMemoryMetrics().bindTo(metrics);
      new JvmGcMetrics().bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      boolean clustered = Clustering.enabled(settings);
      Vertx vertx = createVertx(settings, metrics, clustered);

      Database db = new Database(vertx, databaseUrl, settings.integer("database.poolSize", 16));
      DurabilityCheck.warnIfWeak(db).await();
      RedisStore redis = new RedisStore(vertx, RedisUrl.from(settings));
      Platform platform =
          new Platform(
              vertx,
              settings,
              HttpSettings.from(settings),
              db,
              redis,
              new EventPublisher(vertx, redis),
              new RateLimiter(redis),
              new AccessTokens(vertx, jwtSecret, settings.integer("jwt.accessTtlSeconds", 900)),
              metrics,
              new PolledCounts(
                  vertx, db, metrics, MetricsSettings.from(settings).countRefreshMillis()),
              Contract.load(),
              clustered);
      Showfloor node = new Showfloor(embedded, platform);
      node.deploy().await();
      node.state.serving(true);
      LOG.info(
          "Showfloor ready on port {} in {} ms{}",
          platform.http().port(),
          (System.nanoTime() - started) / 1_000_000,
          clustered ? " (clustered)" : "");
      return node;
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
  }

  private static Vertx createVertx(
      Settings settings, PrometheusMeterRegistry metrics, boolean clustered) {
    // no event-bus address label: topic.lot.<id>, market.cmd.<symbol> … would make a series per id
    VertxOptions options =
        new VertxOptions()
            .setMetricsOptions(
                new MicrometerMetricsOptions()
                    .setEnabled(true)
                    .setJvmMetricsEnabled(false)
                    .setLabels(
                        EnumSet.of(
                            Label.HTTP_METHOD,
                            Label.HTTP_CODE,
                            Label.HTTP_ROUTE,
                            Label.POOL_TYPE,
                            Label.POOL_NAME)));
    var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics));
    if (!clustered) {
      return builder.build();
    }
    options.setEventBusOptions(Clustering.eventBus(settings));
    return builder.withClusterManager(Clustering.manager(settings)).buildClustered().await();
  }

  private Future<Void> deploy() {
    Wiring wiring = Wiring.of(platform);
    List<Future<?>> started = new ArrayList<>();
    for (Domain domain : wiring.domains()) {
      started.add(domain.start());
    }
    List<ApiRoutes> routes = wiring.domains().stream().flatMap(d -> d.routes().stream()).toList();
    List<PageRoutes> pages = wiring.domains().stream().flatMap(d -> d.pages().stream()).toList();
    int instances = platform.http().instances();
    List<DemoSeed> demo =
        platform.settings().bool("demo", false)
            ? wiring.domains().stream().flatMap(d -> d.demoSeeds().stream()).toList()
            : List.of();
    return Future.all(started)
        .compose(v -> DemoWorld.plant(platform.db(), demo))
        .compose(
            v ->
                platform
                    .vertx()
                    .deployVerticle(
                        () ->
                            new HttpVerticle(
                                platform,
                                wiring.authenticator(),
                                routes,
                                pages,
                                wiring.webSockets(),
                                state,
                                wiring.apiKeyAllowance()),
                        new DeploymentOptions().setInstances(Math.max(1, instances))))
        .onSuccess(id -> httpDeployment = id)
        .mapEmpty();
  }

  public Platform platform() {
    return platform;
  }

  public Vertx vertx() {
    return platform.vertx();
  }

  public int port() {
    return platform.http().port();
  }

  /**
   * Graceful stop, in an order that lets in-flight work finish: the HTTP servers stop accepting,
   * finish the requests they have and close WebSockets with 1001; then the domains' verticles stop
   * while the pools still work; then the pools close; then Vert.x (leaving the cluster) and the
   * embedded servers. Vert.x's own close() would close the pools before undeploying anything.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    Vertx vertx = platform.vertx();
    state.draining();
    try {
      if (httpDeployment != null) {
        undeploy(vertx, httpDeployment);
      }
      // a verticle's own deployments (the market's book owners) go with it: undeploy what is still
      // there
      for (String deployment : Set.copyOf(vertx.deploymentIDs())) {
        if (vertx.deploymentIDs().contains(deployment)) {
          undeploy(vertx, deployment);
        }
      }
      platform.db().close().await();
      platform.redis().close();
      vertx.close().await();
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly", e);
    } finally {
      embedded.close();
    }
    LOG.info("Showfloor stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  private static void undeploy(Vertx vertx, String deployment) {
    try {
      vertx.undeploy(deployment).await();
    } catch (Exception e) {
      if (vertx.deploymentIDs().contains(deployment)) {
        LOG.warn("Deployment {} did not stop cleanly", deployment, e);
      }
      // otherwise its parent took it down while we asked: nothing went wrong
    }
  }
}
