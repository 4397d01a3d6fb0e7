import { useState } from 'preact/hooks';
import { api } from '../api';
import { money } from '../format';
import { SeriesChart } from '../charts/series-chart';
import { Empty, Loaded, useAsync } from '../ui';

interface Values {
  start?: string;
  grossSalesCents: number;
  orders: number;
  units: number;
  refundsCents: number;
  averageOrderValueCents: number;
}

interface SellerAnalytics {
  bucket: 'day' | 'week';
  buckets: Values[];
  totals: Values;
  topProducts: { productId: number; title: string; units: number; grossSalesCents: number }[];
}

export const RANGES = [
  { id: '30d', label: 'Last 30 days', days: 30, bucket: 'day' },
  { id: '12w', label: 'Last 12 weeks', days: 84, bucket: 'week' },
  { id: '1y', label: 'Last 12 months', days: 365, bucket: 'week' },
] as const;

/** The range's query: from midnight UTC `days` ago to now, in day or week buckets. */
export function rangeQuery(id: string): string {
  const range = RANGES.find((r) => r.id === id) ?? RANGES[0];
  const from = new Date(Date.now() - range.days * 86_400_000).toISOString().slice(0, 10);
  return `from=${from}&bucket=${range.bucket}`;
}

export function RangePicker({ value, onChange, id }: { value: string; onChange: (id: string) => void; id: string }) {
  return (
    <div class="field" style="max-width:260px">
      <label for={id}>Period</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {RANGES.map((r) => <option value={r.id}>{r.label}</option>)}
      </select>
    </div>
  );
}

const dollars = (value: number) => money(Math.round(value * 100));
const count = (value: number) => String(Math.round(value));

/** The seller's sales over time from GET /api/sellers/me/analytics: totals, charts and best sellers. */
export function SalesAnalytics() {
  const [range, setRange] = useState('30d');
  const analytics = useAsync((signal) => api.get<SellerAnalytics>(`/api/sellers/me/analytics?${rangeQuery(range)}`, { signal }), [range]);
  return (
    <section aria-labelledby="sales-title">
      <h2 id="sales-title">Sales</h2>
      <RangePicker id="sales-range" value={range} onChange={setRange} />
      <Loaded state={analytics} label="Adding up your sales…">
        {(a) => a.totals.orders === 0 && a.totals.refundsCents === 0 ? <Empty title="No sales in this period">Paid orders show up here, {a.bucket === 'day' ? 'day' : 'week'} by {a.bucket === 'day' ? 'day' : 'week'}.</Empty> : (
          <>
            <div class="stats">
              <div class="stat"><span class="stat-label">Orders</span><strong data-testid="sales-orders">{a.totals.orders}</strong></div>
              <div class="stat"><span class="stat-label">Sales</span><strong data-testid="sales-gross">{money(a.totals.grossSalesCents)}</strong></div>
              <div class="stat"><span class="stat-label">Average order</span><strong>{money(a.totals.averageOrderValueCents)}</strong></div>
              <div class="stat"><span class="stat-label">Refunded</span><strong>{money(a.totals.refundsCents)}</strong></div>
            </div>
            <div class="charts section">
              <SeriesChart title={`Sales per ${a.bucket}`} testId="sales-chart" format={dollars}
                points={a.buckets.map((b) => ({ day: (b.start ?? '').slice(0, 10), value: b.grossSalesCents / 100 }))} />
              <SeriesChart title={`Orders per ${a.bucket}`} format={count} whole kind="line" color="#9ec5ff"
                points={a.buckets.map((b) => ({ day: (b.start ?? '').slice(0, 10), value: b.orders }))} />
            </div>
            {a.topProducts.length > 0 && (
              <section class="section" aria-labelledby="top-products">
                <h3 id="top-products">Best sellers</h3>
                <div class="table-wrap">
                  <table class="stack-phone">
                    <thead><tr><th scope="col">Product</th><th scope="col" class="num">Sold</th><th scope="col" class="num">Sales</th></tr></thead>
                    <tbody>{a.topProducts.map((p) => (
                      <tr><td><a href={`/products/${p.productId}`}>{p.title}</a></td><td class="num" data-label="Sold">{p.units}</td><td class="num" data-label="Sales">{money(p.grossSalesCents)}</td></tr>
                    ))}</tbody>
                  </table>
                </div>
              </section>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
