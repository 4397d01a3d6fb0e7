import { api, ApiProblem } from '../api';
import { money } from '../format';
import { changeText, direction } from '../market/format';
import { PnlChart } from '../market/pnl-chart';
import { ErrorNote, Loading, Page, useAsync } from '../ui';

interface TraderProfile {
  id: number;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  totalTrades: number;
  volumeCents: number;
  roundTrips: number;
  winningRoundTrips: number;
  winRateBps: number | null;
  realizedPnlCents: number;
  bestTrade: { symbol: string; priceCents: number; quantity: number; pnlCents: number } | null;
  currentStreak: number;
  longestStreak: number;
  rank: number | null;
}

/** A trader's public page: what GET /api/traders/{id} knows, in people's words. */
export function TraderPage({ id }: { id: number }) {
  const trader = useAsync((signal) => api.get<TraderProfile>(`/api/traders/${id}`, { signal }), [id]);
  if (!trader.data) {
    return (
      <Page title="Trader">
        {trader.error === undefined ? <Loading label="Loading the trader…" />
          : <ErrorNote error={trader.error} retry={trader.error instanceof ApiProblem && trader.error.status === 404 ? undefined : trader.reload} />}
      </Page>
    );
  }
  const t = trader.data;
  const winRate = t.winRateBps === null ? 'No round trips yet' : `${(t.winRateBps / 100).toFixed(1)}%`;
  return (
    <Page title={t.displayName} heading={t.displayName}>
      {t.avatarUrl && <img class="avatar" src={t.avatarUrl} alt="" width={64} height={64} />}
      {t.bio && <p class="muted" data-testid="trader-bio">{t.bio}</p>}
      <dl class="facts" data-testid="trader-stats">
        <dt>All-time rank</dt><dd data-testid="trader-rank">{t.rank === null ? 'Not ranked' : `#${t.rank}`}</dd>
        <dt>Realized P&amp;L</dt><dd class={`num ${direction(t.realizedPnlCents)}`}>{changeText(t.realizedPnlCents, undefined) || money(0)}</dd>
        <dt>Trades</dt><dd data-testid="trader-trades">{t.totalTrades}</dd>
        <dt>Volume</dt><dd>{money(t.volumeCents)}</dd>
        <dt>Round trips won</dt><dd data-testid="trader-win-rate">{t.winningRoundTrips} of {t.roundTrips} · {winRate}</dd>
        <dt>Winning streak</dt><dd>{t.currentStreak} now · {t.longestStreak} longest</dd>
        <dt>Best trade</dt><dd>{t.bestTrade === null ? 'None yet'
          : `${t.bestTrade.quantity} ${t.bestTrade.symbol} sold at ${money(t.bestTrade.priceCents)}, ${changeText(t.bestTrade.pnlCents, undefined)}`}</dd>
      </dl>
      <PnlChart url={`/api/traders/${t.id}/pnl`} />
    </Page>
  );
}
