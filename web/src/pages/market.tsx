import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money } from '../format';
import { changeText, direction, phaseText } from '../market/format';
import { Sparkline } from '../market/sparkline';
import { useSession } from '../session';
import { toast } from '../toasts';
import type { Candle, Instrument, Ticker } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';

interface Row {
  instrument: Instrument;
  ticker?: Ticker;
  closes: number[];
}

const TICKER_REFRESH_MS = 10_000;

async function rowsFor(instruments: Instrument[], signal?: AbortSignal): Promise<Row[]> {
  return Promise.all(instruments.map(async (instrument) => {
    const [ticker, candles] = await Promise.all([
      api.get<Ticker>(`/api/market/instruments/${instrument.symbol}/ticker`, { signal }).catch(() => undefined),
      api.get<{ candles: Candle[] }>(`/api/market/instruments/${instrument.symbol}/candles?interval=5m&limit=48`, { signal })
        .catch(() => ({ candles: [] as Candle[] })),
    ]);
    return { instrument, ticker, closes: candles.candles.map((c) => c.closeCents) };
  }));
}

export function MarketPage() {
  const session = useSession();
  const rows = useAsync(async (signal) => {
    const page = await api.get<{ items: Instrument[] }>('/api/market/instruments?limit=60', { signal });
    return rowsFor(page.items, signal);
  }, []);
  const [watched, setWatched] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (!session) return;
    api.get<{ items: Instrument[] }>('/api/market/watchlist')
      .then((w) => setWatched(new Set(w.items.map((i) => i.symbol))))
      .catch(() => undefined);
  }, [session?.user.id]);

  // prices move: refresh the tickers quietly while the page is visible
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible' || !rows.data) return;
      Promise.all(rows.data.map((r) => api.get<Ticker>(`/api/market/instruments/${r.instrument.symbol}/ticker`).catch(() => r.ticker)))
        .then((tickers) => rows.setData((current) => (current ?? []).map((r, i) => ({ ...r, ticker: tickers[i] ?? r.ticker }))))
        .catch(() => undefined);
    }, TICKER_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [rows.data?.length]);

  const toggleWatch = async (symbol: string) => {
    const on = watched.has(symbol);
    try {
      if (on) await api.del(`/api/market/watchlist/${symbol}`);
      else await api.put(`/api/market/watchlist/${symbol}`, undefined);
      setWatched((current) => {
        const next = new Set(current);
        if (on) next.delete(symbol);
        else next.add(symbol);
        return next;
      });
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };

  const sorted = (rows.data ?? []).slice().sort((a, b) => Number(watched.has(b.instrument.symbol)) - Number(watched.has(a.instrument.symbol)));
  return (
    <Page title="Market" heading="Share market" wide actions={<>
      <a class="button ghost" href="/tournaments">Tournaments</a>
      {session && <a class="button" href="/market/portfolio">Your portfolio</a>}
    </>}>
      <p class="muted">Own a slice of a rare item. Buy and sell shares at the price you choose; prices move with every trade.</p>
      <section class="section" aria-labelledby="instruments">
        <h2 id="instruments" class="visually-hidden">Instruments</h2>
        <Loaded state={rows} label="Loading the market…">
          {() => sorted.length === 0 ? <Empty title="Nothing is listed yet">Sellers can list an item as shares from their dashboard.</Empty> : (
            <div class="table-wrap">
              <table class="instruments">
                <thead>
                  <tr><th scope="col">Item</th><th scope="col" class="num">Last</th><th scope="col" class="num">Change</th><th scope="col" class="hide-phone">Trend</th><th scope="col" class="hide-phone">Phase</th>{session && <th scope="col"><span class="visually-hidden">Watch</span></th>}</tr>
                </thead>
                <tbody>
                  {sorted.map(({ instrument, ticker, closes }) => (
                    <tr key={instrument.symbol} data-symbol={instrument.symbol}>
                      <td><a href={`/market/${instrument.symbol}`}><strong>{instrument.symbol}</strong></a><div class="small muted">{instrument.name}</div></td>
                      <td class="num">{money(ticker?.lastPriceCents ?? instrument.lastPriceCents ?? instrument.referencePriceCents)}</td>
                      <td class={`num ${direction(ticker?.changeCents)}`}>{changeText(ticker?.changeCents, ticker?.changePercent) || '—'}</td>
                      <td class="hide-phone"><Sparkline values={closes} label={`${instrument.symbol} price trend`} /></td>
                      <td class="hide-phone"><span class="pill pill-soft">{phaseText(ticker?.phase ?? instrument.phase)}</span></td>
                      {session && (
                        <td>
                          <button type="button" class="button ghost small" aria-pressed={watched.has(instrument.symbol) ? 'true' : 'false'}
                            aria-label={`Watch ${instrument.symbol}`} onClick={() => toggleWatch(instrument.symbol)}>
                            {watched.has(instrument.symbol) ? '★' : '☆'}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      <Leaderboard />
    </Page>
  );
}

interface Board {
  entries: { rank: number; userId: number; displayName: string; pnlCents: number; winStreak?: number }[];
  you?: { rank: number | null; pnlCents: number } | null;
}

function Leaderboard() {
  const board = useAsync((signal) => api.get<Board>('/api/market/leaderboard?period=day', { signal }), []);
  return (
    <section class="section" aria-labelledby="leaders">
      <h2 id="leaders">Today's top traders</h2>
      <Loaded state={board} label="Loading the leaderboard…">
        {(b) => b.entries.length === 0 ? <Empty title="No trades today yet">Realized profit and loss ranks traders through the day.</Empty> : (
          <>
            <ol class="leaders">
              {b.entries.slice(0, 10).map((e) => (
                <li><span class="rank">{e.rank}</span><a class="who" href={`/traders/${e.userId}`}>{e.displayName}</a><span class={`num ${direction(e.pnlCents)}`}>{changeText(e.pnlCents, undefined)}</span></li>
              ))}
            </ol>
            {b.you && <p class="small muted">You: {b.you.rank ? `#${b.you.rank}` : 'not ranked yet'} · {changeText(b.you.pnlCents, undefined) || money(0)}</p>}
          </>
        )}
      </Loaded>
    </section>
  );
}
