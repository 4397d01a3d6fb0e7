package io.showfloor.market;

import io.showfloor.market.trading.BookCommand;
import io.showfloor.market.trading.BookOwner;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/**
 * How any node reaches the owner of a book: commands on {@code market.cmd.<symbol>}, reads of the
 * committed book and ticker on {@code market.read.<symbol>}. When nobody answers, it says why: no
 * such instrument (404), not approved (409), or the book is between owners (503, retry).
 */
public final class BookClient {
  private static final long COMMAND_TIMEOUT_MS = 15_000;
  private static final long READ_TIMEOUT_MS = 5_000;
  private final Vertx vertx;
  private final Database db;

  public BookClient(Vertx vertx, Database db) {
    this.vertx = vertx;
    this.db = db;
  }

  /** Sends a command and turns the owner's answer into the HTTP reply (or its ApiError). */
  public Future<Reply> send(String symbol, BookCommand command) {
    return vertx.eventBus().<JsonObject>request(BookOwner.commandAddress(symbol), command.toJson(),
            new DeliveryOptions().setSendTimeout(COMMAND_TIMEOUT_MS))
        .recover(failure -> unreachable(symbol, failure))
        .map(message -> toReply(message.body()));
  }

  /** The owner's last committed view: {@code {instrument, book, ticker}}. */
  public Future<JsonObject> read(String symbol) {
    return vertx.eventBus().<JsonObject>request(BookOwner.readAddress(symbol), new JsonObject(),
            new DeliveryOptions().setSendTimeout(READ_TIMEOUT_MS))
        .recover(failure -> unreachable(symbol, failure))
        .map(message -> {
          JsonObject body = message.body();
          if (body.containsKey("error")) {
            throw error(body.getJsonObject("error"));
          }
          return body;
        });
  }

  static Reply toReply(JsonObject answer) {
    if (answer.containsKey("error")) {
      throw error(answer.getJsonObject("error"));
    }
    return Reply.status(answer.getInteger("status"), answer.getJsonObject("body"));
  }

  private static ApiError error(JsonObject error) {
    return new ApiError(error.getInteger("status"), error.getString("code"), error.getString("title"),
        error.getString("detail"));
  }

  private <T> Future<T> unreachable(String symbol, Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return db.one("SELECT status FROM market_instruments WHERE symbol = $1", Tuple.of(symbol)).compose(row -> {
        if (row == null) {
          return Future.failedFuture(ApiError.notFound("instrument_not_found", "No instrument " + symbol));
        }
        if (!"approved".equals(row.getString("status"))) {
          return Future.failedFuture(ApiError.conflict("instrument_not_approved", symbol + " is not approved for trading"));
        }
        return Future.failedFuture(unavailable(symbol));
      });
    }
    if (failure instanceof ReplyException) {
      return Future.failedFuture(unavailable(symbol));
    }
    return Future.failedFuture(failure);
  }

  private static ApiError unavailable(String symbol) {
    return new ApiError(503, "market_unavailable", "Service unavailable",
        "The " + symbol + " book is not reachable right now; try again in a few seconds");
  }
}
