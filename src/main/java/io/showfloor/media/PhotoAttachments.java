package io.showfloor.media;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Photos a user attaches to something they file (a report, a return request): ids of their own
 * uploads (POST /api/media), read through the media domain's {@code media_directory} view. Someone
 * else's upload, or one that does not exist, is 400 photo_not_found and files nothing. Handed to
 * the domains that attach photos by {@code Wiring} ({@link Media#photoAttachments()}).
 */
public final class PhotoAttachments {
  private static final String OWNED =
      "SELECT count(*) AS n FROM media_directory WHERE id = ANY($1) AND owner_id = $2";

  /** The distinct ids in a body's {@code photoIds} (none when absent), in the order given. */
  public Long[] ids(JsonObject body) {
    JsonArray given = body.getJsonArray("photoIds");
    Set<Long> ids = new LinkedHashSet<>();
    if (given != null) {
      for (Object id : given) {
        ids.add(((Number) id).longValue());
      }
    }
    return ids.toArray(Long[]::new);
  }

  /** Succeeds when every id is an upload of {@code ownerId}, on the filing's own connection. */
  public Future<Void> checkOwned(SqlConnection conn, long ownerId, Long[] ids) {
    if (ids.length == 0) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(OWNED)
        .execute(Tuple.of(ids, ownerId))
        .compose(
            rows ->
                rows.iterator().next().getLong("n") == ids.length
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        Refused.invalid(
                            "photo_not_found",
                            "Attach photos you uploaded yourself (POST /api/media)")));
  }
}
