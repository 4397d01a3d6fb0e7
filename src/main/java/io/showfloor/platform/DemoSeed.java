package io.showfloor.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * One part of the --demo world a domain plants (its users, products, shows …). {@code name} is
 * recorded once the part is planted, so a restart with --demo never plants it twice.
 *
 * @param name stable and unique across domains, e.g. {@code "accounts.users"}
 * @param plant runs inside the transaction that records {@code name}
 */
public record DemoSeed(String name, Function<SqlConnection, Future<Void>> plant) {}
