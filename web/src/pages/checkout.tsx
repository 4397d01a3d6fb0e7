import { useRef } from 'preact/hooks';
import { api, ApiProblem, idempotencyKey } from '../api';
import { money } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { toast } from '../toasts';
import { CardProblem, type CardEntry, StripeCardField, usePaymentConfig } from '../commerce/card-entry';
import type { Cart, Checkout } from '../commerce/types';
import { ErrorNote, Field, formValues, Loaded, Loading, Page, Submit, useAction, useAsync } from '../ui';

interface Loyalty {
  points: number;
  tier?: string;
}

/** Sandbox cards: the sandbox provider honours Stripe's test payment-method ids. */
const SANDBOX_CARDS = [
  { id: 'pm_card_visa', label: 'Test Visa — payment succeeds' },
  { id: 'pm_card_chargeDeclined', label: 'Test card — payment is declined' },
];

export function CheckoutPage() {
  const session = useSession();
  const cart = useAsync((signal) => api.get<Cart>('/api/cart', { signal }), [session?.user.id]);
  const loyalty = useAsync((signal) => api.get<Loyalty>('/api/loyalty', { signal }).catch(() => ({ points: 0 })), [session?.user.id]);
  const wallet = useAsync((signal) => api.get<{ availableCents: number }>('/api/wallet', { signal }).catch(() => ({ availableCents: 0 })), [session?.user.id]);
  const payments = usePaymentConfig();
  const sandbox = payments.data?.provider !== 'stripe';
  // with Stripe and a publishable key, people type their card into Stripe Elements
  const stripeKey = payments.data?.provider === 'stripe' ? payments.data.publishableKey : null;
  const card = useRef<CardEntry | null>(null);
  // one key per attempt: a network retry repeats it (and is answered once); a new card is a new attempt
  const key = useRef(idempotencyKey());
  const [pay, busy, error] = useAction(async (values: Record<string, string>) => {
    const redeemPoints = Number(values.redeemPoints || '0');
    // wallet cash pays first, up to the total; the card pays the rest (nothing when the wallet covers it all)
    const walletCents = values.useWallet ? Math.min(wallet.data?.availableCents ?? 0, cart.data?.totalCents ?? 0) : 0;
    let paymentMethodId = values.card;
    if (stripeKey) {
      if (!card.current) throw new CardProblem('The card field is still loading. Wait a moment and try again.');
      paymentMethodId = await card.current.paymentMethodId();
    }
    const placed = await api.post<Checkout>('/api/checkout', {
      shippingAddress: {
        name: values.name.trim(), line1: values.line1.trim(), ...(values.line2.trim() ? { line2: values.line2.trim() } : {}),
        city: values.city.trim(), postalCode: values.postalCode.trim(), country: values.country.trim().toUpperCase(),
      },
      ...(redeemPoints > 0 ? { redeemPoints } : {}),
      ...(walletCents > 0 ? { walletCents } : {}),
      paymentMethodId,
    }, { idempotencyKey: key.current }).catch((failure) => {
      if (!(failure instanceof ApiProblem && failure.status === 0)) key.current = idempotencyKey();
      throw failure;
    });
    key.current = idempotencyKey();
    const placedOrders = `/orders?placed=${placed.orders.map((o) => o.id).join(',')}`;
    if (placed.status === 'succeeded' || placed.payment.status === 'succeeded') {
      toast('Payment received. Thank you!', 'success');
      navigate(placedOrders);
    } else if (stripeKey && card.current && placed.payment.clientSecret && placed.payment.status === 'requires_action') {
      // the bank wants the buyer (3-D Secure): Stripe.js shows it; Stripe's webhook then marks the order paid
      await card.current.handleNextAction(placed.payment.clientSecret);
      toast('Payment confirmed by your bank. Your order updates in a moment.', 'success');
      navigate(placedOrders);
    } else {
      throw new Error(`payment ${placed.payment.failureCode ?? placed.payment.status}`);
    }
  });
  if (!session) return <Page title="Checkout"><a class="button primary" href="/login?next=/checkout">Log in to check out</a></Page>;
  return (
    <Page title="Checkout" narrow>
      <Loaded state={cart} label="Loading your cart…">
        {(c) => c.items.length === 0 && (c.dueOrders ?? []).length === 0 ? <p>Your cart is empty. <a href="/">Find something live</a>.</p> : (
          <form class="card" onSubmit={(e) => pay(formValues(e))}>
            <h2>Ship to</h2>
            <Field label="Full name" name="name" required autoComplete="name" maxLength={100} />
            <Field label="Address" name="line1" required autoComplete="address-line1" maxLength={200} />
            <Field label="Apartment, suite (optional)" name="line2" autoComplete="address-line2" maxLength={200} />
            <div class="grid-2">
              <Field label="City" name="city" required autoComplete="address-level2" maxLength={100} />
              <Field label="Postal code" name="postalCode" required autoComplete="postal-code" maxLength={20} />
            </div>
            <Field label="Country (2 letters)" name="country" required autoComplete="country" maxLength={2} minLength={2} defaultValue="US" />
            {(loyalty.data?.points ?? 0) > 0 && (
              <Field label={`Loyalty points to redeem (you have ${loyalty.data!.points})`} name="redeemPoints" inputMode="numeric" defaultValue="0" />
            )}
            {(wallet.data?.availableCents ?? 0) > 0 && (
              <label class="radio" data-testid="use-wallet">
                <input type="checkbox" name="useWallet" value="yes" />{' '}
                Use wallet cash first (you have {money(wallet.data!.availableCents)}; the card pays the rest)
              </label>
            )}
            {payments.loading && !payments.data ? <Loading label="Loading the payment form…" /> : stripeKey ? (
              <fieldset class="payment">
                <legend>Payment</legend>
                <StripeCardField publishableKey={stripeKey} entry={card} label="Card" />
                <p class="small muted">Your card goes straight to Stripe; Showfloor never sees its number.</p>
              </fieldset>
            ) : (
              <fieldset class="sandbox">
                <legend>{sandbox ? 'Payment — sandbox' : 'Payment — Stripe test mode'}</legend>
                {sandbox
                  ? <p class="small">This server uses the sandbox payment provider: <strong>no real money moves</strong>. Pick a test card.</p>
                  : <p class="small">Payments go through Stripe, but this server has no Stripe publishable key for card entry: pick one of Stripe's test cards.</p>}
                {SANDBOX_CARDS.map((c, i) => (
                  <label class="radio"><input type="radio" name="card" value={c.id} defaultChecked={i === 0} /> {c.label}</label>
                ))}
              </fieldset>
            )}
            <p class="section">Total: <strong data-testid="checkout-total">{money(c.totalCents)}</strong></p>
            {error !== undefined && (error instanceof CardProblem
              ? <p class="note note-error" role="alert">{error.message}</p>
              : error instanceof Error && error.message.startsWith('payment ')
              ? <p class="note note-error" role="alert">The payment did not go through ({error.message.slice(8).replace(/_/g, ' ')}). Try another card.</p>
              : <ErrorNote error={error} />)}
            <Submit busy={busy} class="button primary block">Pay now</Submit>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
