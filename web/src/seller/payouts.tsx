import { api } from '../api';
import { AmountForm } from '../commerce/amount-form';
import { day, money } from '../format';
import { toast } from '../toasts';
import { Empty, ErrorNote, Field, Loaded, Submit, useAction, useAsync } from '../ui';

interface Balance {
  currency: string;
  availableCents: number;
  pendingCents: number;
  payableCents: number;
  inTransitCents: number;
  paidOutCents: number;
  holdDays: number;
  minimumPayoutCents: number;
  provider: string;
  connectedAccountId?: string | null;
}

export interface Payout {
  id: number;
  userId: number;
  amountCents: number;
  status: 'requested' | 'processing' | 'paid' | 'rejected' | 'failed';
  provider: string;
  destination?: string | null;
  failureReason?: string | null;
  reviewNote?: string | null;
  createdAt: string;
  completedAt?: string | null;
  note?: string;
}

export const PAYOUT_STATUS: Record<Payout['status'], string> = {
  requested: 'waiting for approval', processing: 'being sent', paid: 'paid', rejected: 'rejected', failed: 'failed',
};

/** The seller's (or creator's) money: what can be withdrawn, what is on hold, a payout request and the history. */
export function Payouts() {
  const balance = useAsync((signal) => api.get<Balance>('/api/payouts/balance', { signal }), []);
  const history = useAsync((signal) => api.get<{ items: Payout[] }>('/api/payouts?limit=50', { signal }), []);
  const refresh = () => {
    balance.reload();
    history.reload();
  };
  return (
    <section aria-labelledby="payouts-title">
      <h2 id="payouts-title">Payouts</h2>
      <Loaded state={balance} label="Loading your balance…">
        {(b) => (
          <>
            <div class="stats">
              <div class="stat"><span class="stat-label">Available now</span><strong data-testid="payout-available">{money(b.availableCents)}</strong></div>
              <div class="stat"><span class="stat-label">On hold</span><strong>{money(b.pendingCents)}</strong></div>
              <div class="stat"><span class="stat-label">On its way</span><strong>{money(b.inTransitCents)}</strong></div>
              <div class="stat"><span class="stat-label">Paid out so far</span><strong>{money(b.paidOutCents)}</strong></div>
            </div>
            <p class="small muted">Money from an order becomes available {b.holdDays} days after it is delivered: when the buyer confirms it arrived, or automatically some time after you ship it (longer while a buyer disputes it).
              {b.provider === 'sandbox' && <> This server uses the sandbox: <strong>no real money moves</strong> when a payout is paid.</>}</p>
            {b.provider === 'stripe' && <ConnectedAccount current={b.connectedAccountId ?? null} onSaved={balance.reload} />}
            <RequestPayout balance={b} onRequested={refresh} />
          </>
        )}
      </Loaded>
      <section class="section" aria-labelledby="payout-history">
        <h3 id="payout-history">History</h3>
        <Loaded state={history} label="Loading your payouts…">
          {(page) => page.items.length === 0 ? <Empty title="No payouts yet" /> : (
            <div class="table-wrap">
              <table class="stack-phone">
                <thead><tr><th scope="col">Requested</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr data-payout-id={p.id}>
                      <td>{day(p.createdAt)}</td>
                      <td class="num" data-label="Amount">{money(p.amountCents)}</td>
                      <td data-label="Status">{PAYOUT_STATUS[p.status] ?? p.status}
                        {p.status === 'paid' && p.completedAt && <span class="small muted"> · {day(p.completedAt)}</span>}
                        {(p.reviewNote || p.failureReason) && <div class="small muted">{p.reviewNote ?? p.failureReason}</div>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
    </section>
  );
}

function RequestPayout({ balance, onRequested }: { balance: Balance; onRequested: () => void }) {
  return (
    <AmountForm title="Request a payout" heading="h3" availableCents={balance.availableCents} minimumCents={balance.minimumPayoutCents}
      belowMinimum={`Payouts start at ${money(balance.minimumPayoutCents)}; you have ${money(balance.availableCents)} available.`}
      submitLabel="Request payout" onSubmit={async (cents, key) => {
        await api.post<Payout>('/api/payouts', { amountCents: cents }, { idempotencyKey: key });
        toast(`Payout of ${money(cents)} requested. An admin approves it, usually within a day.`, 'success');
        onRequested();
      }} />
  );
}

function ConnectedAccount({ current, onSaved }: { current: string | null; onSaved: () => void }) {
  const [save, busy, error] = useAction(async (id: string) => {
    await api.put('/api/payouts/account', { connectedAccountId: id.trim() });
    toast('Payout account saved.', 'success');
    onSaved();
  });
  return (
    <form class="card section form-narrow" onSubmit={(e) => { e.preventDefault(); save(String(new FormData(e.currentTarget as HTMLFormElement).get('account') ?? '')); }}>
      <h3>Where payouts go</h3>
      <Field label="Stripe connected account" name="account" required defaultValue={current ?? ''} pattern="acct_[A-Za-z0-9]{6,64}"
        hint="Your Stripe account id, starting acct_." />
      {error !== undefined && <ErrorNote error={error} />}
      <Submit busy={busy} class="button">Save account</Submit>
    </form>
  );
}
