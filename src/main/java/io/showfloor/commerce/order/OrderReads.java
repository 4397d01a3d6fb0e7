package io.showfloor.commerce.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the shop's orders with their lines (one query for the orders, one for all their lines). */
public final class OrderReads {
  private static final String LINES =
      "SELECT "
          + OrderLine.COLUMNS
          + " FROM order_lines WHERE order_id = ANY($1::bigint[]) ORDER BY id";

  private OrderReads() {}

  public static Future<Order> get(SqlClient client, long id, boolean forUpdate) {
    return client
        .preparedQuery(
            "SELECT "
                + Order.COLUMNS
                + " FROM orders WHERE id = $1"
                + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .compose(rows -> withLines(client, rows))
        .map(list -> list.isEmpty() ? null : list.get(0));
  }

  /** A checkout's orders; the two queries go out together (pipelined on one connection). */
  public static Future<List<Order>> byCheckout(SqlClient client, long checkoutId) {
    Future<RowSet<Row>> orders =
        client
            .preparedQuery(
                "SELECT " + Order.COLUMNS + " FROM orders WHERE checkout_id = $1 ORDER BY id")
            .execute(Tuple.of(checkoutId));
    Future<RowSet<Row>> lines =
        client
            .preparedQuery(
                "SELECT "
                    + OrderLine.COLUMNS
                    + " FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE checkout_id = $1) ORDER BY id")
            .execute(Tuple.of(checkoutId));
    return Future.all(orders, lines).map(done -> assemble(orders.result(), lines.result()));
  }

  /** Each order row with its lines, in the order the rows came. */
  private static List<Order> assemble(Iterable<Row> orderRows, Iterable<Row> lineRows) {
    Map<Long, List<OrderLine>> lines = new HashMap<>();
    for (Row row : lineRows) {
      OrderLine line = OrderLine.of(row);
      lines.computeIfAbsent(line.orderId(), k -> new ArrayList<>()).add(line);
    }
    List<Order> orders = new ArrayList<>();
    for (Row row : orderRows) {
      orders.add(Order.of(row, lines.getOrDefault(row.getLong("id"), List.of())));
    }
    return orders;
  }

  public static Future<List<Order>> byIds(SqlClient client, List<Long> ids) {
    return client
        .preparedQuery(
            "SELECT " + Order.COLUMNS + " FROM orders WHERE id = ANY($1::bigint[]) ORDER BY id")
        .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)))
        .compose(rows -> withLines(client, rows));
  }

  /** Attaches lines to order rows selected with {@link Order#COLUMNS}. */
  public static Future<List<Order>> withLines(SqlClient client, RowSet<Row> orderRows) {
    List<Row> rows = new ArrayList<>();
    orderRows.forEach(rows::add);
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Long[] ids = rows.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
    return client
        .preparedQuery(LINES)
        .execute(Tuple.tuple().addArrayOfLong(ids))
        .map(lineRows -> assemble(rows, lineRows));
  }
}
