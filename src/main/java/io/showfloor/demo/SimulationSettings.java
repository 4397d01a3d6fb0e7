package io.showfloor.demo;

import io.showfloor.platform.config.Settings;

/**
 * The living demo's pace ({@code demoSimulation.*} in config/default.json); tests run it fast.
 *
 * @param enabled the node was started with {@code --demo}; nothing runs otherwise
 * @param tickMillis one step of the script: a bid, a trade, maybe a chat line
 * @param lotSeconds how long each simulated lot stays open
 * @param chatEveryTicks the host (or a bot) says something every this many ticks
 * @param pollEveryTicks a new poll every this many ticks (the previous one closes)
 * @param flashSaleEveryTicks a flash sale every this many ticks
 * @param flashSaleSeconds how long a flash sale lasts
 * @param leaseSeconds how long the node running the simulation holds it without renewing
 */
public record SimulationSettings(
    boolean enabled,
    int tickMillis,
    int lotSeconds,
    int chatEveryTicks,
    int pollEveryTicks,
    int flashSaleEveryTicks,
    int flashSaleSeconds,
    int leaseSeconds) {

  public static SimulationSettings from(Settings settings) {
    return new SimulationSettings(
        settings.bool("demo", false),
        settings.within("demoSimulation.tickMillis", 2_000, 50, 60_000),
        settings.within("demoSimulation.lotSeconds", 120, 5, 3_600),
        settings.within("demoSimulation.chatEveryTicks", 3, 1, 10_000),
        settings.within("demoSimulation.pollEveryTicks", 45, 2, 10_000),
        settings.within("demoSimulation.flashSaleEveryTicks", 90, 2, 10_000),
        settings.within("demoSimulation.flashSaleSeconds", 60, 5, 86_400),
        settings.within("demoSimulation.leaseSeconds", 15, 2, 600));
  }
}
