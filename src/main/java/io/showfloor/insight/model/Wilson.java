package io.showfloor.insight.model;

/** Wilson score interval for a proportion (95 %): honest at small samples, unlike p ± 1.96·se. */
public record Wilson(double low, double high) {
  private static final double Z = 1.959964;

  public static Wilson of(long successes, long trials) {
    if (trials == 0) {
      return new Wilson(0, 1);
    }
    double p = (double) successes / trials;
    double z2 = Z * Z;
    double denominator = 1 + z2 / trials;
    double centre = (p + z2 / (2.0 * trials)) / denominator;
    double half = Z * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
    return new Wilson(Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
