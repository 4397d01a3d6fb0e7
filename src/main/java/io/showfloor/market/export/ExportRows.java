package io.showfloor.market.export;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The rows of one export, read from PostgreSQL a batch at a time (keyset pages), so a year of
 * trades never sits in memory.
 */
public interface ExportRows {
  /** What the export is: kind, symbol, interval, range (the head of a JSON export). */
  JsonObject describe();

  /** The CSV columns, in order; each is a field of the rows' JSON. */
  List<String> columns();

  /** The next rows in order; empty once the range is exhausted. */
  Future<List<JsonObject>> next();
}
