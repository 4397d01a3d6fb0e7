import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Loading, useAsync } from '../ui';

/** GET /api/payments/config: which provider takes the money, and Stripe's publishable key. */
export interface PaymentConfig {
  provider: 'stripe' | 'sandbox';
  publishableKey: string | null;
}

let config: Promise<PaymentConfig> | null = null;

/** The node's payment configuration, asked once per page load (it only changes with a restart). */
export function usePaymentConfig() {
  return useAsync(() => {
    config ??= api.get<PaymentConfig>('/api/payments/config').catch((failure) => {
      config = null;
      throw failure;
    });
    return config;
  }, []);
}

/** A card problem Stripe.js explained (incomplete number, declined on confirmation…), in its own words. */
export class CardProblem extends Error {}

/** What a form does with the card a person typed into Stripe Elements. */
export interface CardEntry {
  /** Turns the typed card into a Stripe payment method id (pm_…), which the platform charges. */
  paymentMethodId(): Promise<string>;
  /** Finishes what the bank asks for in the browser (3-D Secure) for a PaymentIntent or SetupIntent. */
  handleNextAction(clientSecret: string): Promise<void>;
}

let stripeJs: Promise<Stripe | null> | null = null;

/**
 * Stripe.js comes from js.stripe.com, as Stripe requires (PCI scope: card numbers never touch our
 * pages or servers); `@stripe/stripe-js/pure` loads it only when a card form is shown on a node
 * configured for Stripe, so sandbox nodes and other pages never contact Stripe.
 */
function loadStripeJs(publishableKey: string): Promise<Stripe | null> {
  stripeJs ??= import('@stripe/stripe-js/pure').then((m) => m.loadStripe(publishableKey)).catch((failure) => {
    stripeJs = null;
    throw failure;
  });
  return stripeJs;
}

/** The Stripe card field (Stripe Elements), labelled for screen readers, with Stripe's own messages. */
export function StripeCardField({ publishableKey, entry, label = 'Card' }: {
  publishableKey: string;
  entry: { current: CardEntry | null };
  label?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [message, setMessage] = useState('');
  useEffect(() => {
    let card: StripeCardElement | null = null;
    let gone = false;
    loadStripeJs(publishableKey).then((stripe) => {
      if (gone || !host.current) return;
      if (!stripe) throw new Error('Stripe.js did not start');
      card = stripe.elements().create('card', {
        hidePostalCode: true,
        style: {
          base: { color: '#f3f4f8', fontSize: '16px', iconColor: '#b3b9c9', '::placeholder': { color: '#b3b9c9' } },
          invalid: { color: '#ff7a7a', iconColor: '#ff7a7a' },
        },
      });
      card.on('change', (event) => setMessage(event.error?.message ?? ''));
      card.mount(host.current);
      const mounted = card;
      entry.current = {
        async paymentMethodId() {
          const { paymentMethod, error } = await stripe.createPaymentMethod({ type: 'card', card: mounted });
          if (error || !paymentMethod) throw new CardProblem(error?.message ?? 'Check the card details and try again.');
          return paymentMethod.id;
        },
        async handleNextAction(clientSecret: string) {
          const { error } = await stripe.handleNextAction({ clientSecret });
          if (error) throw new CardProblem(error.message ?? 'Your bank did not confirm the payment.');
        },
      };
      setStatus('ready');
    }).catch(() => {
      if (!gone) setStatus('failed');
    });
    return () => {
      gone = true;
      entry.current = null;
      card?.destroy();
    };
  }, [publishableKey]);
  return (
    <div class="card-entry-wrap">
      <span id="card-entry-label">{label}</span>
      <div ref={host} class="card-entry" role="group" aria-labelledby="card-entry-label" aria-describedby="card-entry-message" data-testid="card-entry" />
      {status === 'loading' && <Loading label="Loading the secure card field…" />}
      {status === 'failed' && <p class="note note-error" role="alert">The secure card field (Stripe) did not load. Check your connection and reload the page.</p>}
      <p id="card-entry-message" class="field-error" role="alert">{message}</p>
    </div>
  );
}
