package io.showfloor.insight;

import io.showfloor.insight.model.DirectionModel;
import io.showfloor.insight.model.Features;
import io.showfloor.insight.model.TrackRecord;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Statements over insight_models: store a new version, find and load the newest. */
final class ModelSql {
  private static final String INSERT =
      """
      INSERT INTO insight_models (scope, interval, horizon, version, window_from, window_to, samples,
        features, metrics, edge, model, trained_by)
      SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11
      FROM insight_models WHERE scope = $1 AND interval = $2 AND horizon = $3
      RETURNING id""";
  // keep the newest five versions of each model; older ones only take space
  private static final String PRUNE =
      """
      DELETE FROM insight_models WHERE scope = $1 AND interval = $2 AND horizon = $3
        AND version <= (SELECT MAX(version) - 5 FROM insight_models WHERE scope = $1 AND interval = $2 AND horizon = $3)""";
  // a prediction's one look-up: is the instrument listed, and which versions would answer it
  private static final String CHOICES =
      """
      SELECT EXISTS (SELECT 1 FROM market_instruments WHERE symbol = $1 AND status IN ('approved', 'delisted')) AS listed,
        (SELECT id FROM insight_models WHERE scope = $1 AND interval = $2 AND horizon = $3 ORDER BY version DESC LIMIT 1) AS own,
        (SELECT id FROM insight_models WHERE scope = '*' AND interval = $2 AND horizon = $3 ORDER BY version DESC LIMIT 1) AS pooled""";
  private static final String NEWEST_OF_EACH =
      "SELECT DISTINCT ON (scope, interval, horizon) id FROM insight_models "
          + "ORDER BY scope, interval, horizon, version DESC";
  private static final String LOAD =
      "SELECT id, scope, interval, horizon, version, trained_at, window_from, window_to, samples, "
          + "metrics, edge, model FROM insight_models WHERE id = $1";

  private final Database db;

  ModelSql(Database db) {
    this.db = db;
  }

  /** Stores a trained version; answers its id. */
  Future<Long> insert(
      String scope,
      Interval interval,
      int horizon,
      Instant from,
      Instant to,
      int samples,
      TrackRecord record,
      byte[] model,
      @Nullable Long trainedBy) {
    Tuple args =
        Tuple.tuple()
            .addString(scope)
            .addString(interval.code())
            .addInteger(horizon)
            .addOffsetDateTime(from.atOffset(ZoneOffset.UTC))
            .addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
            .addInteger(samples)
            .addValue(new JsonArray(Features.NAMES))
            .addValue(metrics(record))
            .addBoolean(record.edge())
            .addBuffer(Buffer.buffer(model))
            .addValue(trainedBy);
    return db.tx(
        conn ->
            conn.preparedQuery(INSERT)
                .execute(args)
                .compose(
                    rows ->
                        conn.preparedQuery(PRUNE)
                            .execute(Tuple.of(scope, interval.code(), horizon))
                            .map(rows.iterator().next().getLong("id"))));
  }

  /** What would answer a prediction for {@code symbol}: ids of its own and the pooled model. */
  record Choices(boolean listed, @Nullable Long own, @Nullable Long pooled) {}

  Future<Choices> choices(String symbol, Interval interval, int horizon) {
    return db.one(CHOICES, Tuple.of(symbol, interval.code(), horizon))
        .map(
            row ->
                new Choices(
                    Boolean.TRUE.equals(row.getBoolean("listed")),
                    row.getLong("own"),
                    row.getLong("pooled")));
  }

  /** The id of the newest version of every model (what a starting node loads). */
  Future<java.util.List<Long>> newestOfEach() {
    return db.query(NEWEST_OF_EACH, Tuple.tuple())
        .map(
            rows -> {
              java.util.List<Long> ids = new java.util.ArrayList<>();
              rows.forEach(row -> ids.add(row.getLong("id")));
              return ids;
            });
  }

  Future<StoredModel> load(long id) {
    return db.one(LOAD, Tuple.of(id))
        .map(
            row ->
                new StoredModel(
                    row.getLong("id"),
                    row.getString("scope"),
                    Interval.parse(row.getString("interval")),
                    row.getInteger("horizon"),
                    row.getInteger("version"),
                    row.getOffsetDateTime("trained_at").toInstant(),
                    row.getOffsetDateTime("window_from").toInstant(),
                    row.getOffsetDateTime("window_to").toInstant(),
                    row.getInteger("samples"),
                    (JsonObject) row.getValue("metrics"),
                    row.getBoolean("edge"),
                    DirectionModel.fromBytes(row.getBuffer("model").getBytes())));
  }

  static JsonObject metrics(TrackRecord r) {
    JsonObject baselines = new JsonObject();
    r.baselines().forEach((name, score) -> baselines.put(name, score(score)));
    JsonArray calibration = new JsonArray();
    for (TrackRecord.Bin bin : r.calibration()) {
      calibration.add(
          new JsonObject()
              .put("from", bin.from())
              .put("to", bin.to())
              .put("count", bin.count())
              .put("meanPredicted", bin.meanPredicted())
              .put("observedUp", bin.observedUp()));
    }
    return new JsonObject()
        .put("method", "walk-forward")
        .put("samples", r.samples())
        .put("folds", r.folds())
        .put("model", score(r.model()))
        .put("baselines", baselines)
        .put("bestBaseline", r.bestBaseline())
        .put("bestBaselineAccuracy", r.bestBaselineAccuracy())
        .put("logLoss", r.logLoss())
        .put("baseRateLogLoss", r.baseRateLogLoss())
        .put("brier", r.brier())
        .put("calibrationError", r.calibrationError())
        .put("calibration", calibration)
        .put("edge", r.edge());
  }

  private static JsonObject score(TrackRecord.Score s) {
    return new JsonObject()
        .put("accuracy", s.accuracy())
        .put("low", s.low())
        .put("high", s.high())
        .put("correct", s.correct())
        .put("total", s.total());
  }
}
