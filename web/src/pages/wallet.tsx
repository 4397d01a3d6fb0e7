import { api } from '../api';
import { AmountForm } from '../commerce/amount-form';
import { day, money } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import { Empty, ErrorNote, Loaded, Page, useAction, useAsync } from '../ui';

interface Limits {
  availableCents: number;
  unsettledDepositCents: number;
  settlementHours: number;
  minimumCents: number;
  dailyLimitCents: number;
  withdrawnLast24hCents: number;
  provider: string;
  payoutAccount?: { connectedAccountId: string; payoutsEnabled: boolean | null } | null;
}

interface Wallet {
  availableCents: number;
  heldCents: number;
  provider: string;
  withdrawals: Limits;
}

interface Withdrawal {
  id: number;
  amountCents: number;
  status: 'requested' | 'processing' | 'paid' | 'failed';
  provider: string;
  failureReason?: string | null;
  createdAt: string;
  note?: string;
}

const STATUS: Record<Withdrawal['status'], string> = {
  requested: 'requested', processing: 'being sent', paid: 'paid', failed: 'failed: back in your wallet',
};

/** The wallet: cash, what can be withdrawn now and why the rest cannot, a withdrawal form and the history. */
export function WalletPage() {
  const session = useSession();
  const wallet = useAsync((signal) => session ? api.get<Wallet>('/api/wallet', { signal }) : Promise.resolve(null), [session?.user.id]);
  const history = useAsync((signal) => session ? api.get<{ items: Withdrawal[]; nextBefore: number | null }>('/api/wallet/withdrawals?limit=20', { signal })
    : Promise.resolve(null), [session?.user.id]);
  if (!session) {
    return <Page title="Wallet"><p>Log in to see your wallet.</p><a class="button primary" href="/login?next=/wallet">Log in</a></Page>;
  }
  const refresh = () => {
    wallet.reload();
    history.reload();
  };
  return (
    <Page title="Wallet" heading="Your wallet" actions={<a class="button" href="/market/portfolio">Portfolio</a>}>
      <Loaded state={wallet} label="Loading your wallet…">
        {(w) => w && (
          <>
            <div class="stats">
              <div class="stat"><span class="stat-label">Cash</span><strong data-testid="wallet-cash">{money(w.availableCents)}</strong></div>
              <div class="stat"><span class="stat-label">In open orders</span><strong>{money(w.heldCents)}</strong></div>
              <div class="stat"><span class="stat-label">Withdrawable now</span><strong data-testid="withdrawable">{money(w.withdrawals.availableCents)}</strong></div>
            </div>
            <p class="small muted">Cash from a card deposit can be withdrawn {w.withdrawals.settlementHours} hours after the deposit
              {w.withdrawals.unsettledDepositCents > 0 && <> ({money(w.withdrawals.unsettledDepositCents)} is still settling)</>}; cash in open orders when they close.
              Up to {money(w.withdrawals.dailyLimitCents)} in 24 hours.
              {w.provider === 'sandbox' && <> This server uses the sandbox: withdrawals are paid at once and <strong>no real money moves</strong>.</>}</p>
            {w.provider === 'stripe' && <PayoutAccount limits={w.withdrawals} />}
            <Withdraw limits={w.withdrawals} onDone={refresh} />
          </>
        )}
      </Loaded>
      <section class="section" aria-labelledby="withdrawal-history">
        <h2 id="withdrawal-history">Withdrawals</h2>
        <Loaded state={history} label="Loading your withdrawals…">
          {(page) => !page || page.items.length === 0 ? <Empty title="No withdrawals yet" /> : (
            <div class="table-wrap">
              <table class="stack-phone">
                <thead><tr><th scope="col">Requested</th><th scope="col" class="num">Amount</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {page.items.map((x) => (
                    <tr data-withdrawal-id={x.id}>
                      <td>{day(x.createdAt)}</td>
                      <td class="num" data-label="Amount">{money(x.amountCents)}</td>
                      <td data-label="Status">{STATUS[x.status] ?? x.status}
                        {x.failureReason && <div class="small muted">{x.failureReason}</div>}
                        {x.provider === 'sandbox' && <div class="small muted">sandbox, no real money</div>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
    </Page>
  );
}

function Withdraw({ limits, onDone }: { limits: Limits; onDone: () => void }) {
  return (
    <AmountForm title="Withdraw to your bank" availableCents={limits.availableCents} minimumCents={limits.minimumCents}
      belowMinimum={`Withdrawals start at ${money(limits.minimumCents)}; you can withdraw ${money(limits.availableCents)} now.`}
      submitLabel="Withdraw" onSubmit={async (cents, key) => {
        const done = await api.post<{ withdrawal: Withdrawal }>('/api/wallet/withdrawals', { amountCents: cents }, { idempotencyKey: key });
        toast(done.withdrawal.status === 'failed' ? `Withdrawal of ${money(cents)} failed; the money is back in your wallet.`
          : `Withdrawal of ${money(cents)} ${done.withdrawal.status === 'paid' ? 'sent' : 'requested'}.`, done.withdrawal.status === 'failed' ? 'error' : 'success');
        onDone();
      }} />
  );
}

function PayoutAccount({ limits }: { limits: Limits }) {
  const [connect, busy, error] = useAction(async () => {
    const link = await api.post<{ url: string }>('/api/wallet/payout-account');
    window.location.assign(link.url);
  });
  const account = limits.payoutAccount;
  if (account && account.payoutsEnabled !== false) return null;
  return (
    <div class="card section form-narrow">
      <h2>Where withdrawals go</h2>
      <p class="small">{account ? 'Stripe is still checking your bank details; finish the onboarding if it asked for more.' : 'Connect a bank account through Stripe to withdraw.'}</p>
      {error !== undefined && <ErrorNote error={error} />}
      <button class="button" type="button" disabled={busy} onClick={() => connect()}>{account ? 'Continue with Stripe' : 'Connect a bank account'}</button>
    </div>
  );
}
