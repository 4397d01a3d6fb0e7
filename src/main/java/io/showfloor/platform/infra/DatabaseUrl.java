package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A postgres:// or postgresql:// URL, read by the reactive driver's own URI parser ({@link
 * PgConnectOptions#fromUri}) and carried over to the JDBC URL Flyway uses, so both clients connect
 * the same way: same host, database, user and TLS. {@code ?sslmode=} takes libpq's values (disable,
 * allow, prefer, require, verify-ca, verify-full) with libpq's meaning; the CA that signs the
 * server's certificate comes from {@code ?sslrootcert=} or {@code database.sslRootCert}.
 */
public record DatabaseUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    SslMode sslMode,
    @Nullable Path rootCert,
    Map<String, String> properties) {
  static final String URL_SETTING = "database.url (DATABASE_URL)";
  static final String CA_SETTING = "database.sslRootCert (DATABASE_SSL_ROOT_CERT)";

  /**
   * What libpq's URI parameters we carry to both drivers; anything else is refused rather than
   * dropped.
   */
  private static final Set<String> PARAMETERS =
      Set.of(
          "sslmode",
          "sslrootcert",
          "application_name",
          "options",
          "search_path",
          "user",
          "password",
          "dbname",
          "host",
          "port");

  private static final Set<String> SESSION_PROPERTIES =
      Set.of("application_name", "options", "search_path");

  public DatabaseUrl {
    properties = Map.copyOf(properties);
  }

  /** The node's database: database.url with database.sslRootCert. */
  public static DatabaseUrl from(Settings settings) {
    return parse(
        settings.string("database.url", null), settings.string("database.sslRootCert", null));
  }

  public static DatabaseUrl parse(@Nullable String url) {
    return parse(url, null);
  }

  public static DatabaseUrl parse(@Nullable String url, @Nullable String rootCertSetting) {
    if (url == null || url.isBlank()) {
      throw new ConfigException("Missing setting " + URL_SETTING);
    }
    String uri = url.trim().replaceFirst("^jdbc:", "");
    if (!uri.startsWith("postgresql://") && !uri.startsWith("postgres://")) {
      throw new ConfigException(URL_SETTING + " must start with postgresql://");
    }
    Map<String, String> query = query(uri);
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new ConfigException(
            URL_SETTING
                + " has the parameter "
                + name
                + ", which is not supported (supported: "
                + String.join(", ", PARAMETERS.stream().sorted().toList())
                + ")");
      }
    }
    String mode = query.get("sslmode");
    if (mode != null && !TlsFiles.SSL_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
      throw new ConfigException(
          URL_SETTING
              + " has sslmode="
              + mode
              + "; use one of disable, allow, prefer, require,"
              + " verify-ca, verify-full");
    }
    PgConnectOptions parsed;
    try {
      parsed = PgConnectOptions.fromUri(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          URL_SETTING + " is not a valid postgresql:// URL (" + oneLine(e) + ")");
    }
    if (!hasHost(uri, query)) {
      throw new ConfigException(URL_SETTING + " has no host");
    }
    Path rootCert = rootCert(query.get("sslrootcert"), rootCertSetting);
    SslMode sslMode = mode == null ? SslMode.DISABLE : parsed.getSslMode();
    if (sslMode == SslMode.REQUIRE && rootCert != null) {
      // libpq: "if a root CA file exists, sslmode=require behaves like verify-ca"
      sslMode = SslMode.VERIFY_CA;
    }
    if ((sslMode == SslMode.VERIFY_CA || sslMode == SslMode.VERIFY_FULL) && rootCert == null) {
      throw new ConfigException(
          URL_SETTING
              + " asks for sslmode="
              + sslMode.value
              + ", which needs the CA certificate that signs the server's: set "
              + CA_SETTING);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    query.forEach(
        (name, value) -> {
          if (SESSION_PROPERTIES.contains(name)) {
            properties.put(name, value);
          }
        });
    return new DatabaseUrl(
        parsed.getHost(),
        parsed.getPort(),
        parsed.getDatabase(),
        parsed.getUser(),
        parsed.getPassword() == null ? "" : parsed.getPassword(),
        sslMode,
        rootCert,
        properties);
  }

  /** The JDBC URL for Flyway: the same server, database, TLS mode and CA as the reactive pool. */
  public String jdbcUrl() {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.add("sslmode=" + sslMode.value);
    if (rootCert != null) {
      parameters.add("sslrootcert=" + encode(rootCert.toString()));
    }
    if (properties.containsKey("application_name")) {
      parameters.add("ApplicationName=" + encode(properties.get("application_name")));
    }
    if (properties.containsKey("options")) {
      parameters.add("options=" + encode(properties.get("options")));
    }
    if (properties.containsKey("search_path")) {
      parameters.add("currentSchema=" + encode(properties.get("search_path")));
    }
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + hostPart + ":" + port + "/" + encode(database) + parameters;
  }

  public PgConnectOptions connectOptions() {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setDatabase(database)
            .setUser(user)
            .setPassword(password)
            .setCachePreparedStatements(true)
            .setPipeliningLimit(256)
            .setSslMode(sslMode);
    if (!properties.isEmpty()) {
      options.setProperties(new LinkedHashMap<>(properties));
    }
    ClientSSLOptions ssl = new ClientSSLOptions();
    switch (sslMode) {
      // libpq encrypts without checking the certificate in these modes; so does pgjdbc
      case ALLOW, PREFER, REQUIRE -> ssl.setTrustAll(true).setHostnameVerificationAlgorithm("");
      case VERIFY_CA -> ssl.setTrustOptions(trust()).setHostnameVerificationAlgorithm("");
      case VERIFY_FULL -> ssl.setTrustOptions(trust()).setHostnameVerificationAlgorithm("HTTPS");
      case DISABLE -> {}
    }
    return options.setSslOptions(ssl);
  }

  /** True when the connection is encrypted (sslmode other than disable, allow and prefer). */
  public boolean requiresTls() {
    return sslMode == SslMode.REQUIRE
        || sslMode == SslMode.VERIFY_CA
        || sslMode == SslMode.VERIFY_FULL;
  }

  /**
   * A connection refused over TLS as one line naming the settings to look at (a CA that does not
   * sign the server's certificate, a host name the certificate does not name, a server without
   * TLS); empty for any other failure.
   */
  public Optional<ConfigException> tlsRefusal(Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof javax.net.ssl.SSLException
          || cause instanceof java.security.cert.CertificateException
          || message.contains("SSL")
          || message.contains("hostname")
          || message.contains("PKIX")) {
        String detail = oneLine(failure);
        if (rootCert != null && sslMode != SslMode.DISABLE) {
          return Optional.of(
              new ConfigException(
                  "The database server's certificate was refused under sslmode="
                      + sslMode.value
                      + " of "
                      + URL_SETTING
                      + " with the CA in "
                      + CA_SETTING
                      + " ("
                      + rootCert
                      + "): "
                      + detail));
        }
        return Optional.of(
            new ConfigException(
                "TLS to the database failed under sslmode="
                    + sslMode.value
                    + " of "
                    + URL_SETTING
                    + ": "
                    + detail));
      }
    }
    return Optional.empty();
  }

  private PemTrustOptions trust() {
    return new PemTrustOptions().addCertPath(String.valueOf(rootCert));
  }

  private static @Nullable Path rootCert(@Nullable String inUrl, @Nullable String setting) {
    if (inUrl != null && !inUrl.isBlank()) {
      return TlsFiles.certificates(inUrl.trim(), URL_SETTING + "'s sslrootcert");
    }
    if (setting != null && !setting.isBlank()) {
      return TlsFiles.certificates(setting.trim(), CA_SETTING);
    }
    return null;
  }

  private static boolean hasHost(String uri, Map<String, String> query) {
    if (query.containsKey("host")) {
      return true;
    }
    try {
      URI parsed = new URI(uri);
      return parsed.getHost() != null
          || parsed.getRawAuthority() != null && !parsed.getRawAuthority().endsWith("@");
    } catch (java.net.URISyntaxException e) {
      return true; // the driver's parser accepted it; java.net.URI is stricter about some
      // characters
    }
  }

  private static Map<String, String> query(String uri) {
    Map<String, String> query = new LinkedHashMap<>();
    int mark = uri.indexOf('?');
    if (mark < 0) {
      return query;
    }
    for (String pair : uri.substring(mark + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(URL_SETTING + " has a parameter without a value: " + pair);
      }
      try {
        query.put(
            pair.substring(0, eq).toLowerCase(Locale.ROOT),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            URL_SETTING + " has a badly encoded parameter " + pair.substring(0, eq));
      }
    }
    return query;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  @Override
  public String toString() {
    // never print the password
    return "DatabaseUrl["
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + ", sslmode="
        + sslMode.value
        + "]";
  }
}
