import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { money } from '../format';
import { live } from '../live';
import { changeText, direction } from '../market/format';
import { PnlChart } from '../market/pnl-chart';
import { useSession } from '../session';
import type { Portfolio } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';

export function PortfolioPage() {
  const session = useSession();
  const portfolio = useAsync((signal) => session ? api.get<Portfolio>('/api/market/portfolio', { signal }) : Promise.resolve(null), [session?.user.id]);

  // a fill anywhere changes cash and holdings: reload without a page refresh
  useEffect(() => {
    if (!session) return;
    return live.subscribe('me', (frame) => {
      if (frame.type === 'fill' || frame.type === 'order.update') {
        api.get<Portfolio>('/api/market/portfolio').then((p) => portfolio.setData(p)).catch(() => undefined);
      }
    });
  }, [session?.user.id]);

  if (!session) {
    return <Page title="Portfolio"><p>Log in to see your shares and cash.</p><a class="button primary" href="/login?next=/market/portfolio">Log in</a></Page>;
  }
  return (
    <Page title="Portfolio" heading="Your portfolio" actions={<><a class="button" href="/wallet">Wallet</a> <a class="button" href="/market">Market</a></>}>
      <Loaded state={portfolio} label="Loading your portfolio…">
        {(p) => p && (
          <>
            <div class="stats">
              <div class="stat"><span class="stat-label">Equity</span><strong data-testid="equity">{money(p.equityCents ?? p.cashCents + p.lockedCashCents + (p.marketValueCents ?? 0))}</strong></div>
              <div class="stat"><span class="stat-label">Cash</span><strong data-testid="cash">{money(p.cashCents)}</strong></div>
              <div class="stat"><span class="stat-label">In open orders</span><strong>{money(p.lockedCashCents)}</strong></div>
              <div class="stat"><span class="stat-label">Unrealized P&amp;L</span><strong class={direction(p.unrealizedPnlCents)}>{changeText(p.unrealizedPnlCents ?? 0, undefined) || money(0)}</strong></div>
              <div class="stat"><span class="stat-label">Realized P&amp;L</span><strong class={direction(p.realizedPnlCents)}>{changeText(p.realizedPnlCents ?? 0, undefined) || money(0)}</strong></div>
            </div>
            <PnlChart url="/api/me/market/pnl" owner refresh={p.equityCents} />
            {p.holdings.length === 0 ? <Empty title="No shares yet"><a href="/market">Browse the market</a> to buy your first.</Empty> : (
              <div class="table-wrap section">
                <table data-testid="holdings" class="stack-phone">
                  <thead><tr><th scope="col">Symbol</th><th scope="col" class="num">Shares</th><th scope="col" class="num">Avg cost</th><th scope="col" class="num">Price</th><th scope="col" class="num">Value</th><th scope="col" class="num">Unrealized</th><th scope="col"><span class="visually-hidden">Quick sell</span></th></tr></thead>
                  <tbody>
                    {p.holdings.map((h) => (
                      <tr data-symbol={h.symbol}>
                        <td><a href={`/market/${h.symbol}`}>{h.symbol}</a></td>
                        <td class="num" data-label="Shares">{h.shares}{h.lockedShares ? <span class="muted small"> ({h.lockedShares} in orders)</span> : null}</td>
                        <td class="num" data-label="Average cost">{money(h.averageCostCents)}</td>
                        <td class="num" data-label="Price">{money(h.markPriceCents)}</td>
                        <td class="num" data-label="Value">{money(h.marketValueCents)}</td>
                        <td class={`num ${direction(h.unrealizedPnlCents)}`} data-label="Unrealized">{changeText(h.unrealizedPnlCents ?? 0, undefined) || money(0)}</td>
                        <td>{h.shares - (h.lockedShares ?? 0) > 0 && (
                          <a class="button small sell" href={`/market/${h.symbol}?side=sell&quantity=${h.shares - (h.lockedShares ?? 0)}`}
                            aria-label={`Sell ${h.symbol}`}>Sell</a>
                        )}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}
