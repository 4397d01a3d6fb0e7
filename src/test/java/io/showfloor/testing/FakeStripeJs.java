package io.showfloor.testing;

import com.microsoft.playwright.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stripe.js as the browser would fetch it from js.stripe.com, replaced by a small local script
 * (the test machines reach no internet). It implements only what the web app calls: a card
 * element that is a plain labelled input, {@code createPaymentMethod} that turns Stripe's test card
 * numbers into Stripe's test payment-method ids (which {@link StripeFake} honours on the node's
 * side), and {@code handleNextAction}, which this fake cannot complete.
 */
public final class FakeStripeJs {
  private static final String SCRIPT = """
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
            handleNextAction() {
              return Promise.resolve({ error: { type: 'invalid_request_error', message: 'The fake Stripe.js cannot authenticate payments.' } });
            },
          };
        }
        Stripe.version = 'endive';
        window.Stripe = Stripe;
      })();
      """;

  private final List<String> requested = new CopyOnWriteArrayList<>();

  private FakeStripeJs() {}

  /** Answers every js.stripe.com request of this browser with the fake and records its address. */
  public static FakeStripeJs serve(Visit visit) {
    FakeStripeJs fake = new FakeStripeJs();
    visit.context.route("https://js.stripe.com/**", route -> {
      fake.requested.add(route.request().url());
      route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/javascript").setBody(SCRIPT));
    });
    return fake;
  }

  /** The js.stripe.com addresses the page asked for. */
  public List<String> requested() {
    return requested;
  }
}
