package io.showfloor.commerce.payment;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.showfloor.platform.Refused;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Stripe webhook deliveries: the {@code Stripe-Signature} header must carry an HMAC-SHA256
 * of {@code timestamp.payload} under our endpoint secret, and the timestamp must be within {@code
 * toleranceSeconds} of now, so a captured delivery cannot be replayed later.
 */
public final class StripeWebhooks {
  // t=<unix seconds>,v1=<hex>[,v0=…]: anything else is refused before the SDK parses it
  private static final java.util.regex.Pattern HEADER_SHAPE =
      java.util.regex.Pattern.compile("t=\\d{1,12}(,[a-z0-9]{1,10}=[0-9a-fA-F]{1,128})+");
  private final @Nullable String secret;
  private final long toleranceSeconds;

  public StripeWebhooks(@Nullable String secret, long toleranceSeconds) {
    this.secret = secret;
    this.toleranceSeconds = toleranceSeconds;
  }

  /** The verified event, or 400 {@code invalid_signature}. */
  public WebhookEvent verify(String payload, String signatureHeader) {
    if (signatureHeader == null || !HEADER_SHAPE.matcher(signatureHeader).matches()) {
      throw Refused.invalid("invalid_signature", "Missing or malformed Stripe-Signature header");
    }
    Event event;
    try {
      event = Webhook.constructEvent(payload, signatureHeader, secret, toleranceSeconds);
    } catch (SignatureVerificationException e) {
      throw Refused.invalid(
          "invalid_signature", "Stripe signature check failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw Refused.invalid("malformed_event", "The webhook payload is not a Stripe event");
    }
    JsonObject object;
    try {
      object = new JsonObject(event.getDataObjectDeserializer().getRawJson());
    } catch (DecodeException | NullPointerException e) {
      throw Refused.invalid("malformed_event", "The webhook event has no data object");
    }
    // the raw object, not the SDK's typed one: the typed one is empty when the account's API
    // version differs from the SDK's, and we read only a few stable fields
    return new WebhookEvent(
        event.getId(),
        event.getType(),
        Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated()),
        object);
  }

  /** A verified provider event: {@code object} is the event's {@code data.object}. */
  public record WebhookEvent(String id, String type, Instant created, JsonObject object) {
    public String objectId() {
      return object.getString("id");
    }

    public @Nullable String metadata(String key) {
      JsonObject metadata = object.getJsonObject("metadata");
      return metadata == null ? null : metadata.getString(key);
    }
  }
}
