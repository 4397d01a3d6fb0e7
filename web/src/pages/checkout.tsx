import { useRef } from 'preact/hooks';
import { api, ApiProblem, idempotencyKey } from '../api';
import { money } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { toast } from '../toasts';
import type { Cart, Checkout } from '../commerce/types';
import { ErrorNote, Field, formValues, Loaded, Page, Submit, useAction, useAsync } from '../ui';

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
  // the wallet names the payment provider: the sandbox, or Stripe
  const provider = useAsync((signal) => api.get<{ provider: string }>('/api/wallet', { signal }).then((w) => w.provider).catch(() => 'sandbox'), [session?.user.id]);
  const sandbox = (provider.data ?? 'sandbox') === 'sandbox';
  // one key per attempt: a network retry repeats it (and is answered once); a new card is a new attempt
  const key = useRef(idempotencyKey());
  const [pay, busy, error] = useAction(async (values: Record<string, string>) => {
    const redeemPoints = Number(values.redeemPoints || '0');
    const placed = await api.post<Checkout>('/api/checkout', {
      shippingAddress: {
        name: values.name.trim(), line1: values.line1.trim(), ...(values.line2.trim() ? { line2: values.line2.trim() } : {}),
        city: values.city.trim(), postalCode: values.postalCode.trim(), country: values.country.trim().toUpperCase(),
      },
      ...(redeemPoints > 0 ? { redeemPoints } : {}),
      paymentMethodId: values.card,
    }, { idempotencyKey: key.current }).catch((failure) => {
      if (!(failure instanceof ApiProblem && failure.status === 0)) key.current = idempotencyKey();
      throw failure;
    });
    key.current = idempotencyKey();
    if (placed.status === 'succeeded' || placed.payment.status === 'succeeded') {
      toast('Payment received. Thank you!', 'success');
      navigate(`/orders?placed=${placed.orders.map((o) => o.id).join(',')}`);
    } else {
      // Stripe.js would finish a payment that needs the browser; the sandbox never asks for it
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
            <fieldset class="sandbox">
              <legend>{sandbox ? 'Payment — sandbox' : 'Payment — Stripe test mode'}</legend>
              {sandbox
                ? <p class="small">This server uses the sandbox payment provider: <strong>no real money moves</strong>. Pick a test card.</p>
                : <p class="small">Payments go through Stripe. This app sends Stripe's test payment methods only: entering a real card (Stripe Elements) is not built yet.</p>}
              {SANDBOX_CARDS.map((card, i) => (
                <label class="radio"><input type="radio" name="card" value={card.id} defaultChecked={i === 0} /> {card.label}</label>
              ))}
            </fieldset>
            <p class="section">Total: <strong data-testid="checkout-total">{money(c.totalCents)}</strong></p>
            {error !== undefined && (error instanceof Error && error.message.startsWith('payment ')
              ? <p class="note note-error" role="alert">The payment did not go through ({error.message.slice(8).replace(/_/g, ' ')}). Try another card.</p>
              : <ErrorNote error={error} />)}
            <Submit busy={busy} class="button primary block">Pay now</Submit>
          </form>
        )}
      </Loaded>
    </Page>
  );
}
