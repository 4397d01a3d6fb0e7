import { useEffect, useMemo } from 'preact/hooks';
import { api } from '../api';
import { compact, fromNow, titleCase, when } from '../format';
import { Icon } from '../icons';
import { navigate, usePlace } from '../router';
import { SearchBox } from '../search/search-box';
import { useSession } from '../session';
import type { Page as ShowPage, Show } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';
import { FirstRunGuide, Landing } from './landing';

const LIVE_REFRESH_MS = 15_000;

function showsQuery(status: string, category: string | null, limit: number) {
  const query = new URLSearchParams({ status, limit: String(limit) });
  if (category) query.set('category', category);
  return `/api/shows?${query}`;
}

export function Discover() {
  const session = useSession();
  const place = usePlace();
  const q = place.query.get('q')?.trim() ?? '';
  // search lives at /search now; old /?q= links still land on the results
  useEffect(() => {
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`, { replace: true });
  }, [q]);
  // a browser that was never signed in sees the front door; a returning one the discover page
  if (!session && localStorage.getItem('showfloor.signedIn') !== '1') return <Landing />;
  return <SignedInDiscover />;
}

function SignedInDiscover() {
  const place = usePlace();
  const category = place.query.get('category');
  const liveShows = useAsync((signal) => api.get<ShowPage<Show>>(showsQuery('live', category, 48), { signal }), [category]);
  const upcoming = useAsync((signal) => api.get<ShowPage<Show>>(showsQuery('scheduled', category, 24), { signal }), [category]);

  // viewer counts move: refresh the live list quietly while the page is open
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        api.get<ShowPage<Show>>(showsQuery('live', category, 48)).then((page) => liveShows.setData(page)).catch(() => undefined);
      }
    }, LIVE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [category]);

  const known = [...(liveShows.data?.items ?? []), ...(upcoming.data?.items ?? [])];
  const categories = useMemo(() => [...new Set([...known.map((s) => s.category), ...(category ? [category] : [])])].sort(), [known.length, category]);

  return (
    <Page title={category ? titleCase(category) : 'Discover'} heading={category ? titleCase(category) : 'Live now on Showfloor'} wide>
      <SearchBox />
      <FirstRunGuide />
      <nav class="section chips" aria-label="Categories">
        <a class="chip" href="/" aria-current={!category ? 'true' : undefined}>All</a>
        {categories.map((c) => (
          <a class="chip" href={`/?category=${encodeURIComponent(c)}`} aria-current={c === category ? 'true' : undefined}>{titleCase(c)}</a>
        ))}
      </nav>
      <section class="section" aria-labelledby="live-now">
        <div class="section-head">
          <h2 id="live-now"><span class="pill pill-live"><span class="live-dot" />LIVE</span> Live now</h2>
        </div>
        <Loaded state={liveShows} label="Finding live shows…">
          {(page) => page.items.length === 0
            ? <Empty title="Nobody is live right now">Upcoming shows are below — follow a host to hear when they go live.</Empty>
            : <div class="cards">{page.items.map((show) => <ShowCard show={show} />)}</div>}
        </Loaded>
      </section>
      <section class="section" aria-labelledby="upcoming">
        <div class="section-head"><h2 id="upcoming">Coming up</h2></div>
        <Loaded state={upcoming} label="Loading the schedule…">
          {(page) => page.items.length === 0
            ? <Empty title="No shows scheduled yet" />
            : <div class="cards">{page.items.map((show) => <ShowCard show={show} />)}</div>}
        </Loaded>
      </section>
    </Page>
  );
}

export function ShowCard({ show }: { show: Show }) {
  const isLive = show.status === 'live';
  return (
    <a class="show-card" href={`/shows/${show.id}`} data-show-id={show.id}>
      <div class="cover">
        {show.coverImageUrl ? <img src={show.coverImageUrl} alt="" loading="lazy" /> : <span class="cover-letter" aria-hidden="true">{show.title.charAt(0)}</span>}
        {isLive && <span class="pill pill-live"><span class="live-dot" />LIVE</span>}
        {isLive && <span class="pill pill-dark" aria-label={`${show.viewerCount ?? 0} watching`}><Icon name="eye" /> {compact(show.viewerCount)}</span>}
      </div>
      <div class="body">
        <div class="title">{show.title}</div>
        <div class="muted small">{show.host?.displayName ?? 'Host'} · {titleCase(show.category)}</div>
        {!isLive && show.status === 'scheduled' && <div class="small"><time dateTime={show.scheduledAt}>{when(show.scheduledAt)}</time> · {fromNow(show.scheduledAt)}</div>}
      </div>
    </a>
  );
}
