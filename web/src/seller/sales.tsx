import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api';
import { money } from '../format';
import { items, type Order } from '../commerce/types';
import { Empty, Loaded, useAsync } from '../ui';

const COUNTED = new Set(['paid', 'shipped', 'delivered', 'partially_refunded']);

interface Day {
  day: string;
  grossCents: number;
}

/** Sales over time from the seller's orders: totals and a daily bar chart (lightweight-charts). */
export function SalesAnalytics() {
  const orders = useAsync((signal) => api.get<{ items: Order[] }>('/api/orders?role=seller&limit=200', { signal }).then(items), []);
  return (
    <section aria-labelledby="sales-title">
      <h2 id="sales-title">Sales</h2>
      <Loaded state={orders} label="Adding up your sales…">
        {(list) => {
          const sold = list.filter((o) => COUNTED.has(o.status));
          if (sold.length === 0) return <Empty title="No sales yet">Paid orders show up here, day by day.</Empty>;
          const gross = sold.reduce((n, o) => n + o.totalCents - (o.refundedCents ?? 0), 0);
          const net = sold.reduce((n, o) => n + (o.sellerNetCents ?? 0), 0);
          const toShip = sold.filter((o) => o.status === 'paid').length;
          return (
            <>
              <div class="stats">
                <div class="stat"><span class="stat-label">Orders</span><strong data-testid="sales-orders">{sold.length}</strong></div>
                <div class="stat"><span class="stat-label">Sales</span><strong data-testid="sales-gross">{money(gross)}</strong></div>
                <div class="stat"><span class="stat-label">Yours after fees</span><strong>{money(net)}</strong></div>
                <div class="stat"><span class="stat-label">To ship</span><strong>{toShip}</strong></div>
              </div>
              <div class="card section">
                <h3>Sales per day</h3>
                <DailyChart days={byDay(sold)} />
              </div>
              <p class="small muted">Payouts to a bank account are not available yet: what you earn is held on your Showfloor balance.</p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function byDay(orders: Order[]): Day[] {
  const totals = new Map<string, number>();
  for (const o of orders) {
    const day = (o.paidAt ?? o.createdAt).slice(0, 10);
    totals.set(day, (totals.get(day) ?? 0) + o.totalCents);
  }
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, grossCents]) => ({ day, grossCents }));
}

function DailyChart({ days }: { days: Day[] }) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let remove = () => undefined as void;
    let disposed = false;
    import('lightweight-charts').then(({ createChart, HistogramSeries, ColorType }) => {
      if (disposed || !holder.current) return;
      const chart = createChart(holder.current, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: '#181b24' }, textColor: '#b3b9c9', attributionLogo: false },
        grid: { vertLines: { visible: false }, horzLines: { color: '#262b3a' } },
        timeScale: { borderColor: '#343a4d', barSpacing: 28 },
      });
      chart.addSeries(HistogramSeries, { color: '#ff5c7c' })
        .setData(days.map((d) => ({ time: d.day, value: d.grossCents / 100 })));
      // a few days stay readable bars; many are fitted to the width
      if (days.length > 30) chart.timeScale().fitContent();
      remove = () => chart.remove();
    }).catch(() => undefined);
    return () => {
      disposed = true;
      remove();
    };
  }, [days.map((d) => `${d.day}:${d.grossCents}`).join()]);
  const summary = days.map((d) => `${d.day}: ${money(d.grossCents)}`).join('; ');
  return <div class="chart chart-small" role="img" aria-label={`Sales per day. ${summary}`}><div ref={holder} class="chart-canvas" /></div>;
}
