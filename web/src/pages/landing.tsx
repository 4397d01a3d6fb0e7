import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { dismissGuide, firstStepDone, guideDismissed } from '../first-run';
import { money } from '../format';
import { changeText, direction } from '../market/format';
import { SearchBox } from '../search/search-box';
import { useSession } from '../session';
import type { Instrument, Page as ListPage, Show, Ticker } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';
import { ShowCard } from './discover';

interface Mover {
  instrument: Instrument;
  ticker: Ticker;
}

/** Instruments whose price moved most today, largest first (up or down). */
async function topMovers(signal: AbortSignal): Promise<Mover[]> {
  const page = await api.get<{ items: Instrument[] }>('/api/market/instruments?limit=30', { signal });
  const rows = await Promise.all(page.items.map(async (instrument) => ({
    instrument,
    ticker: await api.get<Ticker>(`/api/market/instruments/${instrument.symbol}/ticker`, { signal }).catch(() => ({ symbol: instrument.symbol }) as Ticker),
  })));
  return rows
    .filter((r) => r.ticker.lastPriceCents != null || r.instrument.referencePriceCents)
    .sort((a, b) => Math.abs(b.ticker.changePercent ?? 0) - Math.abs(a.ticker.changePercent ?? 0))
    .slice(0, 4);
}

/** The front door for signed-out visitors: what Showfloor is, what is on now, and a way in. */
export function Landing() {
  const live = useAsync((signal) => api.get<ListPage<Show>>('/api/shows?status=live&limit=8', { signal }), []);
  const upcoming = useAsync((signal) => api.get<ListPage<Show>>('/api/shows?status=scheduled&limit=8', { signal }), []);
  const movers = useAsync(topMovers, []);
  return (
    <Page title="Live shopping, auctions and a market" heading="Shop live. Bid in seconds. Trade the grails." wide>
      <section class="landing-hero" aria-label="What Showfloor is">
        <p class="lead">Showfloor is live shopping: creators host video shows, you bid in countdown auctions and
          grab flash sales, sellers ship to your door — and rare items trade as fractional shares on a market.</p>
        <div class="row">
          <a class="button primary" href="/signup" data-testid="landing-signup">Sign up free</a>
          <a class="button ghost" href="/login">Log in</a>
        </div>
        <SearchBox />
      </section>
      <section class="section" aria-labelledby="landing-live">
        <div class="section-head"><h2 id="landing-live"><span class="pill pill-live"><span class="live-dot" />LIVE</span> Live now</h2></div>
        <Loaded state={live} label="Finding live shows…">
          {(page) => page.items.length === 0
            ? <Empty title="Nobody is live right now">The next shows are below.</Empty>
            : <div class="cards">{page.items.map((show) => <ShowCard show={show} />)}</div>}
        </Loaded>
      </section>
      <section class="section" aria-labelledby="landing-upcoming">
        <div class="section-head"><h2 id="landing-upcoming">Coming up</h2></div>
        <Loaded state={upcoming} label="Loading the schedule…">
          {(page) => page.items.length === 0
            ? <Empty title="No shows scheduled yet" />
            : <div class="cards">{page.items.map((show) => <ShowCard show={show} />)}</div>}
        </Loaded>
      </section>
      <section class="section" aria-labelledby="landing-movers">
        <div class="section-head"><h2 id="landing-movers">Top movers on the market</h2><a href="/market" class="small">The whole market</a></div>
        <Loaded state={movers} label="Reading the market…">
          {(rows) => rows.length === 0
            ? <Empty title="The market opens soon" />
            : (
              <ul class="movers" aria-label="Top movers">
                {rows.map((r) => (
                  <li><a class="card mover" href={`/market/${r.instrument.symbol}`} data-symbol={r.instrument.symbol}>
                    <strong>{r.instrument.symbol}</strong> <span class="muted small">{r.instrument.name}</span>
                    <span class="price">{money(r.ticker.lastPriceCents ?? r.instrument.referencePriceCents)}</span>
                    <span class={`change ${direction(r.ticker.changeCents)}`}>{changeText(r.ticker.changeCents, r.ticker.changePercent) || 'no trades yet'}</span>
                  </a></li>
                ))}
              </ul>
            )}
        </Loaded>
      </section>
      <section class="section card landing-cta" aria-labelledby="landing-join">
        <h2 id="landing-join">Join the floor</h2>
        <p>Follow hosts to hear when they go live, bid from your phone, and keep a watchlist of the market.</p>
        <a class="button primary" href="/signup">Create your account</a>
      </section>
    </Page>
  );
}

interface Steps {
  follow: boolean;
  watch: boolean;
  bid: boolean;
}

/** Three first steps for a new person, until they are done or the guide is dismissed. */
export function FirstRunGuide() {
  const session = useSession();
  const [dismissed, setDismissed] = useState(guideDismissed());
  const [steps, setSteps] = useState<Steps | null>(null);
  useEffect(() => {
    if (!session) return;
    setDismissed(guideDismissed());
    const controller = new AbortController();
    Promise.all([
      api.get<unknown[]>('/api/me/following', { signal: controller.signal }).catch(() => []),
      api.get<{ items: unknown[] }>('/api/orders?limit=1', { signal: controller.signal }).catch(() => ({ items: [] })),
    ]).then(([following, orders]) => {
      if (controller.signal.aborted) return;
      setSteps({
        follow: following.length > 0 || firstStepDone('follow'),
        watch: firstStepDone('watch'),
        bid: orders.items.length > 0 || firstStepDone('bid'),
      });
    });
    return () => controller.abort();
  }, [session?.user.id]);
  if (!session || dismissed || !steps || (steps.follow && steps.watch && steps.bid)) return null;
  const done = [steps.follow, steps.watch, steps.bid].filter(Boolean).length;
  return (
    <section class="section card first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <div class="section-head">
        <h2 id="first-run-title">Get started · {done} of 3</h2>
        <button type="button" class="button ghost small" onClick={() => {
          dismissGuide();
          setDismissed(true);
        }}>Dismiss</button>
      </div>
      <ol class="first-run-steps">
        <li data-done={steps.follow ? 'true' : 'false'}>
          <strong>Follow a host</strong> — open a show or a host's profile and press Follow; you hear when they go live.
        </li>
        <li data-done={steps.watch ? 'true' : 'false'}>
          <strong>Watch a live show</strong> — anything marked LIVE below: chat, react and see the lots.
        </li>
        <li data-done={steps.bid ? 'true' : 'false'}>
          <strong>Place a first bid or order</strong> — bid on a lot in a show, or buy from a seller's page.
        </li>
      </ol>
    </section>
  );
}
