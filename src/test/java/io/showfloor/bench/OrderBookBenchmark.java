package io.showfloor.bench;

import io.showfloor.market.engine.AmendResult;
import io.showfloor.market.engine.NewOrder;
import io.showfloor.market.engine.OrderBook;
import io.showfloor.market.engine.OrderState;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.SubmitResult;
import io.showfloor.market.engine.TimeInForce;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of the bare matching engine on two command mixes, each a script generated once against
 * a real book (so every cancel, amend and reduce names an order open at that moment) and replayed
 * on a fresh book per invocation, every result handed to a Blackhole as a caller persisting them
 * would consume them:
 *
 * <ul>
 *   <li>{@code realisticMix}: about 60% limit orders added near the touch, 25% cancels, 15%
 *       crossing orders (aggressive limits, a third of them market orders);
 *   <li>{@code exchangeCoreMix}: exchange-core's benchmark mix on one symbol, about 71% price moves
 *       of resting orders ({@link OrderBook#amend}), 13% new GTC limits, 7% cancels, 7% reduces, 2%
 *       IOC orders, so the two engines can be compared on the same work.
 * </ul>
 *
 * <p>Beside the rate, each measured iteration prints the benchmark thread's CPU time per command
 * ({@code ThreadMXBean}), so a run on a shared machine shows how much of the wall time was CPU.
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
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Script realistic;
  private Script exchangeCore;
  private long cpuNanos;
  private long wallNanos;
  private long commands;

  @Setup(Level.Trial)
  public void generateScripts() {
    RealisticWriter writer = new RealisticWriter(new Random(SEED));
    for (int step = 0; step < COMMANDS; step++) {
      writer.next(step);
    }
    realistic = writer.script;
    System.out.println("# realistic script: " + writer);
    ExchangeCoreWriter exchange = new ExchangeCoreWriter(new Random(SEED));
    for (int step = 0; step < COMMANDS; step++) {
      exchange.next(step);
    }
    exchangeCore = exchange.script;
    System.out.println("# exchange-core script: " + exchange);
  }

  @Setup(Level.Iteration)
  public void startClock() {
    cpuNanos = 0;
    wallNanos = 0;
    commands = 0;
  }

  @TearDown(Level.Iteration)
  public void printCpu() {
    if (commands > 0) {
      System.out.printf(
          "  [cpu %.1f ns per command, wall %.1f ns per command, cpu/wall %.0f%%]%n",
          (double) cpuNanos / commands,
          (double) wallNanos / commands,
          100.0 * cpuNanos / Math.max(1, wallNanos));
    }
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public void realisticMix(Blackhole results) {
    replay(realistic, results);
  }

  @Benchmark
  @OperationsPerInvocation(COMMANDS)
  public void exchangeCoreMix(Blackhole results) {
    replay(exchangeCore, results);
  }

  private void replay(Script script, Blackhole results) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    OrderBook book = new OrderBook();
    for (int step = 0; step < COMMANDS; step++) {
      switch (script.kinds[step]) {
        case Script.SUBMIT -> results.consume(book.submit(script.orders[step]));
        case Script.CANCEL -> results.consume(book.cancel(script.ids[step]));
        default ->
            results.consume(
                book.amend(script.ids[step], script.prices[step], script.quantities[step]));
      }
    }
    wallNanos += System.nanoTime() - wallStart;
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuStart;
    commands += COMMANDS;
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

  /** One command per step: a new order, a cancel, or an amend (a price move or a reduce). */
  static final class Script {
    static final byte SUBMIT = 0;
    static final byte CANCEL = 1;
    static final byte AMEND = 2;

    final byte[] kinds = new byte[COMMANDS];
    final NewOrder[] orders = new NewOrder[COMMANDS];
    final long[] ids = new long[COMMANDS];
    final long[] prices = new long[COMMANDS];
    final long[] quantities = new long[COMMANDS];
  }

  /** The orders open while a script is written, for picking one at random in O(1). */
  static final class OpenOrders {
    private final List<Long> ids = new ArrayList<>();
    private final Map<Long, Integer> positions = new HashMap<>();

    boolean isEmpty() {
      return ids.isEmpty();
    }

    long any(Random random) {
      return ids.get(random.nextInt(ids.size()));
    }

    void add(long id) {
      positions.put(id, ids.size());
      ids.add(id);
    }

    void forget(long id) {
      Integer position = positions.remove(id);
      if (position == null) {
        return;
      }
      long last = ids.remove(ids.size() - 1);
      if (last != id) {
        ids.set(position, last);
        positions.put(last, position);
      }
    }

    /** Forgets every order a command ended. */
    void forgetEnded(List<OrderState> states) {
      for (OrderState state : states) {
        if (!state.status().isOpen()) {
          forget(state.orderId());
        }
      }
    }
  }

  /**
   * Writes exchange-core's mix while driving a real book: price moves of resting orders to within a
   * few ticks of their side's touch (one in forty through it, so it trades), new GTC limits near
   * the touch, cancels, reduces by a few shares, and IOC limits up to two ticks through.
   */
  private static final class ExchangeCoreWriter {
    final Script script = new Script();
    private final Random random;
    private final OrderBook book = new OrderBook();
    private final OpenOrders open = new OpenOrders();
    private long nextId = 1;
    private int moves;
    private int adds;
    private int cancels;
    private int reduces;
    private int iocs;
    private long movesThatTraded;

    ExchangeCoreWriter(Random random) {
      this.random = random;
    }

    void next(int step) {
      int roll = random.nextInt(100);
      // keep some depth to move and cancel (exchange-core fills its book before measuring)
      if (open.isEmpty() || book.openOrderCount() < 500) {
        roll = 71;
      }
      if (roll < 71) {
        move(step);
      } else if (roll < 84) {
        add(step);
      } else if (roll < 91) {
        long id = open.any(random);
        script.kinds[step] = Script.CANCEL;
        script.ids[step] = id;
        book.cancel(id);
        open.forget(id);
        cancels++;
      } else if (roll < 98) {
        reduce(step);
      } else {
        ioc(step);
      }
    }

    private void move(int step) {
      long id = open.any(random);
      OrderState order = book.order(id).orElseThrow();
      boolean through = random.nextInt(40) == 0;
      long ticks = Math.min(random.nextInt(10), random.nextInt(10));
      long price;
      if (order.side() == Side.BUY) {
        long ask = book.bestAskCents().orElse(reference() + 1);
        price = through ? ask + random.nextInt(2) : ask - 1 - ticks;
      } else {
        long bid = book.bestBidCents().orElse(reference() - 1);
        price = through ? bid - random.nextInt(2) : bid + 1 + ticks;
      }
      price = Math.max(1, price);
      if (price == order.priceCents()) {
        price += order.side() == Side.BUY ? -1 : 1;
        price = Math.max(1, price);
      }
      script.kinds[step] = Script.AMEND;
      script.ids[step] = id;
      script.prices[step] = price;
      script.quantities[step] = order.quantity();
      AmendResult result = book.amend(id, price, order.quantity());
      if (!result.fills().isEmpty()) {
        movesThatTraded++;
      }
      open.forgetEnded(result.touched());
      if (result.order() != null) {
        open.forgetEnded(List.of(result.order()));
      }
      moves++;
    }

    private void add(int step) {
      adds++;
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long ticksAway = Math.min(random.nextInt(10), random.nextInt(10));
      long price =
          side == Side.BUY
              ? book.bestAskCents().orElse(reference() + 1) - 1 - ticksAway
              : book.bestBidCents().orElse(reference() - 1) + 1 + ticksAway;
      NewOrder order =
          NewOrder.limit(
              nextId++,
              owner(),
              side,
              Math.max(1, price),
              1 + random.nextInt(100),
              TimeInForce.GTC);
      submit(step, order);
    }

    private void reduce(int step) {
      long id = open.any(random);
      OrderState order = book.order(id).orElseThrow();
      long lower = Math.max(order.filledQuantity() + 1, order.quantity() - 1 - random.nextInt(5));
      script.kinds[step] = Script.AMEND;
      script.ids[step] = id;
      script.prices[step] = order.priceCents();
      script.quantities[step] = lower;
      book.amend(id, order.priceCents(), lower);
      reduces++;
    }

    private void ioc(int step) {
      iocs++;
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      long through = random.nextInt(3);
      long price =
          side == Side.BUY
              ? book.bestAskCents().orElse(reference()) + through
              : book.bestBidCents().orElse(reference()) - through;
      submit(
          step,
          NewOrder.limit(
              nextId++,
              owner(),
              side,
              Math.max(1, price),
              1 + random.nextInt(250),
              TimeInForce.IOC));
    }

    private void submit(int step, NewOrder order) {
      script.kinds[step] = Script.SUBMIT;
      script.orders[step] = order;
      SubmitResult result = book.submit(order);
      open.forgetEnded(result.touched());
      if (result.order().status().isOpen()) {
        open.add(order.orderId());
      }
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

    @Override
    public String toString() {
      return String.format(
          "%d commands: %d price moves (%d traded), %d new GTC, %d cancels, %d reduces, %d IOC;"
              + " at the end %d orders open, %d bid and %d ask levels, touch %s/%s",
          COMMANDS,
          moves,
          movesThatTraded,
          adds,
          cancels,
          reduces,
          iocs,
          book.openOrderCount(),
          book.depth(Integer.MAX_VALUE).bids().size(),
          book.depth(Integer.MAX_VALUE).asks().size(),
          book.bestBidCents(),
          book.bestAskCents());
    }
  }

  /** Writes the realistic mix while driving a real book, to know the touch and the open orders. */
  private static final class RealisticWriter {
    final Script script = new Script();
    private final Random random;
    private final OrderBook book = new OrderBook();
    private final List<Long> openIds = new ArrayList<>();
    private final Map<Long, Integer> openPosition = new HashMap<>();
    private long nextId = 1;
    private int adds;
    private int cancels;
    private int crossing;

    RealisticWriter(Random random) {
      this.random = random;
    }

    void next(int step) {
      int roll = random.nextInt(100);
      if (roll < 25 && !openIds.isEmpty()) {
        long id = openIds.get(random.nextInt(openIds.size()));
        script.kinds[step] = Script.CANCEL;
        script.ids[step] = id;
        book.cancel(id);
        forget(id);
        cancels++;
        return;
      }
      NewOrder order = roll >= 85 ? crossingOrder() : passiveOrder();
      script.kinds[step] = Script.SUBMIT;
      script.orders[step] = order;
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
