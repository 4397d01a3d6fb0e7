import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money, parseCents } from '../format';
import { navigate, usePlace } from '../router';
import { live } from '../live';
import { hasRole, useSession } from '../session';
import { toast } from '../toasts';
import type { Product } from '../types';
import { Empty, ErrorNote, Field, formValues, Loaded, Page, Submit, useAction, useAsync } from '../ui';
import { Tabs } from '../ui-tabs';
import { SellerOrders } from '../seller/orders';
import { SellerReturns } from '../seller/returns';
import { SalesAnalytics } from '../seller/analytics';
import { Payouts } from '../seller/payouts';
import { Partnerships } from '../seller/partnerships';
import { PhotoField } from '../photo-field';

const TABS = [
  { id: 'inventory', label: 'Inventory' },
  { id: 'import', label: 'Import CSV' },
  { id: 'orders', label: 'Orders to ship' },
  { id: 'returns', label: 'Return requests' },
  { id: 'sales', label: 'Sales' },
  { id: 'payouts', label: 'Payouts' },
  { id: 'shares', label: 'Sell as shares' },
  { id: 'creators', label: 'Creators' },
];

export function SellerPage() {
  const session = useSession();
  const place = usePlace();
  const tab = place.query.get('tab') ?? 'inventory';
  if (!session) return <Page title="Seller dashboard"><p>Log in to sell.</p><a class="button primary" href="/login?next=/seller">Log in</a></Page>;
  if (!hasRole(session, 'seller')) {
    return <Page title="Seller dashboard"><p>You are not a seller yet.</p><a class="button primary" href="/account">Become a seller</a></Page>;
  }
  return (
    <Page title="Seller dashboard" wide>
      <Tabs tabs={TABS} selected={tab} label="Seller dashboard" onSelect={(id) => navigate(`/seller?tab=${id}`, { replace: true })}>
        {tab === 'inventory' && <Inventory sellerId={session.user.id} />}
        {tab === 'import' && <CsvImport />}
        {tab === 'orders' && <SellerOrders />}
        {tab === 'returns' && <SellerReturns />}
        {tab === 'sales' && <SalesAnalytics />}
        {tab === 'payouts' && <Payouts />}
        {tab === 'shares' && <ListShares sellerId={session.user.id} />}
        {tab === 'creators' && <Partnerships as="seller" />}
      </Tabs>
    </Page>
  );
}

function Inventory({ sellerId }: { sellerId: number }) {
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const products = useAsync((signal) => api.get<{ items: Product[] }>(
    `/api/products?sellerId=${sellerId}&limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`, { signal }), [q]);
  return (
    <section aria-labelledby="inventory-title">
      <div class="section-head">
        <h2 id="inventory-title">Your products</h2>
        <button type="button" class="button primary" aria-expanded={adding ? 'true' : 'false'} onClick={() => setAdding((a) => !a)}>Add a product</button>
      </div>
      {adding && <ProductForm onSaved={() => {
        setAdding(false);
        products.reload();
      }} />}
      <form role="search" class="row" onSubmit={(e) => {
        e.preventDefault();
        setQ(String(new FormData(e.currentTarget as HTMLFormElement).get('q') ?? '').trim());
      }}>
        <label for="inventory-q" class="visually-hidden">Search your products</label>
        <input id="inventory-q" name="q" type="search" placeholder="Search by title, SKU or category" style="flex:1;max-width:420px" />
        <button class="button" type="submit">Search</button>
      </form>
      <Loaded state={products} label="Loading your products…">
        {(page) => page.items.length === 0
          ? <Empty title={q ? 'Nothing matches' : 'No products yet'}>{q ? 'Try another word.' : 'Add one, or import a CSV file.'}</Empty>
          : (
            <div class="table-wrap section">
              <table data-testid="inventory" class="stack-phone">
                <thead><tr><th scope="col">Product</th><th scope="col">SKU</th><th scope="col" class="num">Price</th><th scope="col" class="num">In stock</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
                <tbody>{page.items.map((p) => <InventoryRow product={p} onChanged={products.reload} />)}</tbody>
              </table>
            </div>
          )}
      </Loaded>
    </section>
  );
}

function InventoryRow({ product, onChanged }: { product: Product & { sku?: string; status?: string }; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [save, busy, error] = useAction(async (values: Record<string, string>) => {
    const priceCents = parseCents(values.price);
    if (priceCents === null || !/^\d+$/.test(values.quantity)) throw new Error('bad input');
    await api.patch(`/api/products/${product.id}`, { priceCents, quantity: Number(values.quantity) });
    setEditing(false);
    toast(`Saved ${product.title}.`, 'success');
    onChanged();
  });
  const archive = () => api.del(`/api/products/${product.id}`)
    .then(() => {
      toast(`${product.title} is archived.`);
      onChanged();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  if (editing) {
    return (
      <tr>
        <td colSpan={5}>
          <form class="row" onSubmit={(e) => save(formValues(e))} aria-label={`Edit ${product.title}`}>
            <strong>{product.title}</strong>
            <Field label="Price ($)" name="price" defaultValue={(product.priceCents / 100).toFixed(2)} inputMode="decimal" required />
            <Field label="In stock" name="quantity" defaultValue={String(product.quantity ?? 0)} inputMode="numeric" required />
            <Submit busy={busy} class="button primary small">Save</Submit>
            <button type="button" class="button ghost small" onClick={() => setEditing(false)}>Cancel</button>
          </form>
          {error !== undefined && <p class="field-error" role="alert">{error instanceof Error && error.message === 'bad input' ? 'Enter a price like 12.50 and a whole number in stock.' : plainWords(error)}</p>}
        </td>
      </tr>
    );
  }
  return (
    <tr data-product-id={product.id}>
      <td>{product.title}<div class="small muted">{product.category}</div></td>
      <td class="small" data-label="SKU">{product.sku}</td>
      <td class="num" data-label="Price">{money(product.priceCents)}</td>
      <td class="num" data-label="In stock">{product.quantity}</td>
      <td class="row" style="justify-content:flex-end">
        <button type="button" class="button small" onClick={() => setEditing(true)} aria-label={`Edit ${product.title}`}>Edit</button>
        <button type="button" class="button ghost small" onClick={archive} aria-label={`Archive ${product.title}`}>Archive</button>
      </td>
    </tr>
  );
}

function ProductForm({ onSaved }: { onSaved: () => void }) {
  const [priceError, setPriceError] = useState<string | null>(null);
  const [save, busy, error] = useAction(async (values: Record<string, string>) => {
    const priceCents = parseCents(values.price);
    if (priceCents === null) {
      setPriceError('Enter a price in dollars, like 12.50.');
      return;
    }
    setPriceError(null);
    await api.post('/api/products', {
      title: values.title.trim(),
      category: values.category.trim().toLowerCase().replace(/\s+/g, '-'),
      priceCents,
      quantity: Number(values.quantity || '1'),
      ...(values.description.trim() ? { description: values.description.trim() } : {}),
      ...(values.imageUrl.trim() ? { imageUrls: [values.imageUrl.trim()] } : {}),
    });
    toast(`${values.title} is listed.`, 'success');
    onSaved();
  });
  return (
    <form class="card section" onSubmit={(e) => save(formValues(e))} aria-label="New product">
      <div class="grid-2">
        <Field label="Title" name="title" required maxLength={200} />
        <Field label="Category" name="category" required maxLength={60} hint="For example sneakers or trading-cards." />
        <Field label="Price ($)" name="price" required inputMode="decimal" error={priceError} />
        <Field label="In stock" name="quantity" required inputMode="numeric" defaultValue="1" />
      </div>
      <PhotoField label="Photo" name="imageUrl" purpose="product" />
      <div class="field">
        <label for="product-description">Description</label>
        <textarea id="product-description" name="description" maxLength={5000} />
      </div>
      {error !== undefined && <ErrorNote error={error} />}
      <Submit busy={busy}>List the product</Submit>
    </form>
  );
}

/** A background import (POST /api/products/import-jobs); `results` once it is done. */
interface ImportJob {
  id: number;
  status: 'running' | 'done';
  rowsTotal: number;
  rowsDone: number;
  created: number;
  updated: number;
  refused: number;
  results?: { line: number; sku?: string; status: 'created' | 'updated' | 'refused'; productId?: number; reason?: string }[];
}

/**
 * The import runs as a job on the server (up to 50,000 rows, surviving a restart): the bar follows
 * its `import.progress` frames on the seller's `me` topic, with a slow poll in case a frame is missed
 * while the socket reconnects; the per-row report is read once the job is done.
 */
function useImportJob(id: number | null): ImportJob | null {
  const [job, setJob] = useState<ImportJob | null>(null);
  useEffect(() => {
    if (id === null) return;
    let stopped = false;
    const read = async () => {
      const current = await api.get<ImportJob>(`/api/products/import-jobs/${id}`);
      if (!stopped) setJob(current);
      return current;
    };
    const stopFrames = live.subscribe('me', (frame) => {
      const data = frame.data as ImportJob | undefined;
      if (frame.type !== 'import.progress' || data?.id !== id) return;
      if (data.status === 'done') void read();
      else setJob((current) => (current?.status === 'done' ? current : data));
    });
    const poll = window.setInterval(() => {
      void read().then((current) => current.status === 'done' && window.clearInterval(poll));
    }, 2000);
    void read();
    return () => { stopped = true; stopFrames(); window.clearInterval(poll); };
  }, [id]);
  return job;
}

function CsvImport() {
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useImportJob(jobId);
  const [upload, busy, error] = useAction(async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('csv') as HTMLInputElement).files?.[0];
    const pasted = (form.elements.namedItem('pasted') as HTMLTextAreaElement).value;
    const text = file ? await file.text() : pasted;
    if (!text.trim()) throw new Error('empty');
    const started = await api.post<ImportJob>('/api/products/import-jobs', undefined, { text, contentType: 'text/csv' });
    setJobId(started.id);
  });
  const running = job !== null && job.status === 'running';
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import products from a CSV file</h2>
      <p class="muted">One product per row (up to 50,000); a header row names the columns: <code>sku, title, category, quantity, price</code> and optionally <code>description, condition, shipping, imageUrls</code>. Rows with a SKU you already use update that product. Large files import in the background: you can leave this page and come back.</p>
      <form class="card" onSubmit={upload}>
        <div class="field">
          <label for="csv-file">CSV file</label>
          <input id="csv-file" name="csv" type="file" accept=".csv,text/csv,text/plain" />
        </div>
        <div class="field">
          <label for="csv-pasted">…or paste the rows</label>
          <textarea id="csv-pasted" name="pasted" placeholder={'sku,title,category,quantity,price\nCARD-1,Rookie card,trading-cards,3,24.00'} />
        </div>
        {error !== undefined && (error instanceof Error && error.message === 'empty'
          ? <p class="field-error" role="alert">Choose a file or paste some rows first.</p> : <ErrorNote error={error} />)}
        <Submit busy={busy || running}>Import</Submit>
      </form>
      {running && (
        <div class="section" data-testid="import-progress">
          <label for="import-bar">Importing: {job.rowsDone.toLocaleString()} of {job.rowsTotal.toLocaleString()} rows</label>
          <progress id="import-bar" max={job.rowsTotal} value={job.rowsDone} />
        </div>
      )}
      {job?.status === 'done' && (
        <div class="section" data-testid="import-report">
          <p role="status"><strong>{job.rowsTotal} rows:</strong> {job.created} created, {job.updated} updated, {job.refused} refused.</p>
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col" class="num">Line</th><th scope="col">SKU</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
              <tbody>
                {shownRows(job.results ?? []).map((r) => (
                  <tr class={r.status === 'refused' ? 'refused' : ''}>
                    <td class="num">{r.line}</td><td>{r.sku ?? '—'}</td>
                    <td class={r.status === 'refused' ? 'down' : 'up'}>{r.status}</td><td>{r.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(job.results?.length ?? 0) > REPORT_ROWS && (
            <p class="muted">Showing {REPORT_ROWS} of {job.results?.length.toLocaleString()} rows, refused ones first.</p>
          )}
        </div>
      )}
    </section>
  );
}

/** Rows the report draws: a 50,000-row table would stall a phone, and the refused rows matter most. */
const REPORT_ROWS = 200;

function shownRows<T extends { status: string }>(rows: T[]): T[] {
  if (rows.length <= REPORT_ROWS) return rows;
  const refused = rows.filter((r) => r.status === 'refused');
  return [...refused, ...rows.filter((r) => r.status !== 'refused')].slice(0, REPORT_ROWS);
}

function ListShares({ sellerId }: { sellerId: number }) {
  const products = useAsync((signal) => api.get<{ items: Product[] }>(`/api/products?sellerId=${sellerId}&limit=100`, { signal }), []);
  const [save, busy, error] = useAction(async (values: Record<string, string>) => {
    const referencePriceCents = parseCents(values.price);
    if (referencePriceCents === null) throw new Error('price');
    await api.post('/api/market/instruments', {
      symbol: values.symbol.trim().toUpperCase(),
      name: values.name.trim(),
      totalShares: Number(values.shares),
      referencePriceCents,
      ...(values.productId ? { productId: Number(values.productId) } : {}),
    });
    toast(`${values.symbol.toUpperCase()} is waiting for approval. You hold every share.`, 'success');
  });
  return (
    <section aria-labelledby="shares-title">
      <h2 id="shares-title">List an item as shares</h2>
      <p class="muted">Split a valuable item into shares that people trade on the market. You start with every share; an admin approves the listing before trading starts.</p>
      <form class="card form-narrow" style="margin:0" onSubmit={(e) => save(formValues(e))}>
        <Field label="Symbol" name="symbol" required maxLength={12} pattern="[A-Za-z][A-Za-z0-9]{0,11}" hint="1–12 letters or digits, starting with a letter, like JORDAN1." />
        <Field label="Name" name="name" required maxLength={120} />
        <div class="field">
          <label for="shares-product">Item (optional)</label>
          <select id="shares-product" name="productId">
            <option value="">No linked product</option>
            {products.data?.items.map((p) => <option value={p.id}>{p.title}</option>)}
          </select>
        </div>
        <div class="grid-2">
          <Field label="Shares" name="shares" required inputMode="numeric" defaultValue="1000" />
          <Field label="Price per share ($)" name="price" required inputMode="decimal" defaultValue="10.00" />
        </div>
        {error !== undefined && (error instanceof Error && error.message === 'price' ? <p class="field-error" role="alert">Enter a price like 10.00.</p> : <ErrorNote error={error} />)}
        <Submit busy={busy}>Ask for approval</Submit>
      </form>
    </section>
  );
}
