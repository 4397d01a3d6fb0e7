package io.showfloor.platform.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads config/default.json, then an optional --config file (JSON or YAML), then environment
 * variables, later ones winning. Environment names are the documented ones (DATABASE_URL …).
 */
public final class ConfigLoader {
  /** Environment variable -> dotted setting. */
  static final Map<String, String> ENVIRONMENT =
      Map.ofEntries(
          Map.entry("DATABASE_URL", "database.url"),
          Map.entry("DATABASE_POOL_SIZE", "database.poolSize"),
          Map.entry("DATABASE_SSL_ROOT_CERT", "database.sslRootCert"),
          Map.entry("REDIS_URL", "redis.url"),
          Map.entry("REDIS_SSL_ROOT_CERT", "redis.sslRootCert"),
          Map.entry("HTTP_PORT", "http.port"),
          Map.entry("HTTP_HOST", "http.host"),
          Map.entry("PUBLIC_URL", "http.publicUrl"),
          Map.entry("HTTP_TRUST_PROXY", "http.trustProxy"),
          Map.entry("DATA_DIR", "dataDir"),
          Map.entry("JWT_SECRET", "jwt.secret"),
          Map.entry("JWT_ACCESS_TTL_SECONDS", "jwt.accessTtlSeconds"),
          Map.entry("JWT_REFRESH_TTL_SECONDS", "jwt.refreshTtlSeconds"),
          Map.entry("STRIPE_SECRET_KEY", "stripe.secretKey"),
          Map.entry("STRIPE_WEBHOOK_SECRET", "stripe.webhookSecret"),
          Map.entry("STRIPE_API_BASE", "stripe.apiBase"),
          Map.entry("STRIPE_PUBLISHABLE_KEY", "stripe.publishableKey"),
          Map.entry("RESEND_API_KEY", "mail.resendApiKey"),
          Map.entry("MAIL_FROM", "mail.from"),
          Map.entry("METRICS_TOKEN", "metrics.token"),
          Map.entry("LIVEKIT_URL", "livekit.url"),
          Map.entry("LIVEKIT_API_URL", "livekit.apiUrl"),
          Map.entry("LIVEKIT_API_KEY", "livekit.apiKey"),
          Map.entry("LIVEKIT_API_SECRET", "livekit.apiSecret"),
          Map.entry("CLUSTER_MEMBERS", "cluster.members"),
          Map.entry("CLUSTER_HOST", "cluster.host"),
          Map.entry("CLUSTER_PORT", "cluster.port"),
          Map.entry("MEDIA_S3_ENDPOINT", "media.s3.endpoint"),
          Map.entry("MEDIA_S3_REGION", "media.s3.region"),
          Map.entry("MEDIA_S3_BUCKET", "media.s3.bucket"),
          Map.entry("MEDIA_S3_ACCESS_KEY_ID", "media.s3.accessKeyId"),
          Map.entry("MEDIA_S3_SECRET_ACCESS_KEY", "media.s3.secretAccessKey"),
          Map.entry("ADMIN_EMAIL", "admin.email"),
          Map.entry("ADMIN_PASSWORD", "admin.password"));

  private ConfigLoader() {}

  public static Settings load(
      Vertx vertx, Path configDir, @Nullable String overrideFile, Map<String, String> environment) {
    Path defaults = configDir.resolve("default.json");
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    if (Files.exists(defaults)) {
      options.addStore(fileStore(defaults.toString()));
    } else {
      // running from the jar outside the checkout: the defaults ship on the classpath
      String text = readClasspath("config/default.json");
      DuplicateKeys.refuseIn("config/default.json (classpath)", text, false);
      options.addStore(new ConfigStoreOptions().setType("json").setConfig(new JsonObject(text)));
    }
    if (overrideFile != null) {
      if (!Files.isReadable(Path.of(overrideFile))) {
        throw new ConfigException("--config file " + overrideFile + " cannot be read");
      }
      options.addStore(fileStore(overrideFile));
    }
    JsonObject merged;
    try {
      merged = ConfigRetriever.create(vertx, options).getConfig().await();
    } catch (Exception e) {
      throw new ConfigException("Configuration cannot be read: " + e.getMessage());
    }
    Settings settings = new Settings(merged);
    for (Map.Entry<String, String> env : ENVIRONMENT.entrySet()) {
      String value = environment.get(env.getKey());
      if (value != null && !value.isBlank()) {
        settings = settings.with(env.getValue(), value);
      }
    }
    return settings;
  }

  private static ConfigStoreOptions fileStore(String path) {
    boolean yaml = path.endsWith(".yaml") || path.endsWith(".yml");
    String format = yaml ? "yaml" : "json";
    try {
      DuplicateKeys.refuseIn(path, Files.readString(Path.of(path)), yaml);
    } catch (java.io.IOException e) {
      throw new ConfigException(path + " cannot be read: " + e.getMessage());
    }
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat(format)
        .setConfig(new JsonObject().put("path", path));
  }

  private static String readClasspath(String name) {
    try (var in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigException("No " + name + " found next to the program or on the classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new ConfigException("Cannot read " + name + ": " + e.getMessage());
    }
  }
}
