package io.showfloor.market.engine;

/**
 * Order status exactly as the API names them: {@code active -> partial -> filled}, or an early end.
 */
public enum OrderStatus {
  ACTIVE("active"),
  PARTIAL("partial"),
  FILLED("filled"),
  CANCELLED("cancelled"),
  EXPIRED("expired"),
  REJECTED("rejected");

  private final String apiName;

  OrderStatus(String apiName) {
    this.apiName = apiName;
  }

  /** The lower-case value used in JSON and SQL. */
  public String apiName() {
    return apiName;
  }

  /** Open orders rest in the book and may still trade. */
  public boolean isOpen() {
    return this == ACTIVE || this == PARTIAL;
  }
}
