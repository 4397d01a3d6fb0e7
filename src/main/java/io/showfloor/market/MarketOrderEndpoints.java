package io.showfloor.market;

import io.showfloor.market.engine.OrderType;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.TimeInForce;
import io.showfloor.market.engine.Trigger;
import io.showfloor.market.trading.BookAnswer;
import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Placing, cancelling, reducing and reading the caller's orders and fills: /api/market/orders,
 * /fills.
 */
final class MarketOrderEndpoints implements ApiRoutes {
  private static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
  private final RateLimiter rateLimiter;
  private final MarketSettings settings;
  private final BookClient books;
  private final MarketOrders orders;
  private final PlacedOrders placed = new PlacedOrders();
  private final TraderPlans plans;

  MarketOrderEndpoints(
      RateLimiter rateLimiter,
      MarketSettings settings,
      BookClient books,
      MarketOrders orders,
      TraderPlans plans) {
    this.plans = plans;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.books = books;
    this.orders = orders;
  }

  @Override
  public void mount(Api api) {
    api.on("placeMarketOrder", this::place);
    api.on(
        "cancelMarketOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        limited(caller.userId())
                            .compose(v -> bookOf(caller.userId(), req.pathLong("id")))
                            .compose(
                                symbol ->
                                    books.send(
                                        symbol,
                                        new BookCommand.CancelRequest(
                                            caller.userId(), req.pathLong("id")))))
                .map(MarketOrderEndpoints::reply));
    api.on(
        "amendMarketOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        limited(caller.userId())
                            .compose(v -> bookOf(caller.userId(), req.pathLong("id")))
                            .compose(
                                symbol ->
                                    books.send(
                                        symbol,
                                        new BookCommand.AmendRequest(
                                            caller.userId(),
                                            req.pathLong("id"),
                                            req.body().getLong("priceCents"),
                                            req.body().getLong("quantity")))))
                .map(MarketOrderEndpoints::reply));
    api.on("cancelAllMarketOrders", this::cancelAll);
    api.on(
        "getMarketOrder",
        req ->
            req.user()
                .compose(caller -> orders.one(caller.userId(), req.pathLong("id")))
                .map(Reply::ok));
    api.on(
        "listMarketOrders",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders.page(
                            caller.userId(),
                            req.query("status"),
                            req.query("symbol"),
                            (int) req.queryLong("limit", 50),
                            req.queryLong("before", Long.MAX_VALUE)))
                .map(Reply::ok));
    api.on(
        "listMarketFills",
        req ->
            req.user()
                .compose(
                    caller ->
                        plans
                            .of(caller.userId())
                            .compose(
                                plan ->
                                    orders.fills(
                                        caller.userId(),
                                        req.query("symbol"),
                                        (int) req.queryLong("limit", 50),
                                        req.queryLong("before", Long.MAX_VALUE),
                                        plan.historyDays())))
                .map(Reply::ok));
  }

  private Future<Reply> place(ApiRequest req) {
    JsonObject body = req.body();
    BookCommand.OrderRequest order;
    try {
      order = orderRequest(req, body);
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return req.verifiedUser()
        .compose(
            caller ->
                limited(caller.userId())
                    .compose(v -> books.send(order.symbol(), order.by(caller.userId(), null)))
                    .onSuccess(answer -> remember(answer, caller.userId())))
        .map(MarketOrderEndpoints::reply);
  }

  /**
   * Cancels the caller's open orders in one book, or in every book where the caller has some (one
   * command per book, so each book cancels in its own batch).
   */
  private Future<Reply> cancelAll(ApiRequest req) {
    String only = req.query("symbol");
    return req.user()
        .compose(
            caller ->
                limited(caller.userId())
                    .compose(
                        v ->
                            only != null
                                ? Future.succeededFuture(List.of(only))
                                : orders.openOrderSymbols(caller.userId()))
                    .compose(
                        symbols ->
                            Future.all(
                                symbols.stream()
                                    .map(
                                        symbol ->
                                            books.send(
                                                symbol,
                                                new BookCommand.CancelAllRequest(caller.userId())))
                                    .toList())))
        .map(
            all -> {
              JsonArray items = new JsonArray();
              for (int i = 0; i < all.size(); i++) {
                BookAnswer answer = all.resultAt(i);
                items.addAll(answer.body().getJsonArray("items"));
              }
              return Reply.ok(new JsonObject().put("items", items));
            });
  }

  /** A new order is 201 Created; its replay, and every other command's answer, 200. */
  static Reply reply(BookAnswer answer) {
    return answer.result() == BookAnswer.Result.PLACED
        ? Reply.created(answer.body())
        : Reply.ok(answer.body());
  }

  /**
   * The book of the caller's order: from what this node placed, else from PostgreSQL (404 or 409
   * there).
   */
  private Future<String> bookOf(long userId, long orderId) {
    PlacedOrders.Placed known = placed.find(orderId);
    if (known == null) {
      return orders.openOrderSymbol(userId, orderId);
    }
    // someone else's order is answered as the database read answers it; an order that has ended
    // is the book's to refuse (409 order_not_open, as the read would)
    return known.userId() == userId
        ? Future.succeededFuture(known.symbol())
        : Future.failedFuture(ApiError.notFound("order_not_found", "No such order"));
  }

  private void remember(BookAnswer answer, long userId) {
    if (answer.body().getValue("order") instanceof JsonObject order) {
      this.placed.remember(order.getLong("id"), order.getString("symbol"), userId);
    }
  }

  /** Placing, cancelling and reducing share one budget per user: each costs the book a command. */
  private Future<Void> limited(long userId) {
    return rateLimiter.check("market-orders:" + userId, settings.ordersPerSecondPerUser(), 1);
  }

  /**
   * The rules the contract cannot express: a limit has a price, a market order none, maxCostCents
   * only on market buys.
   */
  private static BookCommand.OrderRequest orderRequest(ApiRequest req, JsonObject body) {
    return orderRequest(body, req.idempotencyKey());
  }

  /** An order from a request body (the market's, or a tournament's, which has the same shape). */
  static BookCommand.OrderRequest orderRequest(JsonObject body, @Nullable String key) {
    String apiType = body.getString("type");
    BookCommand.Leg leg = leg(body);
    Side side = Side.valueOf(body.getString("side").toUpperCase(Locale.ROOT));
    BookCommand.Leg oco = body.getJsonObject("oco") == null ? null : leg(body.getJsonObject("oco"));
    BookCommand.Bracket bracket = bracket(body.getJsonObject("bracket"), side, leg);
    if (oco != null) {
      if (bracket != null) {
        throw ApiError.badRequest(
            "oco_with_bracket", "An order takes an oco leg or a bracket, not both");
      }
      if (isPlainMarket(leg) || isPlainMarket(oco)) {
        throw ApiError.badRequest(
            "oco_leg_not_allowed", "A one-cancels-other leg waits or rests: no market legs");
      }
      if (leg.triggerKind() == null && oco.triggerKind() == null) {
        throw ApiError.badRequest(
            "oco_needs_trigger",
            "A one-cancels-other pair needs a stop, stop-limit, take-profit or trailing stop leg");
      }
    }
    Long maxCost = body.getLong("maxCostCents");
    if (maxCost != null && !(apiType.equals("market") && side == Side.BUY)) {
      throw ApiError.badRequest("max_cost_not_allowed", "maxCostCents applies to market buys only");
    }
    TimeInForce timeInForce = TimeInForce.valueOf(body.getString("timeInForce", "GTC"));
    String expires = body.getString("expiresAt");
    if (timeInForce == TimeInForce.GTD && expires == null) {
      throw ApiError.badRequest("expires_at_required", "A GTD order needs expiresAt");
    }
    if (timeInForce != TimeInForce.GTD && expires != null) {
      throw ApiError.badRequest("expires_at_not_allowed", "expiresAt applies to GTD orders only");
    }
    Instant expiresAt;
    try {
      expiresAt = expires == null ? null : OffsetDateTime.parse(expires).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          "invalid_expires_at",
          "expiresAt is a date-time with an offset, e.g. 2030-01-31T16:00:00Z");
    }
    String clientOrderId = body.getString("clientOrderId");
    if (clientOrderId == null && key != null) {
      if (!CLIENT_ORDER_ID.matcher(key).matches()) {
        throw ApiError.badRequest(
            "invalid_idempotency_key",
            "For orders the Idempotency-Key becomes the clientOrderId: 1 to 64 of A-Z a-z 0-9 . _ : -");
      }
      clientOrderId = key;
    }
    return new BookCommand.OrderRequest(
        0,
        body.getString("symbol"),
        side,
        leg.type(),
        leg.priceCents(),
        body.getLong("quantity"),
        timeInForce,
        clientOrderId,
        maxCost,
        expiresAt,
        leg.triggerKind(),
        leg.stopPriceCents(),
        leg.trailCents(),
        leg.trailBps(),
        oco,
        bracket,
        null);
  }

  private static boolean isPlainMarket(BookCommand.Leg leg) {
    return leg.type() == OrderType.MARKET && leg.triggerKind() == null;
  }

  /**
   * One order's type and prices (the body itself, or its oco leg): a limit has a price, a market
   * order none, a stop a stop price, a trailing stop exactly one trail.
   */
  private static BookCommand.Leg leg(JsonObject body) {
    String apiType = body.getString("type");
    OrderType type =
        apiType.equals("limit") || apiType.equals("stop_limit")
            ? OrderType.LIMIT
            : OrderType.MARKET;
    Trigger.Kind trigger =
        switch (apiType) {
          case "stop_market", "stop_limit" -> Trigger.Kind.STOP;
          case "take_profit" -> Trigger.Kind.TAKE_PROFIT;
          case "trailing_stop" -> Trigger.Kind.TRAILING_STOP;
          default -> null;
        };
    Long price = body.getLong("priceCents");
    if (type == OrderType.LIMIT && price == null) {
      throw ApiError.badRequest("price_required", "A " + apiType + " order needs priceCents");
    }
    if (type == OrderType.MARKET && price != null) {
      throw ApiError.badRequest("price_not_allowed", "A " + apiType + " order takes no priceCents");
    }
    Long stopPrice = body.getLong("stopPriceCents");
    Long trailCents = body.getLong("trailCents");
    Long trailBps = body.getLong("trailBps");
    if (trigger == Trigger.Kind.TRAILING_STOP) {
      trailRefusal(trailCents, trailBps);
      if (stopPrice != null) {
        throw ApiError.badRequest(
            "stop_price_not_allowed",
            "A trailing stop's stop follows the price; send no stopPriceCents");
      }
    } else if (trailCents != null || trailBps != null) {
      throw ApiError.badRequest(
          "trail_not_allowed", "trailCents and trailBps apply to trailing_stop orders only");
    }
    if (trigger != null && trigger != Trigger.Kind.TRAILING_STOP && stopPrice == null) {
      throw ApiError.badRequest(
          "stop_price_required", "A " + apiType + " order needs stopPriceCents");
    }
    if (trigger == null && stopPrice != null) {
      throw ApiError.badRequest(
          "stop_price_not_allowed", "stopPriceCents applies to stop and take-profit orders only");
    }
    return new BookCommand.Leg(
        type,
        price == null ? 0 : price,
        trigger,
        stopPrice == null ? 0 : stopPrice,
        trailCents == null ? 0 : trailCents,
        trailBps == null ? 0 : trailBps.intValue());
  }

  /** A bracket rides on a buy limit or market entry (docs/MARKET.md "Brackets"). */
  private static BookCommand.@Nullable Bracket bracket(
      @Nullable JsonObject json, Side side, BookCommand.Leg entry) {
    if (json == null) {
      return null;
    }
    if (side != Side.BUY) {
      throw ApiError.badRequest(
          "bracket_buy_only", "A bracket protects a buy: its stop and target sell what it bought");
    }
    if (entry.triggerKind() != null) {
      throw ApiError.badRequest(
          "bracket_entry_type", "A bracket's entry is a limit or a market order");
    }
    Long stopLimit = json.getLong("stopLimitPriceCents");
    return new BookCommand.Bracket(
        json.getLong("stopPriceCents"),
        stopLimit == null ? 0 : stopLimit,
        json.getLong("targetPriceCents"));
  }

  /** A trailing stop trails by a positive amount in cents or in bps: exactly one of the two. */
  private static void trailRefusal(@Nullable Long trailCents, @Nullable Long trailBps) {
    if (trailCents == null && trailBps == null) {
      throw ApiError.badRequest("trail_required", "A trailing_stop needs trailCents or trailBps");
    }
    if (trailCents != null && trailBps != null) {
      throw ApiError.badRequest(
          "trail_ambiguous", "A trailing_stop trails by trailCents or by trailBps, not both");
    }
    long trail = trailCents != null ? trailCents : Objects.requireNonNull(trailBps);
    if (trail <= 0) {
      throw ApiError.badRequest("trail_not_positive", "A trailing stop trails by more than 0");
    }
  }

  private static BookCommand.OrderRequest withUser(BookCommand.OrderRequest order, long userId) {
    return order.forUser(userId);
  }
}
