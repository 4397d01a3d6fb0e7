package io.showfloor.bench;

import io.showfloor.market.engine.NewOrder;
import io.showfloor.market.engine.OrderBook;
import io.showfloor.market.engine.OrderState;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.SubmitResult;
import io.showfloor.market.engine.TimeInForce;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the bare matching engine on a realistic command mix: about 60% limit orders added
 * near the touch, 25% cancels of open orders, 15% crossing orders (aggressive limits, a third of
 * them market orders). The script is generated once against a real book, so every cancel names an
 * order that is open at that moment; each invocation replays it on a fresh book and hands every
 * result to a Blackhole, as a caller persisting them would consume them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderBookBenchmark {
  static final int COMMANDS = 200_000;
  private static final long SEED = 20_240_601;
  private static final long START_PRICE_CENTS = 10_000;
  private static final int OWNERS = 5_000;

  /** The order to submit at step i, or null when step i cancels {@code cancelIds[i]}. */
  private NewOrder[] orders;

  private long[] cancelIds;

  @Setup(Level.Trial)
  public void generateScript() {
    ScriptWriter writer = new ScriptWriter(new Random(SEED));
    for (int step = 0; step < COMMANDS; step++) {
      writer.next(step);
    }
    orders = writer.orders;
    cancelIds = writer.cancelIds;
    System.out.println("# script: " + writer);
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public void realisticMix(Blackhole results) {
    OrderBook book = new OrderBook();
    for (int step = 0; step < COMMANDS; step++) {
      NewOrder order = orders[step];
      if (order != null) {
        results.consume(book.submit(order));
      } else {
        results.consume(book.cancel(cancelIds[step]));
      }
    }
  }

  /**
   * Runs this benchmark with the settings above; JMH command-line options (e.g. -prof gc) may
   * override.
   */
  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(args))
            .include(OrderBookBenchmark.class.getName())
            .build();
    new Runner(options).run();
  }

  /** Writes the command script while driving a real book, to know the touch and the open orders. */
  private static final class ScriptWriter {
    final NewOrder[] orders = new NewOrder[COMMANDS];
    final long[] cancelIds = new long[COMMANDS];
    private final Random random;
    private final OrderBook book = new OrderBook();
    private final List<Long> openIds = new ArrayList<>();
    private final Map<Long, Integer> openPosition = new HashMap<>();
    private long nextId = 1;
    private int adds;
    private int cancels;
    private int crossing;

    ScriptWriter(Random random) {
      this.random = random;
    }

    void next(int step) {
      int roll = random.nextInt(100);
      if (roll < 25 && !openIds.isEmpty()) {
        long id = openIds.get(random.nextInt(openIds.size()));
        cancelIds[step] = id;
        book.cancel(id);
        forget(id);
        cancels++;
        return;
      }
      NewOrder order = roll >= 85 ? crossingOrder() : passiveOrder();
      orders[step] = order;
      SubmitResult result = book.submit(order);
      for (OrderState touched : result.touched()) {
        if (!touched.status().isOpen()) {
          forget(touched.orderId());
        }
      }
      if (result.order().status().isOpen()) {
        openPosition.put(order.orderId(), openIds.size());
        openIds.add(order.orderId());
      }
    }

    /** A limit order joining the book within a few ticks of the touch, never crossing. */
    private NewOrder passiveOrder() {
      adds++;
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      // nearer the touch is likelier: the smaller of two draws
      long ticksAway = Math.min(random.nextInt(10), random.nextInt(10));
      long price =
          side == Side.BUY
              ? book.bestAskCents().orElse(reference() + 1) - 1 - ticksAway
              : book.bestBidCents().orElse(reference() - 1) + 1 + ticksAway;
      TimeInForce timeInForce = random.nextInt(10) == 0 ? TimeInForce.DAY : TimeInForce.GTC;
      return NewOrder.limit(
          nextId++, owner(), side, Math.max(1, price), 1 + random.nextInt(100), timeInForce);
    }

    /** An order taking liquidity: a market order, or a limit up to two ticks through the touch. */
    private NewOrder crossingOrder() {
      crossing++;
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long quantity = 1 + random.nextInt(250);
      if (random.nextInt(3) == 0) {
        return NewOrder.market(nextId++, owner(), side, quantity, TimeInForce.IOC);
      }
      long through = random.nextInt(3);
      long price =
          side == Side.BUY
              ? book.bestAskCents().orElse(reference()) + through
              : book.bestBidCents().orElse(reference()) - through;
      TimeInForce timeInForce = random.nextBoolean() ? TimeInForce.IOC : TimeInForce.GTC;
      return NewOrder.limit(nextId++, owner(), side, Math.max(1, price), quantity, timeInForce);
    }

    private long reference() {
      long bid = book.bestBidCents().orElse(0);
      long ask = book.bestAskCents().orElse(0);
      if (bid > 0 && ask > 0) {
        return (bid + ask) / 2;
      }
      return bid > 0 ? bid : ask > 0 ? ask : START_PRICE_CENTS;
    }

    private long owner() {
      return 1 + random.nextInt(OWNERS);
    }

    private void forget(long id) {
      Integer position = openPosition.remove(id);
      if (position == null) {
        return;
      }
      long last = openIds.remove(openIds.size() - 1);
      if (last != id) {
        openIds.set(position, last);
        openPosition.put(last, position);
      }
    }

    @Override
    public String toString() {
      return String.format(
          "%d commands: %d limit adds, %d cancels, %d crossing; at the end %d orders open,"
              + " %d bid and %d ask levels, touch %s/%s",
          COMMANDS,
          adds,
          cancels,
          crossing,
          book.openOrderCount(),
          book.depth(Integer.MAX_VALUE).bids().size(),
          book.depth(Integer.MAX_VALUE).asks().size(),
          book.bestBidCents(),
          book.bestAskCents());
    }
  }
}
