package io.showfloor.market.export;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rows read in order after a cursor, one statement per batch: each batch's last row is the next
 * batch's cursor. Every statement is a short query on the pool (no transaction held open while a
 * slow client downloads).
 *
 * @param <K> the cursor: the ordering key of the last row sent
 */
final class KeysetRows<K> implements ExportRows {
  static final int BATCH = 500;

  private final Database db;
  private final JsonObject description;
  private final List<String> columns;
  private final String sql;
  private final Function<K, Tuple> arguments;
  private final Function<Row, K> key;
  private final Function<Row, JsonObject> json;
  private K cursor;
  private boolean exhausted;

  KeysetRows(
      Database db,
      JsonObject description,
      List<String> columns,
      String sql,
      K start,
      Function<K, Tuple> arguments,
      Function<Row, K> key,
      Function<Row, JsonObject> json) {
    this.db = db;
    this.description = description;
    this.columns = columns;
    this.sql = sql;
    this.cursor = start;
    this.arguments = arguments;
    this.key = key;
    this.json = json;
  }

  @Override
  public JsonObject describe() {
    return description;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public Future<List<JsonObject>> next() {
    if (exhausted) {
      return Future.succeededFuture(List.of());
    }
    return db.query(sql, arguments.apply(cursor).addInteger(BATCH))
        .map(
            rows -> {
              List<JsonObject> batch = new ArrayList<>(rows.size());
              for (Row row : rows) {
                batch.add(json.apply(row));
                cursor = key.apply(row);
              }
              exhausted = rows.size() < BATCH;
              return batch;
            });
  }
}
