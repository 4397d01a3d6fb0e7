package io.showfloor.commerce.catalog;

import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.OnePass;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Seller CSV imports of up to {@code maxRows} rows as background jobs in PostgreSQL: the file is
 * stored with the job, and any node works through it a slice at a time, holding the job row ({@code
 * FOR UPDATE SKIP LOCKED}) for the slice. After each slice the position ({@code rows_done}) and the
 * slice's report rows are stored and the seller hears {@code import.progress} on their {@code me}
 * topic; a restarted node carries on from the stored position. Products are written by SKU, so a
 * slice written again after a crash updates what it created. Duplicate SKUs are caught within a
 * slice and among the slices this node ran.
 */
public final class ImportJobs {
  private static final String CREATE =
      "INSERT INTO product_import_jobs (seller_id, csv, rows_total) VALUES ($1, $2, $3) RETURNING *";
  private static final String CLAIM =
      """
      SELECT id, seller_id, csv, rows_done, rows_total FROM product_import_jobs
      WHERE status = 'running' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""";
  private static final String ADVANCE =
      """
      UPDATE product_import_jobs SET rows_done = $2, created = created + $3, updated = updated + $4,
        refused = refused + $5, status = CASE WHEN $2 >= rows_total THEN 'done' ELSE 'running' END,
        finished_at = CASE WHEN $2 >= rows_total THEN now() END
      WHERE id = $1 RETURNING *""";
  private static final String REPORT_ROWS =
      """
      INSERT INTO product_import_rows (job_id, line, result)
      SELECT $1, (r->>'line')::int, r FROM jsonb_array_elements($2::jsonb) AS r""";
  private static final String GET =
      "SELECT * FROM product_import_jobs WHERE id = $1 AND seller_id = $2";
  private static final String ROWS =
      "SELECT result FROM product_import_rows WHERE job_id = $1 ORDER BY line";

  private final Database db;
  private final EventPublisher events;
  private final ProductImport imports;
  private final int maxRows;
  private final int sliceRows;
  private final OnePass pass;
  // parsed files of the jobs this node works on (a restarted node parses again)
  private final Map<Long, Parsed> parsed = new ConcurrentHashMap<>();

  private record Parsed(
      List<CsvRows.Record> records, Map<String, Integer> columns, java.util.Set<String> seen) {}

  public ImportJobs(
      Database db, EventPublisher events, ProductImport imports, int maxRows, int sliceRows) {
    this.db = db;
    this.events = events;
    this.imports = imports;
    this.maxRows = maxRows;
    this.sliceRows = sliceRows;
    this.pass = new OnePass("product import jobs", 120_000, this::slice);
  }

  /** Polls for running jobs (this node's, or a stopped node's) every {@code pollMillis}. */
  public void start(Vertx vertx, long pollMillis) {
    vertx.setPeriodic(pollMillis, id -> pass.run());
  }

  /** Checks the file as a whole and stores the job; 409 while another of the seller's runs. */
  public Future<JsonObject> create(long sellerId, String csv) {
    List<CsvRows.Record> records = CsvRows.parse(csv);
    return ProductImport.columns(records, maxRows)
        .compose(
            columns ->
                db.one(CREATE, Tuple.of(sellerId, csv, records.size() - 1))
                    .recover(
                        e ->
                            Database.isUniqueViolation(e, "product_import_jobs_one_running")
                                ? Future.failedFuture(
                                    Refused.conflict(
                                        "import_in_progress",
                                        "Another import of yours is still running; wait for it to finish"))
                                : Future.failedFuture(e))
                    .map(
                        row -> {
                          parsed.put(
                              row.getLong("id"), new Parsed(records, columns, new HashSet<>()));
                          pass.run();
                          return toJson(row);
                        }));
  }

  /** The job as its seller sees it; the per-row report once it is done. */
  public Future<JsonObject> get(long sellerId, long jobId) {
    return db.one(GET, Tuple.of(jobId, sellerId))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(
                    Refused.notFound("import_not_found", "No such import of yours"));
              }
              JsonObject job = toJson(row);
              if (!"done".equals(row.getString("status"))) {
                return Future.succeededFuture(job);
              }
              return db.query(ROWS, Tuple.of(jobId))
                  .map(
                      rows -> {
                        JsonArray results = new JsonArray();
                        rows.forEach(
                            r -> results.add(new JsonObject(r.getValue("result").toString())));
                        return job.put("results", results);
                      });
            });
  }

  /** What a slice committed: whose job moved and how far (seller 0: there was no job). */
  private record Progress(long seller, JsonObject job) {}

  /** One slice of the oldest running job; true when more may be waiting. */
  private Future<Boolean> slice() {
    return db.<Progress>tx(
            conn ->
                conn.preparedQuery(CLAIM)
                    .execute(Tuple.tuple())
                    .compose(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            return Future.succeededFuture(new Progress(0, new JsonObject()));
                          }
                          Row job = rows.iterator().next();
                          long id = job.getLong("id");
                          long seller = job.getLong("seller_id");
                          int done = job.getInteger("rows_done");
                          int total = job.getInteger("rows_total");
                          Parsed file =
                              parsed.computeIfAbsent(id, k -> parse(job.getString("csv")));
                          int to = Math.min(total, done + sliceRows);
                          return imports
                              .runSlice(
                                  seller,
                                  file.records(),
                                  file.columns(),
                                  done + 1,
                                  to + 1,
                                  file.seen())
                              .compose(
                                  results -> {
                                    int created = 0;
                                    int updated = 0;
                                    JsonArray report = new JsonArray();
                                    for (ProductImport.RowResult result : results) {
                                      report.add(result.toJson());
                                      switch (result.status()) {
                                        case "created" -> created++;
                                        case "updated" -> updated++;
                                        default -> {}
                                      }
                                    }
                                    int refused = results.size() - created - updated;
                                    int made = created;
                                    int changed = updated;
                                    return conn.preparedQuery(REPORT_ROWS)
                                        .execute(Tuple.of(id, report))
                                        .compose(
                                            v ->
                                                conn.preparedQuery(ADVANCE)
                                                    .execute(
                                                        Tuple.of(id, to, made, changed, refused)));
                                  })
                              .map(
                                  advanced -> {
                                    JsonObject progress = toJson(advanced.iterator().next());
                                    if (to >= total) {
                                      parsed.remove(id);
                                    }
                                    return new Progress(seller, progress);
                                  });
                        }),
            // after the commit: the seller's progress bar
            progress -> {
              if (progress.seller() != 0) {
                events.toUser(progress.seller(), "import.progress", progress.job());
              }
            })
        .map(progress -> progress.seller() != 0);
  }

  private Parsed parse(String csv) {
    List<CsvRows.Record> records = CsvRows.parse(csv);
    Map<String, Integer> columns = ProductImport.columns(records, Integer.MAX_VALUE).result();
    return new Parsed(records, columns, new HashSet<>());
  }

  private static JsonObject toJson(@Nullable Row row) {
    if (row == null) {
      return new JsonObject();
    }
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("status", row.getString("status"))
        .put("rowsTotal", row.getInteger("rows_total"))
        .put("rowsDone", row.getInteger("rows_done"))
        .put("created", row.getInteger("created"))
        .put("updated", row.getInteger("updated"))
        .put("refused", row.getInteger("refused"))
        .put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")))
        .put(
            "finishedAt",
            row.getOffsetDateTime("finished_at") == null
                ? null
                : String.valueOf(row.getOffsetDateTime("finished_at")));
  }
}
