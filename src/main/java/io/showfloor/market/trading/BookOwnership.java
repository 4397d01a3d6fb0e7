package io.showfloor.market.trading;

import io.showfloor.market.MarketSettings;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which books this node owns, through leases in PostgreSQL (market_leases): every {@code
 * market.lease.renewMillis} it renews its leases, takes the expired or missing ones of approved
 * instruments, and deploys or undeploys a {@link BookOwner} accordingly.
 *
 * <p>Why PostgreSQL and not a Hazelcast lock: the book's writes go to PostgreSQL, so the lease is
 * checked in the same transaction as each batch (its epoch is a fencing token). A node that was
 * paused past its lease and wakes up cannot commit a single fill, which a lock held in another
 * system cannot promise. A single node (not clustered) takes every lease at start-up: no other node
 * can exist, and a lease left by its previous run must not delay the restart.
 */
public final class BookOwnership extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BookOwnership.class);

  /**
   * Local request: run an ownership round now; answers {@code {owned, node}}: whether this node
   * owns the symbol in the body, and this node's id (a lease may be handed to a node by naming it).
   */
  public static final String TAKE_ADDRESS = "market.ownership.take";

  // the epoch each lease was taken under is part of the WHERE: a renewal is a fenced write too
  private static final String RENEW =
      """
      UPDATE market_leases l SET expires_at = now() + make_interval(secs => $2::int)
      FROM unnest($3::text[], $4::bigint[]) AS mine(symbol, epoch)
      WHERE l.node_id = $1 AND l.symbol = mine.symbol AND l.epoch = mine.epoch RETURNING l.symbol, l.epoch""";
  // candidates are free books and books handed over to this node (a lease naming it that it does
  // not run yet); only those, because ON CONFLICT DO UPDATE locks the row it meets even when its
  // WHERE says no, and a live lease's row is share-locked by its owner's batch in flight
  private static final String ACQUIRE =
      """
      INSERT INTO market_leases (symbol, node_id, epoch, expires_at)
      SELECT i.symbol, $1, 1, now() + make_interval(secs => $2::int)
      FROM market_instruments i LEFT JOIN market_leases l ON l.symbol = i.symbol
      WHERE i.status = 'approved' AND NOT (i.symbol = ANY($4::text[]))
        AND (l.symbol IS NULL OR l.expires_at < now() OR l.node_id = $1 OR $3)
      ON CONFLICT (symbol) DO UPDATE SET node_id = excluded.node_id, epoch = market_leases.epoch + 1,
        expires_at = excluded.expires_at, taken_at = now()
      WHERE market_leases.expires_at < now() OR market_leases.node_id = excluded.node_id OR $3
      RETURNING symbol, epoch""";
  // leases held by cluster members that have since left (a crash: Hazelcast drops a killed member
  // within seconds) expire at once instead of at the end of their TTL; the epoch still fences a
  // member that was only cut off and comes back
  private static final String EXPIRE_DEPARTED =
      """
      UPDATE market_leases SET expires_at = now() - interval '1 second'
      WHERE node_id = ANY($1::text[]) AND expires_at > now() RETURNING symbol, node_id""";
  private static final String RELEASE =
      "UPDATE market_leases SET expires_at = now() - interval '1 second' " + "WHERE node_id = $1";

  private final OwnerServices services;
  private final Database db;
  private final boolean clustered;
  private final MarketSettings settings;
  private final String nodeId;
  private final Map<String, Owned> owned = new HashMap<>();
  private boolean takeAll;
  private Future<Void> running = Future.succeededFuture();
  private @Nullable Future<Void> queued;
  private long timer = -1;
  private MessageConsumer<Object> take;

  /**
   * Cluster members this node has seen, and the most it has seen at once (for the majority rule).
   */
  private final Set<String> seenMembers = new HashSet<>();

  private int largestView;

  private record Owned(long epoch, String deploymentId, BookOwner owner) {}

  /**
   * @param nodeId this node's name in market_leases, new at every start
   */
  public BookOwnership(OwnerServices services, boolean clustered, String nodeId) {
    this.services = services;
    this.db = services.db();
    this.settings = services.settings();
    this.clustered = clustered;
    this.nodeId = nodeId;
    this.takeAll = !clustered;
  }

  @Override
  public Future<?> start() {
    take =
        vertx
            .eventBus()
            .localConsumer(
                TAKE_ADDRESS,
                message ->
                    tick()
                        .onComplete(
                            done ->
                                message.reply(
                                    new JsonObject()
                                        .put(
                                            "owned",
                                            owned.containsKey(String.valueOf(message.body())))
                                        .put("node", nodeId))));
    return take.completion()
        .compose(v -> tick())
        .onSuccess(v -> timer = vertx.setPeriodic(settings.leaseRenewMillis(), id -> tick()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    // hand the books over at once instead of letting the leases run out
    return db.query(RELEASE, Tuple.of(nodeId)).mapEmpty().otherwiseEmpty();
  }

  /** Symbols this node owns right now (for tests and health). */
  public List<String> ownedSymbols() {
    return new ArrayList<>(owned.keySet());
  }

  /**
   * One ownership round: renew, then take what is free. Rounds never overlap; a call while one runs
   * gets the next round (shared by every caller that asks meanwhile).
   */
  private Future<Void> tick() {
    if (queued != null) {
      return queued;
    }
    Promise<Void> next = Promise.promise();
    queued = next.future();
    running.onComplete(
        previous -> {
          queued = null;
          running = next.future();
          renew()
              .compose(v -> expireDeparted())
              .compose(v -> acquire())
              .onFailure(e -> LOG.warn("Book ownership round failed: {}", e.toString()))
              .otherwiseEmpty()
              .onComplete(next);
        });
    return next.future();
  }

  private Future<Void> renew() {
    if (owned.isEmpty()) {
      return Future.succeededFuture();
    }
    // one snapshot of symbol and epoch together: a book dropped meanwhile is skipped below
    List<Map.Entry<String, Owned>> held = new ArrayList<>(owned.entrySet());
    String[] symbols = held.stream().map(Map.Entry::getKey).toArray(String[]::new);
    Long[] epochs = held.stream().map(entry -> entry.getValue().epoch()).toArray(Long[]::new);
    return db.query(
            RENEW,
            Tuple.of(nodeId, settings.leaseTtlSeconds())
                .addArrayOfString(symbols)
                .addArrayOfLong(epochs))
        .compose(
            rows -> {
              Map<String, Long> renewed = new HashMap<>();
              for (Row row : rows) {
                renewed.put(row.getString("symbol"), row.getLong("epoch"));
              }
              List<Future<?>> lost = new ArrayList<>();
              for (String symbol : symbols) {
                Owned mine = owned.get(symbol);
                if (mine == null) {
                  continue; // dropped while the renewal was in flight
                }
                Long epoch = renewed.get(symbol);
                if (epoch == null || epoch != mine.epoch()) {
                  LOG.warn(
                      "Lease on {} lost (epoch {}); undeploying its book", symbol, mine.epoch());
                  lost.add(drop(symbol));
                }
              }
              return Future.join(lost).mapEmpty();
            });
  }

  /**
   * Expires the leases of members that were in the cluster and are gone, so their books move now.
   * Only while this node sees a majority of the largest cluster it has known: a node cut off alone
   * must not take every book (it would lose them again at its next batch, but clients would wait).
   */
  private Future<Void> expireDeparted() {
    if (!clustered) {
      return Future.succeededFuture();
    }
    List<String> members = ((VertxInternal) vertx).clusterManager().getNodes();
    largestView = Math.max(largestView, members.size());
    List<String> departed = seenMembers.stream().filter(id -> !members.contains(id)).toList();
    seenMembers.addAll(members);
    if (departed.isEmpty() || members.size() * 2 <= largestView) {
      return Future.succeededFuture();
    }
    return db.query(EXPIRE_DEPARTED, Tuple.of((Object) departed.toArray(String[]::new)))
        .map(
            rows -> {
              for (Row row : rows) {
                LOG.warn(
                    "Node {} left the cluster holding the {} book; its lease is expired so a live node takes it",
                    row.getString("node_id"),
                    row.getString("symbol"));
              }
              departed.forEach(seenMembers::remove);
              return null;
            });
  }

  private Future<Void> acquire() {
    boolean force = takeAll;
    Tuple args =
        Tuple.of(nodeId, settings.leaseTtlSeconds(), force)
            .addArrayOfString(owned.keySet().toArray(String[]::new));
    return db.query(ACQUIRE, args)
        .compose(
            rows -> {
              takeAll = false;
              List<Future<?>> deployed = new ArrayList<>();
              for (Row row : rows) {
                deployed.add(own(row.getString("symbol"), row.getLong("epoch")));
              }
              return Future.join(deployed).mapEmpty();
            });
  }

  private Future<Void> own(String symbol, long epoch) {
    Future<Void> previous = owned.containsKey(symbol) ? drop(symbol) : Future.succeededFuture();
    BookOwner owner = new BookOwner(services, symbol, epoch, this::leaseLost);
    return previous
        .compose(v -> vertx.deployVerticle(owner))
        .onSuccess(id -> owned.put(symbol, new Owned(epoch, id, owner)))
        .onFailure(
            e ->
                LOG.error(
                    "Could not start the {} book; its lease will run out for another try",
                    symbol,
                    e))
        .mapEmpty();
  }

  /**
   * Lets the book go. The owner answers "not executed" for a grace period before it unregisters, so
   * commands sent meanwhile move on to the new owner instead of being dropped; the round does not
   * wait for that.
   */
  private Future<Void> drop(String symbol) {
    Owned mine = owned.remove(symbol);
    if (mine == null) {
      return Future.succeededFuture();
    }
    mine.owner()
        .retire(settings.handOverGraceMillis())
        .compose(v -> vertx.undeploy(mine.deploymentId()))
        .onFailure(e -> LOG.debug("Undeploying the {} book: {}", symbol, e.toString()));
    return Future.succeededFuture();
  }

  /** Called by an owner (on its own context) that found its lease gone or its book unloadable. */
  private void leaseLost(String symbol, Long epoch) {
    context.runOnContext(
        v -> {
          Owned mine = owned.get(symbol);
          if (mine != null && mine.epoch() == epoch) {
            drop(symbol);
          }
        });
  }
}
