import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api';
import { compact, fromNow, money, titleCase, when } from '../format';
import { Icon } from '../icons';
import { navigate, usePlace } from '../router';
import type { Page as ShowPage, Product, Show } from '../types';
import { Empty, ErrorNote, Loaded, Page, useAsync } from '../ui';

const LIVE_REFRESH_MS = 15_000;

function showsQuery(status: string, category: string | null, limit: number) {
  const query = new URLSearchParams({ status, limit: String(limit) });
  if (category) query.set('category', category);
  return `/api/shows?${query}`;
}

/** Products search; an empty list while the catalogue is not reachable, so shows still work. */
async function searchProducts(q: string, signal?: AbortSignal): Promise<Product[]> {
  try {
    const found = await api.get<Product[] | ShowPage<Product>>(`/api/products?q=${encodeURIComponent(q)}&limit=8`, { signal });
    return Array.isArray(found) ? found : found.items;
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 405)) return [];
    throw error;
  }
}

export function Discover() {
  const place = usePlace();
  const category = place.query.get('category');
  const q = place.query.get('q')?.trim() ?? '';
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
      <SearchBox shows={known} initial={q} />
      <nav class="section chips" aria-label="Categories">
        <a class="chip" href="/" aria-current={!category ? 'true' : undefined}>All</a>
        {categories.map((c) => (
          <a class="chip" href={`/?category=${encodeURIComponent(c)}`} aria-current={c === category ? 'true' : undefined}>{titleCase(c)}</a>
        ))}
      </nav>
      {q && <SearchResults q={q} shows={known} />}
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

interface Suggestion {
  label: string;
  kind: string;
  href: string;
}

function SearchBox({ shows, initial }: { shows: Show[]; initial: string }) {
  const [text, setText] = useState(initial);
  const [products, setProducts] = useState<Product[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const box = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setProducts([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      searchProducts(q, controller.signal).then(setProducts).catch(() => setProducts([]));
    }, 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  const needle = text.trim().toLowerCase();
  const suggestions: Suggestion[] = needle.length < 1 ? [] : [
    ...shows.filter((s) => s.title.toLowerCase().includes(needle) || (s.host?.displayName ?? '').toLowerCase().includes(needle))
      .slice(0, 5).map((s) => ({ label: s.title, kind: s.status === 'live' ? 'Live show' : 'Show', href: `/shows/${s.id}` })),
    ...[...new Set(shows.map((s) => s.category))].filter((c) => c.includes(needle.replace(/\s+/g, '-')))
      .slice(0, 3).map((c) => ({ label: titleCase(c), kind: 'Category', href: `/?category=${encodeURIComponent(c)}` })),
    ...products.slice(0, 5).map((p) => ({ label: p.title, kind: money(p.priceCents), href: `/products/${p.id}` })),
  ];
  const expanded = open && suggestions.length > 0;

  const go = (href: string) => {
    setOpen(false);
    navigate(href);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(suggestions.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(-1, i - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      go(suggestions[active].href);
    }
  };
  return (
    <form class="search" role="search" ref={box} onSubmit={(e) => {
      e.preventDefault();
      go(text.trim() ? `/?q=${encodeURIComponent(text.trim())}` : '/');
    }} onFocusOut={(e) => {
      if (!box.current?.contains(e.relatedTarget as Node)) setOpen(false);
    }}>
      <label for="search" class="visually-hidden">Search shows, hosts and products</label>
      <Icon name="search" />
      <input id="search" type="search" value={text} placeholder="Search shows, hosts and products" autoComplete="off"
        role="combobox" aria-expanded={expanded ? 'true' : 'false'} aria-controls="search-suggestions" aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `suggestion-${active}` : undefined}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKey} onFocus={() => setOpen(true)} />
      <ul id="search-suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden={!expanded}>
        {suggestions.map((s, i) => (
          <li id={`suggestion-${i}`} role="option" aria-selected={i === active ? 'true' : 'false'}
            onMouseDown={(e) => {
              e.preventDefault();
              go(s.href);
            }}>
            <span>{s.label}</span><span class="kind">{s.kind}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}

function SearchResults({ q, shows }: { q: string; shows: Show[] }) {
  const products = useAsync((signal) => searchProducts(q, signal), [q]);
  const needle = q.toLowerCase();
  const matching = shows.filter((s) => `${s.title} ${s.host?.displayName ?? ''} ${s.category}`.toLowerCase().includes(needle));
  return (
    <section class="section" aria-labelledby="results">
      <div class="section-head">
        <h2 id="results">Results for “{q}”</h2>
        <a href="/" class="small">Clear search</a>
      </div>
      {matching.length > 0 && <div class="cards">{matching.map((show) => <ShowCard show={show} />)}</div>}
      {products.error !== undefined && <ErrorNote error={products.error} retry={products.reload} />}
      {products.data && products.data.length > 0 && (
        <>
          <h3 class="section">Products</h3>
          <ul class="cards" style="list-style:none;padding:0">
            {products.data.map((p) => (
              <li>
                <a class="show-card" href={`/products/${p.id}`}>
                  <div class="cover">{p.imageUrls?.[0] ? <img src={p.imageUrls[0]} alt="" loading="lazy" /> : <span class="cover-letter" aria-hidden="true">{p.title.charAt(0)}</span>}</div>
                  <div class="body"><div class="title">{p.title}</div><div class="small">{money(p.priceCents)}</div></div>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {!products.loading && matching.length === 0 && (products.data?.length ?? 0) === 0 && (
        <Empty title="Nothing matches yet">Try another word, or browse the categories.</Empty>
      )}
    </section>
  );
}
