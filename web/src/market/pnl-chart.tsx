import { api } from '../api';
import { SeriesChart } from '../charts/series-chart';
import { money } from '../format';
import type { PnlSeries } from '../types';
import { useAsync } from '../ui';

const dollars = (value: number) => money(Math.round(value * 100));

/**
 * P&L over time from the daily snapshots (GET /api/me/market/pnl, or a trader's public
 * /api/traders/{id}/pnl): one point per day, today's computed live. The owner also sees equity.
 */
export function PnlChart({ url, owner, refresh }: { url: string; owner?: boolean; refresh?: unknown }) {
  const series = useAsync((signal) => api.get<PnlSeries>(url, { signal }), [url, refresh]);
  const items = series.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div class="section" data-testid="pnl-history">
      <SeriesChart title="P&L over time" testId="pnl-chart" kind="line" levels color="#4ade80" format={dollars}
        points={items.map((p) => ({ day: p.day, value: p.pnlCents / 100 }))} />
      {owner && (
        <SeriesChart title="Equity over time" testId="equity-chart" kind="line" levels color="#9ec5ff" format={dollars}
          points={items.map((p) => ({ day: p.day, value: (p.equityCents ?? 0) / 100 }))} />
      )}
      {items.length === 1 && <p class="muted small">One point so far: each day's close is kept from tomorrow on.</p>}
    </div>
  );
}
