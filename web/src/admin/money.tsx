import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { day, money } from '../format';
import { SeriesChart } from '../charts/series-chart';
import { RangePicker, rangeQuery } from '../seller/analytics';
import { PAYOUT_STATUS, type Payout } from '../seller/payouts';
import { toast } from '../toasts';
import { Empty, Loaded, useAsync } from '../ui';

/** Payout requests for an admin to approve (sent through the payment provider) or reject with a reason. */
export function AdminPayouts() {
  const [status, setStatus] = useState<Payout['status']>('requested');
  const payouts = useAsync((signal) => api.get<{ items: Payout[] }>(`/api/admin/payouts?status=${status}&limit=100`, { signal }), [status]);
  return (
    <section aria-labelledby="admin-payouts-title">
      <h2 id="admin-payouts-title">Payouts</h2>
      <div class="field" style="max-width:260px">
        <label for="payout-status">Status</label>
        <select id="payout-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as Payout['status'])}>
          {(Object.keys(PAYOUT_STATUS) as Payout['status'][]).map((s) => <option value={s}>{PAYOUT_STATUS[s]}</option>)}
        </select>
      </div>
      <Loaded state={payouts} label="Loading payouts…">
        {(page) => page.items.length === 0 ? <Empty title={status === 'requested' ? 'No payout waits for approval' : 'None'} /> : (
          <ul class="order-list">
            {page.items.map((p) => <PayoutRow payout={p} onDone={() => payouts.setData((l) => ({ items: (l?.items ?? []).filter((x) => x.id !== p.id) }))} />)}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function PayoutRow({ payout, onDone }: { payout: Payout; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (approve: boolean) => {
    setBusy(true);
    try {
      const answer = approve
        ? await api.post<Payout>(`/api/admin/payouts/${payout.id}/approve`)
        : await api.post<Payout>(`/api/admin/payouts/${payout.id}/reject`, reason.trim() ? { reason: reason.trim() } : {});
      toast(answer.status === 'paid' ? `Paid ${money(answer.amountCents)}.`
        : answer.status === 'failed' ? `The transfer failed: ${answer.failureReason ?? 'the provider refused it'}. The money is back on the seller's balance.`
        : answer.status === 'rejected' ? 'Payout rejected; the money is back on the seller\'s balance.' : `Payout ${PAYOUT_STATUS[answer.status]}.`,
        answer.status === 'failed' ? 'error' : 'success');
      onDone();
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const reasonId = `payout-reason-${payout.id}`;
  return (
    <li class="card stack" data-payout-id={payout.id}>
      <p><strong>{money(payout.amountCents)}</strong> to user #{payout.userId} <span class="small muted">· requested {day(payout.createdAt)} · {payout.provider}{payout.destination ? ` → ${payout.destination}` : ''}</span></p>
      {payout.status === 'requested' || payout.status === 'processing' ? (
        <>
          <div class="field">
            <label for={reasonId}>Reason if you reject (optional)</label>
            <input id={reasonId} maxLength={500} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </div>
          <div class="row">
            <button type="button" class="button primary small" disabled={busy} onClick={() => decide(true)}>Approve {money(payout.amountCents)}</button>
            {payout.status === 'requested' && <button type="button" class="button ghost small" disabled={busy} onClick={() => decide(false)}>Reject</button>}
          </div>
        </>
      ) : <p class="small muted">{PAYOUT_STATUS[payout.status]}{payout.reviewNote ? `: ${payout.reviewNote}` : ''}{payout.failureReason ? `: ${payout.failureReason}` : ''}</p>}
    </li>
  );
}

interface PlatformValues {
  start?: string;
  gmvCents: number;
  orders: number;
  refundsCents: number;
  platformFeesCents: number;
  newUsers: number;
  activeShows: number;
  trades: number;
  tradeVolumeCents: number;
  tradeFeesCents: number;
}

const dollars = (value: number) => money(Math.round(value * 100));
const count = (value: number) => String(Math.round(value));

/** The platform over time: GMV, fees, orders, sign-ups, shows and market activity. */
export function PlatformAnalytics() {
  const [range, setRange] = useState('30d');
  const analytics = useAsync((signal) => api.get<{ bucket: string; buckets: PlatformValues[]; totals: PlatformValues }>(
    `/api/admin/analytics?${rangeQuery(range)}`, { signal }), [range]);
  return (
    <section aria-labelledby="analytics-title">
      <h2 id="analytics-title">Analytics</h2>
      <RangePicker id="analytics-range" value={range} onChange={setRange} />
      <Loaded state={analytics} label="Adding up the platform…">
        {(a) => {
          const per = (pick: (v: PlatformValues) => number) => a.buckets.map((b) => ({ day: (b.start ?? '').slice(0, 10), value: pick(b) }));
          return (
            <>
              <div class="stats">
                <div class="stat"><span class="stat-label">Sales (GMV)</span><strong data-testid="analytics-gmv">{money(a.totals.gmvCents)}</strong></div>
                <div class="stat"><span class="stat-label">Platform fees</span><strong>{money(a.totals.platformFeesCents)}</strong></div>
                <div class="stat"><span class="stat-label">Orders</span><strong data-testid="analytics-orders">{a.totals.orders}</strong></div>
                <div class="stat"><span class="stat-label">New users</span><strong>{a.totals.newUsers}</strong></div>
                <div class="stat"><span class="stat-label">Shows live</span><strong>{a.totals.activeShows}</strong></div>
                <div class="stat"><span class="stat-label">Market trades</span><strong>{a.totals.trades}</strong></div>
              </div>
              <div class="charts section">
                <SeriesChart title={`Sales (GMV) per ${a.bucket}`} testId="gmv-chart" format={dollars} points={per((v) => v.gmvCents / 100)} />
                <SeriesChart title={`Platform fees per ${a.bucket}`} format={dollars} color="#4ade80" points={per((v) => v.platformFeesCents / 100)} />
                <SeriesChart title={`Orders per ${a.bucket}`} format={count} whole kind="line" color="#9ec5ff" points={per((v) => v.orders)} />
                <SeriesChart title={`New users per ${a.bucket}`} format={count} whole kind="line" color="#fbbf24" points={per((v) => v.newUsers)} />
                <SeriesChart title={`Shows live per ${a.bucket}`} format={count} whole kind="line" color="#ff8aa1" points={per((v) => v.activeShows)} />
                <SeriesChart title={`Market volume per ${a.bucket}`} format={dollars} color="#b3b9c9" points={per((v) => v.tradeVolumeCents / 100)} />
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
