package io.showfloor.platform.infra;

import io.showfloor.platform.config.ConfigException;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** A postgres:// or postgresql:// URL, read once into what the reactive client and JDBC need. */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

  public static DatabaseUrl parse(@Nullable String url) {
    if (url == null) {
      throw new ConfigException("Missing setting database.url (set DATABASE_URL)");
    }
    try {
      URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
      if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
        throw new ConfigException("DATABASE_URL must start with postgresql://, got " + uri.getScheme());
      }
      String user = "postgres";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : "";
      }
      String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
      if (uri.getHost() == null) {
        throw new ConfigException("DATABASE_URL has no host: " + url);
      }
      return new DatabaseUrl(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, db, user, password);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("DATABASE_URL is not a valid URL: " + e.getMessage());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
        .setUser(user).setPassword(password).setCachePreparedStatements(true).setPipeliningLimit(256);
  }
}
