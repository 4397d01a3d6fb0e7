package io.showfloor.commerce.returns;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Photos a buyer attaches to a return request: ids of their own uploads (POST /api/media), read
 * through the media domain's {@code media_directory} view. Someone else's upload, or one that does
 * not exist, is 400 photo_not_found and files nothing.
 */
final class ReturnPhotos {
  static final int MAX = 4;
  private static final String OWNED =
      "SELECT count(*) AS n FROM media_directory WHERE id = ANY($1) AND owner_id = $2";

  private ReturnPhotos() {}

  static Long[] ids(JsonObject body) {
    JsonArray given = body.getJsonArray("photoIds");
    Set<Long> ids = new LinkedHashSet<>();
    if (given != null) {
      for (Object id : given) {
        ids.add(((Number) id).longValue());
      }
    }
    return ids.toArray(Long[]::new);
  }

  static Future<Void> checkOwned(SqlConnection conn, long ownerId, Long[] ids) {
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

  static JsonArray json(@Nullable Object stored) {
    return stored instanceof JsonArray array ? array : new JsonArray();
  }
}
