import { useState } from 'preact/hooks';
import { api } from '../api';
import { money, titleCase, when } from '../format';
import { navigate, usePlace } from '../router';
import { SearchBox } from '../search/search-box';
import { Empty, Loaded, Page, useAsync } from '../ui';

interface Hit {
  kind: 'product' | 'lot' | 'show' | 'seller' | 'instrument';
  id?: number;
  symbol?: string;
  title?: string;
  name?: string;
  displayName?: string;
  category?: string;
  condition?: string;
  priceCents?: number;
  currentPriceCents?: number;
  imageUrl?: string | null;
  coverImageUrl?: string | null;
  status?: string;
  endsAt?: string | null;
  scheduledAt?: string;
  hostName?: string;
  sellerName?: string;
  showTitle?: string;
  inStock?: boolean;
  href: string;
}

interface Results {
  items: Hit[];
  nextAfter: string | null;
}

const KINDS = [
  { key: 'products', label: 'Products' },
  { key: 'lots', label: 'Lots' },
  { key: 'shows', label: 'Shows' },
  { key: 'sellers', label: 'Sellers' },
  { key: 'instruments', label: 'Market' },
];

const SORTS: Record<string, { key: string; label: string }[]> = {
  products: [{ key: 'relevance', label: 'Best match' }, { key: 'newest', label: 'Newest' }, { key: 'price_asc', label: 'Price: low to high' }, { key: 'price_desc', label: 'Price: high to low' }],
  lots: [{ key: 'relevance', label: 'Best match' }, { key: 'ending_soon', label: 'Ending soon' }, { key: 'newest', label: 'Newest' }, { key: 'price_asc', label: 'Price: low to high' }, { key: 'price_desc', label: 'Price: high to low' }],
  shows: [{ key: 'relevance', label: 'Best match' }, { key: 'newest', label: 'Newest' }],
  sellers: [{ key: 'relevance', label: 'Best match' }, { key: 'newest', label: 'Newest' }],
  instruments: [{ key: 'relevance', label: 'Best match' }, { key: 'newest', label: 'Newest' }, { key: 'price_asc', label: 'Price: low to high' }, { key: 'price_desc', label: 'Price: high to low' }],
};

const CONDITIONS = ['new', 'like_new', 'good', 'fair', 'poor', 'refurbished'];

/** Which filters each kind takes (the API refuses the others). */
const FILTERS: Record<string, string[]> = {
  products: ['category', 'price', 'condition', 'live', 'inStock'],
  lots: ['category', 'price', 'condition', 'live'],
  shows: ['category', 'live'],
  sellers: [],
  instruments: ['price'],
};

const PASSED = ['q', 'kind', 'sort', 'category', 'minPrice', 'maxPrice', 'condition', 'live', 'inStock'];

function dollarsToCents(text: string): string | null {
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? null : String(Math.round(value * 100));
}

/** /search: results of one kind with the filters and sorts that kind takes; more on request. */
export function SearchPage() {
  const place = usePlace();
  const query = place.query;
  const kind = KINDS.some((k) => k.key === query.get('kind')) ? query.get('kind')! : 'products';
  const q = query.get('q') ?? '';
  const filters = FILTERS[kind];
  const params = new URLSearchParams();
  for (const name of PASSED) {
    const value = query.get(name);
    if (value) params.set(name, value);
  }
  params.set('kind', kind);
  params.set('limit', '24');
  const key = params.toString();
  const results = useAsync((signal) => api.get<Results>(`/api/search?${key}`, { signal }), [key]);
  const [more, setMore] = useState(false);

  const change = (updates: Record<string, string | null>) => {
    const next = new URLSearchParams(place.query);
    for (const [name, value] of Object.entries(updates)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('after' in updates)) next.delete('after');
    navigate(`/search?${next}`, { replace: true });
  };
  const loadMore = async () => {
    if (!results.data?.nextAfter) return;
    setMore(true);
    try {
      const page = await api.get<Results>(`/api/search?${key}&after=${encodeURIComponent(results.data.nextAfter)}`);
      results.setData((current) => ({ items: [...(current?.items ?? []), ...page.items], nextAfter: page.nextAfter }));
    } finally {
      setMore(false);
    }
  };

  return (
    <Page title={q ? `“${q}”` : 'Search'} heading={q ? <>Results for “{q}”</> : 'Search'} wide>
      <SearchBox initial={q} key={q} />
      <nav class="section chips" aria-label="What to find">
        {KINDS.map((k) => (
          <a class="chip" href={`/search?${new URLSearchParams({ ...(q ? { q } : {}), kind: k.key })}`} aria-current={k.key === kind ? 'true' : undefined}>{k.label}</a>
        ))}
      </nav>
      <form class="section search-filters" aria-label="Filters" onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget as HTMLFormElement);
        change({
          minPrice: dollarsToCents(String(form.get('minPrice') ?? '')),
          maxPrice: dollarsToCents(String(form.get('maxPrice') ?? '')),
          category: String(form.get('category') ?? '').trim() || null,
        });
      }}>
        <label class="field-inline">Sort
          <select name="sort" value={query.get('sort') ?? 'relevance'} onChange={(e) => change({ sort: (e.target as HTMLSelectElement).value })}>
            {SORTS[kind].map((s) => <option value={s.key}>{s.label}</option>)}
          </select>
        </label>
        {filters.includes('condition') && (
          <label class="field-inline">Condition
            <select name="condition" value={query.get('condition') ?? ''} onChange={(e) => change({ condition: (e.target as HTMLSelectElement).value || null })}>
              <option value="">Any</option>
              {CONDITIONS.map((c) => <option value={c}>{titleCase(c.replace('_', '-'))}</option>)}
            </select>
          </label>
        )}
        {filters.includes('live') && (
          <label class="field-inline check"><input type="checkbox" checked={query.get('live') === 'true'}
            onChange={(e) => change({ live: (e.target as HTMLInputElement).checked ? 'true' : null })} /> Live now</label>
        )}
        {filters.includes('inStock') && (
          <label class="field-inline check"><input type="checkbox" checked={query.get('inStock') === 'true'}
            onChange={(e) => change({ inStock: (e.target as HTMLInputElement).checked ? 'true' : null })} /> In stock</label>
        )}
        {filters.includes('category') && (
          <label class="field-inline">Category
            <input name="category" size={12} defaultValue={query.get('category') ?? ''} placeholder="any" />
          </label>
        )}
        {filters.includes('price') && (
          <>
            <label class="field-inline">Min $<input name="minPrice" type="number" min="0" step="0.01" size={6}
              defaultValue={query.get('minPrice') ? String(Number(query.get('minPrice')) / 100) : ''} /></label>
            <label class="field-inline">Max $<input name="maxPrice" type="number" min="0" step="0.01" size={6}
              defaultValue={query.get('maxPrice') ? String(Number(query.get('maxPrice')) / 100) : ''} /></label>
          </>
        )}
        {(filters.includes('price') || filters.includes('category')) && <button type="submit" class="button small">Apply</button>}
      </form>
      <section class="section" aria-label="Results">
        <Loaded state={results} label="Searching…">
          {(page) => page.items.length === 0
            ? <Empty title="Nothing matches">Try fewer words, another spelling, or fewer filters.</Empty>
            : (
              <>
                <ul class="cards search-results" style="list-style:none;padding:0">
                  {page.items.map((hit) => <li><HitCard hit={hit} /></li>)}
                </ul>
                {page.nextAfter && <button type="button" class="button section" disabled={more} onClick={loadMore}>{more ? 'Loading…' : 'More results'}</button>}
              </>
            )}
        </Loaded>
      </section>
    </Page>
  );
}

function HitCard({ hit }: { hit: Hit }) {
  const title = hit.title ?? hit.name ?? hit.displayName ?? hit.symbol ?? '';
  const picture = hit.imageUrl ?? hit.coverImageUrl;
  let detail = '';
  if (hit.kind === 'product') detail = `${money(hit.priceCents)} · ${titleCase(hit.condition ?? '')}${hit.inStock === false ? ' · Sold out' : ''}`;
  else if (hit.kind === 'lot') detail = `${money(hit.currentPriceCents)} · ${hit.status === 'open' ? `ends ${when(hit.endsAt)}` : 'coming up'} · ${hit.showTitle ?? ''}`;
  else if (hit.kind === 'show') detail = `${hit.hostName ?? ''} · ${hit.status === 'live' ? 'Live now' : hit.status === 'scheduled' ? when(hit.scheduledAt) : 'Replay'}`;
  else if (hit.kind === 'instrument') detail = `${hit.symbol} · ${money(hit.priceCents)} a share`;
  else detail = 'Seller';
  return (
    <a class="show-card" href={hit.href} data-kind={hit.kind} data-id={hit.id ?? hit.symbol}>
      <div class="cover">{picture ? <img src={picture} alt="" loading="lazy" /> : <span class="cover-letter" aria-hidden="true">{title.charAt(0)}</span>}
        {hit.status === 'live' && <span class="pill pill-live"><span class="live-dot" />LIVE</span>}
      </div>
      <div class="body"><div class="title">{title}</div><div class="small muted">{detail}</div></div>
    </a>
  );
}
