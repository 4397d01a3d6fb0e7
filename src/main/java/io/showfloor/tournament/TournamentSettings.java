package io.showfloor.tournament;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import java.util.ArrayList;
import java.util.List;

/** Tournaments' configuration ({@code tournaments.*} in config/default.json), read once. */
public record TournamentSettings(
    int platformCutBps,
    List<Integer> prizeSplit,
    long sweepMillis,
    long houseCashCents,
    long houseShares,
    int priceBandBps,
    long botQuoteEveryMillis,
    int botSpreadTicks,
    long botSize) {

  public static TournamentSettings from(Settings settings) {
    int cut = settings.within("tournaments.platformCutBps", 1500, 0, 10_000);
    List<Integer> split = new ArrayList<>();
    if (settings.has("tournaments.prizeSplit")) {
      for (Object part : settings.array("tournaments.prizeSplit")) {
        if (!(part instanceof Number n) || n.intValue() <= 0) {
          throw new ConfigException(
              "Setting tournaments.prizeSplit must be a list of positive whole numbers");
        }
        split.add(n.intValue());
      }
    } else {
      split.addAll(List.of(50, 30, 20));
    }
    if (split.isEmpty()) {
      throw new ConfigException("Setting tournaments.prizeSplit needs at least one place");
    }
    return new TournamentSettings(
        cut,
        List.copyOf(split),
        settings.positiveLong("tournaments.sweepMillis", 1000),
        settings.positiveLong("tournaments.house.cashCents", 100_000_000),
        settings.positiveLong("tournaments.house.shares", 1_000_000),
        settings.within("tournaments.priceBandBps", 5000, 1, 9999),
        settings.positiveLong("tournaments.bot.quoteEveryMillis", 2000),
        (int) settings.positiveLong("tournaments.bot.spreadTicks", 5),
        settings.positiveLong("tournaments.bot.size", 100));
  }
}
