import { api } from '../api';
import { day, money } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import { ErrorNote, Loaded, Page, useAction, useAsync } from '../ui';

interface Plan {
  name: 'free' | 'pro';
  priceCents: number;
  requestsPerMinute: number;
  historyDays: number;
  export: boolean;
  watchlistMax: number;
}

interface Subscription {
  plan: 'free' | 'pro';
  status: 'none' | 'active' | 'past_due' | 'cancelled' | 'expired';
  provider: 'sandbox' | 'stripe';
  priceCents: number;
  currentPeriodEnd?: string | null;
  cancelAtPeriodEnd: boolean;
  graceUntil?: string | null;
}

interface Billing {
  plan: 'free' | 'pro';
  billing: 'sandbox' | 'stripe';
  periodDays: number;
  graceDays: number;
  plans: Plan[];
  subscription?: Subscription | null;
}

const STATUS: Record<Subscription['status'], string> = {
  none: 'waiting for payment',
  active: 'active',
  past_due: 'payment failed: retrying',
  cancelled: 'ended',
  expired: 'ended: payment not received',
};

function PlanCard({ plan, periodDays, current }: { plan: Plan; periodDays: number; current: boolean }) {
  return (
    <section class={current ? 'plan current' : 'plan'} data-plan={plan.name} aria-label={`${plan.name} plan`}>
      <h2>{plan.name === 'pro' ? 'Pro' : 'Free'}{current && <span class="muted"> · your plan</span>}</h2>
      <p><strong>{plan.priceCents === 0 ? 'Free' : `${money(plan.priceCents)} every ${periodDays} days`}</strong></p>
      <ul>
        <li>{plan.requestsPerMinute} API-key calls a minute</li>
        <li>{plan.historyDays === 0 ? 'Your whole trade history' : `The last ${plan.historyDays} days of trade history`}</li>
        <li>{plan.export ? 'Market data export (CSV, JSON)' : 'No market data export'}</li>
        <li>Up to {plan.watchlistMax} instruments on your watchlist</li>
      </ul>
    </section>
  );
}

/** The Pro page: both plans side by side, the billing state, and the buttons to change it. */
export function ProPage() {
  const session = useSession();
  const state = useAsync((signal) => session ? api.get<Billing>('/api/me/subscription', { signal }) : Promise.resolve(null), [session?.user.id]);
  const [act, busy, error] = useAction(async (path: string, done: string) => {
    const answer = await api.post<Billing & { url?: string }>(path);
    if (answer.url) {
      window.location.assign(answer.url);
      return;
    }
    toast(done);
    state.reload();
  });
  if (!session) {
    return <Page title="Pro"><p>Log in to see your plan.</p><a class="button primary" href="/login?next=/pro">Log in</a></Page>;
  }
  return (
    <Page title="Pro" heading="Showfloor Pro">
      <Loaded state={state} label="Loading your plan…">
        {(b) => b && (
          <>
            <div class="plans">
              {b.plans.map((plan) => <PlanCard key={plan.name} plan={plan} periodDays={b.periodDays} current={plan.name === b.plan} />)}
            </div>
            <section class="plan" aria-label="Billing">
              <h2>Billing</h2>
              <p data-testid="plan-state">
                {b.subscription && b.subscription.status !== 'none'
                  ? <>Pro is {STATUS[b.subscription.status]}
                    {b.subscription.currentPeriodEnd && b.subscription.status === 'active' && (b.subscription.cancelAtPeriodEnd
                      ? <>; it ends on {day(b.subscription.currentPeriodEnd)}</>
                      : <>; it renews on {day(b.subscription.currentPeriodEnd)}</>)}
                    {b.subscription.status === 'past_due' && b.subscription.graceUntil && <>; Pro stays until {day(b.subscription.graceUntil)}</>}.</>
                  : <>You are on Free.</>}
              </p>
              {b.billing === 'sandbox' && <p class="muted">Sandbox billing: no real money moves.</p>}
              {error !== undefined && <ErrorNote error={error} />}
              <div class="row">
                {b.plan === 'free' && (b.billing === 'sandbox'
                  ? <button class="button primary" disabled={busy} onClick={() => act('/api/me/subscription', 'Welcome to Pro')}>Subscribe to Pro</button>
                  : <button class="button primary" disabled={busy} onClick={() => act('/api/me/subscription/checkout', '')}>Subscribe with Stripe</button>)}
                {b.plan === 'pro' && b.billing === 'sandbox' && b.subscription && (b.subscription.cancelAtPeriodEnd
                  ? <button class="button" disabled={busy} onClick={() => act('/api/me/subscription/resume', 'Pro will renew')}>Resume Pro</button>
                  : <button class="button" disabled={busy} onClick={() => act('/api/me/subscription/cancel', 'Pro ends at the end of the period')}>Cancel Pro</button>)}
                {b.billing === 'stripe' && b.subscription && (
                  <button class="button" disabled={busy} onClick={() => act('/api/me/subscription/portal', '')}>Manage billing</button>)}
              </div>
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
