package io.showfloor.testing;

import com.microsoft.playwright.Route;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Stripe.js as the browser would fetch it from js.stripe.com, replaced by a small local script (the
 * test machines reach no internet). It implements only what the web app calls: a card element that
 * is a plain labelled input, {@code createPaymentMethod} that turns Stripe's test card numbers into
 * Stripe's test payment-method ids (which {@link StripeFake} honours on the node's side), and
 * {@code handleNextAction} (3-D Secure), which asks the test what the bank does.
 */
public final class FakeStripeJs {
  private static final String SCRIPT =
      """
      (function () {
        const tests = { '4242424242424242': ['pm_card_visa', 'visa'], '5555555555554444': ['pm_card_mastercard', 'mastercard'],
          '4000000000000002': ['pm_card_chargeDeclined', 'visa'], '4000002760003184': ['pm_card_authenticationRequired', 'visa'] };
        function Stripe(key) {
          if (!/^pk_/.test(key)) throw new Error('fake Stripe.js: not a publishable key: ' + key);
          window.__fakeStripeKey = key;
          let input = null;
          return {
            _registerWrapper() {},
            elements() {
              return {
                create(type) {
                  const handlers = {};
                  return {
                    mount(target) {
                      const host = typeof target === 'string' ? document.querySelector(target) : target;
                      input = document.createElement('input');
                      input.setAttribute('aria-label', 'Card number');
                      input.setAttribute('inputmode', 'numeric');
                      input.setAttribute('autocomplete', 'cc-number');
                      input.dataset.fakeStripe = type;
                      input.style.cssText = 'width:100%;border:0;background:transparent;color:inherit;font:inherit';
                      input.addEventListener('input', () => handlers.change && handlers.change({ complete: false, empty: !input.value }));
                      host.appendChild(input);
                      setTimeout(() => handlers.ready && handlers.ready({}), 0);
                    },
                    on(event, handler) { handlers[event] = handler; },
                    destroy() { if (input) input.remove(); },
                    unmount() { if (input) input.remove(); },
                    focus() { if (input) input.focus(); },
                  };
                },
              };
            },
            createPaymentMethod() {
              const number = (input ? input.value : '').replace(/\\s/g, '');
              if (number.length < 16) {
                return Promise.resolve({ error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } });
              }
              const known = tests[number];
              if (!known) {
                return Promise.resolve({ error: { type: 'validation_error', code: 'invalid_number', message: 'Your card number is invalid.' } });
              }
              return Promise.resolve({ paymentMethod: { id: known[0], type: 'card', card: { brand: known[1], last4: number.slice(-4) } } });
            },
            handleNextAction(options) {
              // the bank's challenge, answered by the test (FakeStripeJs.onNextAction); asked of
              // api.stripe.com, the origin the page's CSP lets Stripe.js reach, like the real one
              return fetch('https://api.stripe.com/_fake/next_action', { method: 'POST', body: options.clientSecret })
                .then((r) => r.json())
                .then((a) => a.ok ? { paymentIntent: { status: 'succeeded' } } : { error: { type: 'card_error', message: a.message } });
            },
          };
        }
        Stripe.version = 'endive';
        window.Stripe = Stripe;
      })();
      """;

  private final List<String> requested = new CopyOnWriteArrayList<>();
  private volatile Predicate<String> nextAction = clientSecret -> false;

  private FakeStripeJs() {}

  /** Answers every js.stripe.com request of this browser with the fake and records its address. */
  public static FakeStripeJs serve(Visit visit) {
    FakeStripeJs fake = new FakeStripeJs();
    visit.context.route(
        "https://api.stripe.com/_fake/next_action",
        route -> {
          boolean ok = fake.nextAction.test(route.request().postData());
          route.fulfill(
              new Route.FulfillOptions()
                  .setStatus(200)
                  .setContentType("application/json")
                  .setHeaders(Map.of("Access-Control-Allow-Origin", "*"))
                  .setBody(
                      new JsonObject()
                          .put("ok", ok)
                          .put(
                              "message",
                              ok ? null : "We are unable to authenticate your payment method.")
                          .encode()));
        });
    visit.context.route(
        "https://js.stripe.com/**",
        route -> {
          fake.requested.add(route.request().url());
          route.fulfill(
              new Route.FulfillOptions()
                  .setStatus(200)
                  .setContentType("application/javascript")
                  .setBody(SCRIPT));
        });
    return fake;
  }

  /**
   * What the bank does when Stripe.js shows its challenge for this client secret: true when the
   * buyer passes it (the test then confirms the intent at the fake Stripe and sends the webhook).
   */
  public FakeStripeJs onNextAction(Predicate<String> bank) {
    this.nextAction = bank;
    return this;
  }

  /** The js.stripe.com addresses the page asked for. */
  public List<String> requested() {
    return requested;
  }
}
