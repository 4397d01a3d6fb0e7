package io.showfloor.testing;

import io.showfloor.platform.infra.DatabaseUrl;
import io.showfloor.platform.infra.Migrations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A new, migrated database on the test node's PostgreSQL server, for tests that need the whole
 * database to themselves (a second node, a mail worker that must not compete with the shared one).
 */
public final class ScratchDatabase {
  private ScratchDatabase() {}

  /** Creates the database, runs the migrations, and answers its postgresql:// URL. */
  public static String create(String purpose) {
    String name = "scratch_" + purpose + "_" + Long.toHexString(System.nanoTime());
    TestNode.get().platform().db().pool().query("CREATE DATABASE " + name).execute().await();
    DatabaseUrl shared =
        DatabaseUrl.parse(TestNode.get().platform().settings().string("database.url", null));
    String url =
        "postgresql://"
            + URLEncoder.encode(shared.user(), StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(shared.password(), StandardCharsets.UTF_8)
            + "@"
            + shared.host()
            + ":"
            + shared.port()
            + "/"
            + name;
    Migrations.run(DatabaseUrl.parse(url));
    return url;
  }
}
