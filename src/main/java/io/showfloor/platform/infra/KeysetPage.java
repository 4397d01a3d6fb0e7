package io.showfloor.platform.infra;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.function.Function;

/**
 * One page of a list read newest first by id: the query asks for {@code limit + 1} rows, and the
 * extra row only says there is more. The answer is {@code {items, nextBefore}}, where {@code
 * nextBefore} is the last listed id when another page follows and null on the last page.
 */
public final class KeysetPage {
  private KeysetPage() {}

  public static JsonObject of(Iterable<Row> rows, int limit, Function<Row, JsonObject> item) {
    return page(rows, limit, item, "nextBefore");
  }

  /**
   * The same for a list read oldest first after an id (a replay's chat): {@code {items,
   * nextAfter}}.
   */
  public static JsonObject after(Iterable<Row> rows, int limit, Function<Row, JsonObject> item) {
    return page(rows, limit, item, "nextAfter");
  }

  /**
   * A list read in the order of some other key (a symbol, an encoded sort position): {@code {items,
   * nextAfter}}, where {@code nextAfter} is {@code key} of the last listed row when another page
   * follows.
   */
  public static JsonObject after(
      Iterable<Row> rows, int limit, Function<Row, JsonObject> item, Function<Row, ?> key) {
    return page(rows, limit, item, "nextAfter", key);
  }

  private static JsonObject page(
      Iterable<Row> rows, int limit, Function<Row, JsonObject> item, String cursor) {
    return page(rows, limit, item, cursor, row -> row.getLong("id"));
  }

  private static JsonObject page(
      Iterable<Row> rows,
      int limit,
      Function<Row, JsonObject> item,
      String cursor,
      Function<Row, ?> key) {
    JsonArray items = new JsonArray();
    Row last = null;
    boolean more = false;
    for (Row row : rows) {
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(item.apply(row));
      last = row;
    }
    return new JsonObject()
        .put("items", items)
        .put(cursor, more && last != null ? key.apply(last) : null);
  }
}
