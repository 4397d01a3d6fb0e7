package io.showfloor.platform;

import org.jspecify.annotations.Nullable;

/**
 * A request a domain turns down, in the domain's words: what kind of refusal it is and a stable
 * machine {@code code} (docs/API.md lists them). Domains throw or fail futures with it; only the
 * edges (the HTTP endpoints and the socket operations) decide how a {@link Kind} is shown to a
 * client, in {@code platform/http/RefusalStatus}. Anything that is not a Refused (or an edge's own
 * error) is a bug and becomes a logged 500.
 */
public final class Refused extends RuntimeException {
  /** What the caller has to change for the request to succeed. */
  public enum Kind {
    /** The input breaks a rule of the domain (a bad amount, an unknown sort key). */
    INVALID,
    /** Nobody is signed in, or the credentials have ended. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** There is no such thing, or it is not the caller's to see. */
    NOT_FOUND,
    /** The thing is in a state that does not allow this now (sold, closed, already done). */
    CONFLICT,
    /** The request is well formed but cannot be carried out (not enough cash, no address). */
    UNPROCESSABLE,
    /** A payment was declined by the payment provider. */
    PAYMENT_DECLINED,
    /** The account is locked for a while. */
    LOCKED,
    /** The input is larger than the domain accepts (rows in an import, bytes in a file). */
    TOO_LARGE,
    /** The caller asked too often; {@link #retryAfterSeconds()} says when to come back. */
    RATE_LIMITED,
    /** A service we depend on failed; trying again later may work. */
    UPSTREAM_FAILED,
    /** A service we depend on did not answer in time. */
    UPSTREAM_TIMEOUT,
    /** This node cannot serve it right now (a book moving between nodes, shutting down). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private @Nullable Integer retryAfterSeconds;

  public Refused(Kind kind, String code, @Nullable String detail) {
    super(detail, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public static Refused invalid(String code, String detail) {
    return new Refused(Kind.INVALID, code, detail);
  }

  public static Refused unauthenticated(String code, String detail) {
    return new Refused(Kind.UNAUTHENTICATED, code, detail);
  }

  public static Refused forbidden(String code, String detail) {
    return new Refused(Kind.FORBIDDEN, code, detail);
  }

  public static Refused notFound(String code, String detail) {
    return new Refused(Kind.NOT_FOUND, code, detail);
  }

  public static Refused conflict(String code, String detail) {
    return new Refused(Kind.CONFLICT, code, detail);
  }

  public static Refused unprocessable(String code, String detail) {
    return new Refused(Kind.UNPROCESSABLE, code, detail);
  }

  public static Refused unavailable(String code, String detail) {
    return new Refused(Kind.UNAVAILABLE, code, detail);
  }

  public static Refused rateLimited(long retryAfterSeconds) {
    return new Refused(
            Kind.RATE_LIMITED,
            "rate_limited",
            "Slow down: try again in " + retryAfterSeconds + " s")
        .retryAfter(retryAfterSeconds);
  }

  /** The same refusal telling the caller when to come back (a locked account, a rate limit). */
  public Refused retryAfter(long seconds) {
    this.retryAfterSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    return this;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public @Nullable String detail() {
    return getMessage();
  }

  public @Nullable Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** True when this is the refusal with that code, e.g. {@code cart_empty}. */
  public static boolean is(@Nullable Throwable failure, String code) {
    return failure instanceof Refused refused && refused.code.equals(code);
  }
}
