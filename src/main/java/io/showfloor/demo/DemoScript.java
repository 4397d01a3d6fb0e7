package io.showfloor.demo;

import java.util.List;

/**
 * What the simulated people of the living demo say and sell: written out here so the demo reads
 * like a show rather than random text, and so every generated picture has a known name.
 */
final class DemoScript {
  private DemoScript() {}

  /** One catalogue item of a simulated host; {@code slug} names its generated picture. */
  record Item(String slug, String title, String category, long priceCents) {}

  /** Each simulated host's catalogue, in the order of {@code DemoUsers.SIMULATED_HOSTS}. */
  static final List<List<Item>> CATALOGUES =
      List.of(
          List.of(
              new Item("jordan-1-chicago", "Air Jordan 1 Retro High Chicago", "sneakers", 42_000),
              new Item("dunk-low-panda", "Nike Dunk Low Panda", "sneakers", 13_000),
              new Item("yeezy-350-zebra", "Yeezy Boost 350 V2 Zebra", "sneakers", 28_000),
              new Item("new-balance-550", "New Balance 550 White Green", "sneakers", 11_000),
              new Item("air-max-90", "Nike Air Max 90 Infrared", "sneakers", 16_500)),
          List.of(
              new Item("seiko-5-1972", "Seiko 5 Automatic, 1972", "watches", 18_000),
              new Item("omega-seamaster-1968", "Omega Seamaster 1968", "watches", 210_000),
              new Item("casio-f91w", "Casio F-91W, new old stock", "watches", 2_500),
              new Item("polaroid-sx70", "Polaroid SX-70 Land Camera", "cameras", 24_000)),
          List.of(
              new Item("charizard-base-set", "Charizard Base Set holo", "trading-cards", 95_000),
              new Item(
                  "pikachu-illustrator-replica",
                  "Pikachu promo, graded 9",
                  "trading-cards",
                  30_000),
              new Item("rookie-card-1986", "1986 rookie card, PSA 8", "trading-cards", 60_000),
              new Item(
                  "mtg-black-lotus-proxy", "Alpha booster box art print", "trading-cards", 8_000)));

  /** The upcoming show of each simulated host. */
  static final List<String> UPCOMING =
      List.of("Sneaker Sunday", "Vintage Watch Hour", "Card Break Night");

  static final List<String> CATEGORIES = List.of("sneakers", "watches", "trading-cards");

  static final String LIVE_TITLE = "Sneaker Sunday, live now (simulated)";
  static final String LABEL =
      "This is a simulation of the --demo world: the host, the bidders and the chat are bots, and"
          + " there is no real video (the camera is a placeholder). Bids go through the real bid path.";

  static final List<String> HOST_LINES =
      List.of(
          "Welcome in everyone! This is a simulated show, so the bids are bots, but the auction rules are real.",
          "Next up: a deadstock pair, original box. Drop a bid!",
          "Remember: a bid in the last seconds extends the clock.",
          "Flash sale coming up in a minute, keep an eye on the pin.",
          "Who's watching from Europe tonight?",
          "Shipping is combined for everything you win tonight.",
          "That was a steal! Next lot opening now.",
          "Vote in the poll: what should we open next?");

  static final List<String> BOT_LINES =
      List.of(
          "Those are clean 🔥",
          "What size is that pair?",
          "Bidding now!",
          "Is the box included?",
          "GG on that last lot",
          "First time here, this is fun");

  record Poll(String question, List<String> options) {}

  static final List<Poll> POLLS =
      List.of(
          new Poll("What should we open next?", List.of("Jordans", "Dunks", "Yeezys")),
          new Poll("Best colourway of the night?", List.of("Chicago", "Panda", "Zebra")),
          new Poll("Stay for one more lot?", List.of("Yes!", "Of course")));

  /**
   * Names of pictures served besides the catalogue's: the show covers and the camera placeholder.
   */
  static final List<String> EXTRA_PICTURES =
      List.of("camera-placeholder", "cover-sneakers", "cover-watches", "cover-trading-cards");

  static boolean hasPicture(String name) {
    return EXTRA_PICTURES.contains(name)
        || CATALOGUES.stream().flatMap(List::stream).anyMatch(item -> item.slug().equals(name));
  }

  static String pictureTitle(String name) {
    return switch (name) {
      case "camera-placeholder" -> "SIMULATED CAMERA";
      case "cover-sneakers" -> "Sneaker Sunday";
      case "cover-watches" -> "Vintage Watch Hour";
      case "cover-trading-cards" -> "Card Break Night";
      default ->
          CATALOGUES.stream()
              .flatMap(List::stream)
              .filter(item -> item.slug().equals(name))
              .map(Item::title)
              .findFirst()
              .orElse(name);
    };
  }
}
