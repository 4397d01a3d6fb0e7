package io.showfloor.market;

import io.showfloor.platform.config.ConfigException;

/** Who pays the trading fee on a fill. */
public enum FeePayer {
  /**
   * The default: the seller receives the trade value minus the fee; a buyer locks only price x
   * quantity.
   */
  SELLER,
  /** The buyer pays value plus fee, so a buy order also locks the most fee it can be charged. */
  BUYER;

  public String apiName() {
    return name().toLowerCase();
  }

  public static FeePayer parse(String value) {
    for (FeePayer payer : values()) {
      if (payer.apiName().equals(value)) {
        return payer;
      }
    }
    throw new ConfigException("A fee payer is 'seller' or 'buyer', got '" + value + "'");
  }
}
