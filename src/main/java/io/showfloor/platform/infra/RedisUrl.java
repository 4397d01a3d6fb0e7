package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A redis:// or rediss:// (TLS) URL, checked at start-up. With rediss the client speaks TLS from
 * the first byte, checks the server's certificate against {@code redis.sslRootCert} (or the JVM's
 * trusted CAs when unset, as managed Redis services use public CAs) and checks that it names the
 * host.
 */
public record RedisUrl(String url, boolean tls, @Nullable Path rootCert) {
  static final String URL_SETTING = "redis.url (REDIS_URL)";
  static final String CA_SETTING = "redis.sslRootCert (REDIS_SSL_ROOT_CERT)";

  public static RedisUrl from(Settings settings) {
    return parse(settings.string("redis.url", null), settings.string("redis.sslRootCert", null));
  }

  public static RedisUrl parse(@Nullable String url, @Nullable String rootCertSetting) {
    if (url == null || url.isBlank()) {
      throw new ConfigException("Missing setting " + URL_SETTING);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ConfigException(
          URL_SETTING + " is not a valid URL (" + DatabaseUrl.oneLine(e) + ")");
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new ConfigException(URL_SETTING + " must start with redis:// or rediss:// (TLS)");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(URL_SETTING + " has no host");
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1 && !path.substring(1).matches("\\d{1,2}")) {
      throw new ConfigException(
          URL_SETTING + " names database " + path.substring(1) + "; Redis databases are numbers");
    }
    boolean tls = "rediss".equals(uri.getScheme());
    Path rootCert = null;
    if (rootCertSetting != null && !rootCertSetting.isBlank()) {
      if (!tls) {
        throw new ConfigException(
            CA_SETTING + " is set but " + URL_SETTING + " is not rediss:// (TLS)");
      }
      rootCert = TlsFiles.certificates(rootCertSetting.trim(), CA_SETTING);
    }
    return new RedisUrl(url.trim(), tls, rootCert);
  }

  /**
   * The client's options: the URL, and for rediss TLS on the socket itself with the CA and host
   * name checked.
   */
  public RedisOptions options() {
    RedisOptions options = new RedisOptions().setConnectionString(url);
    if (tls) {
      NetClientOptions net =
          options.getNetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      if (rootCert != null) {
        net.setTrustOptions(new PemTrustOptions().addCertPath(rootCert.toString()));
      }
    }
    return options;
  }

  @Override
  public String toString() {
    // the URL may carry a password
    return "RedisUrl[" + (tls ? "rediss" : "redis") + "]";
  }
}
