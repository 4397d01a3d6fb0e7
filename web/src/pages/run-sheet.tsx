import { useEffect, useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { compact, money, parseCents, titleCase, when } from '../format';
import { live } from '../live';
import { useSession } from '../session';
import { Chat } from '../show/chat';
import { useLiveLot } from '../show/lot';
import { LotPanel } from '../show/lot-panel';
import { Camera } from '../studio/camera';
import { toast } from '../toasts';
import type { ChatMessage, Lot, Poll, Product, Question, Show } from '../types';
import { ErrorNote, Field, formValues, Loading, Page, Submit, useAction, useAsync } from '../ui';
import { items } from './show';

/** The host's control room for one show: go live, queue and run lots, sales tools, chat. */
export function RunSheetPage({ id }: { id: number }) {
  const session = useSession();
  const loaded = useAsync((signal) => api.get<Show>(`/api/shows/${id}`, { signal }), [id]);
  const [show, setShow] = useState<Show | null>(null);
  const [lots, setLots] = useState<Lot[]>([]);
  const [viewers, setViewers] = useState(0);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [poll, setPoll] = useState<Poll | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const openLot = lots.find((l) => l.status === 'open') ?? null;
  const [stageLot, offerLot] = useLiveLot(openLot?.id ?? null, openLot);

  useEffect(() => {
    if (loaded.data) setShow(loaded.data);
  }, [loaded.data]);

  const reloadLots = () => api.get<{ lots: Lot[] }>(`/api/shows/${id}/lots`).then((answer) => setLots(items(answer))).catch(() => undefined);
  useEffect(() => {
    reloadLots();
  }, [id]);

  useEffect(() => live.subscribe(`show:${id}`, (frame) => {
    const data = frame.data ?? {};
    switch (frame.type) {
      case 'snapshot':
        if (data.show) setShow(data.show);
        if (typeof data.viewerCount === 'number') setViewers(data.viewerCount);
        if (Array.isArray(data.recentChat)) setChat(data.recentChat);
        setPoll(data.activePoll ?? null);
        if (Array.isArray(data.questions)) setQuestions(data.questions);
        break;
      case 'viewers':
        if (typeof data.count === 'number') setViewers(data.count);
        break;
      case 'chat.message':
        setChat((c) => [...c.filter((m) => m.id !== data.id), data].slice(-200));
        break;
      case 'chat.deleted':
        setChat((c) => c.filter((m) => m.id !== data.id));
        break;
      case 'poll.opened':
      case 'poll.results':
      case 'poll.closed':
        setPoll(data);
        break;
      case 'question.asked':
      case 'question.upvoted':
      case 'question.answered':
        setQuestions((q) => [data, ...q.filter((x) => x.id !== data.id)]);
        break;
      case 'show.updated':
      case 'show.started':
      case 'show.ended':
        setShow((s) => ({ ...(s ?? {}), ...data }));
        break;
      case 'lot.opened':
      case 'lot.closed':
      case 'lot.cancelled':
      case 'lot.unpaid':
      case 'lot.offered':
      case 'lot.offer_accepted':
      case 'lot.offer_declined':
      case 'lot.offer_expired':
        reloadLots();
        break;
    }
  }), [id]);

  const [act, acting, actError] = useAction(async (action: 'start' | 'end') => {
    const updated = await api.post<Show>(`/api/shows/${id}/${action}`);
    setShow(updated);
    toast(action === 'start' ? 'You are live!' : 'The show has ended.', 'success');
  });

  if (!show) return <Page title="Run sheet">{loaded.error !== undefined ? <ErrorNote error={loaded.error} retry={loaded.reload} /> : <Loading />}</Page>;
  if (session && show.hostId !== session.user.id) {
    return <Page title={show.title}><p>Only the host runs this show. <a href={`/shows/${id}`}>Watch it instead</a>.</p></Page>;
  }
  const isLive = show.status === 'live';
  const sales = lots.filter((l) => l.status === 'sold').reduce((n, l) => n + (l.hammerPriceCents ?? l.currentPriceCents), 0);
  return (
    <Page title={`Run sheet · ${show.title}`} heading={show.title} wide actions={
      <>
        <a class="button ghost" href={`/shows/${id}`}>Viewer page</a>
        {show.status === 'scheduled' && <button type="button" class="button primary" disabled={acting} onClick={() => act('start')}>Go live</button>}
        {isLive && <button type="button" class="button danger" disabled={acting} onClick={() => act('end')}>End show</button>}
      </>
    }>
      {actError !== undefined && <ErrorNote error={actError} />}
      <div class="stats">
        <div class="stat"><span class="stat-label">Status</span><strong data-testid="show-status">{isLive ? 'Live' : titleCase(show.status)}</strong></div>
        <div class="stat"><span class="stat-label">Watching</span><strong data-testid="studio-viewers">{compact(viewers)}</strong></div>
        <div class="stat"><span class="stat-label">Sold this show</span><strong data-testid="studio-sales">{money(sales)}</strong></div>
        <div class="stat"><span class="stat-label">Lots sold</span><strong>{lots.filter((l) => l.status === 'sold').length} of {lots.length}</strong></div>
      </div>
      <p class="muted small section">Scheduled for {when(show.scheduledAt)} · {titleCase(show.category)}</p>
      {(show.status === 'scheduled' || isLive) && <SavedCardRule show={show} onShow={setShow} />}
      <div class="show-layout section">
        <div class="show-main">
          <section class="card" aria-labelledby="camera-title"><h2 id="camera-title">Camera</h2><Camera showId={id} live={isLive} /></section>
          <LotQueue showId={id} lots={lots} live={isLive} onChange={reloadLots} />
          {isLive && <SalesTools showId={id} poll={poll} onPoll={setPoll} />}
        </div>
        <div class="show-side">
          {stageLot && <LotPanel lot={stageLot} onLot={offerLot} showId={id} />}
          <Chat showId={id} messages={chat} canChat={isLive} moderator onDelete={(mid) => setChat((c) => c.filter((m) => m.id !== mid))} />
          <HostQuestions questions={questions} />
        </div>
      </div>
    </Page>
  );
}

function LotQueue({ showId, lots, live, onChange }: { showId: number; lots: Lot[]; live: boolean; onChange: () => void }) {
  const session = useSession();
  const products = useAsync((signal) => api.get<{ items: Product[] }>(`/api/products?sellerId=${session?.user.id}&limit=100`, { signal })
    .catch(() => ({ items: [] as Product[] })), [session?.user.id]);
  const titles = new Map((products.data?.items ?? []).map((p) => [p.id, p.title]));
  const anyOpen = lots.some((l) => l.status === 'open');
  const [run, busy] = useAction(async (lot: Lot, action: 'start' | 'cancel' | 'runner-up-offer') => {
    try {
      const answer = await api.post<Lot>(`/api/lots/${lot.id}/${action}`, undefined,
        action === 'runner-up-offer' ? { idempotencyKey: idempotencyKey() } : undefined);
      toast(action === 'start' ? `Lot ${lot.position ?? lot.id} is open for bids.` : action === 'cancel' ? 'Lot withdrawn.'
        : `Offered to the runner-up at ${money(answer.offer?.priceCents)}. They have a day to pay.`, 'success');
      onChange();
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  });
  const move = async (index: number, by: number) => {
    const queued = lots.filter((l) => l.status === 'queued');
    const order = queued.map((l) => l.id);
    const from = order.indexOf(lots[index].id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to], order[from]];
    try {
      await api.put(`/api/shows/${showId}/lots/order`, { lotIds: order });
      onChange();
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };
  return (
    <section class="card" aria-labelledby="lots-title">
      <h2 id="lots-title">Run sheet</h2>
      {lots.length === 0 ? <p class="muted">No lots yet. Queue the first below.</p> : (
        <ol class="run-sheet">
          {lots.map((lot, index) => (
            <li data-lot-id={lot.id} data-lot-status={lot.status} class={`lot-row lot-${lot.status}`}>
              <span class="lot-name">{titles.get(lot.productId) ?? `Product ${lot.productId}`}</span>
              <span class="small muted">from {money(lot.startingPriceCents)} · {lot.durationSeconds}s · {lot.mode === 'sudden_death' ? 'sudden death' : 'standard'}</span>
              <span class="pill pill-soft">{LOT_STATUS[lot.status] ?? lot.status}{lot.status === 'sold' ? ` ${money(lot.hammerPriceCents ?? lot.currentPriceCents)}` : ''}
                {lot.status === 'offered' && lot.offer ? ` at ${money(lot.offer.priceCents)}` : ''}</span>
              <span class="row lot-actions">
                {lot.status === 'queued' && (
                  <>
                    <button type="button" class="button ghost small" onClick={() => move(index, -1)} aria-label={`Move lot ${lot.position ?? lot.id} up`}>↑</button>
                    <button type="button" class="button ghost small" onClick={() => move(index, 1)} aria-label={`Move lot ${lot.position ?? lot.id} down`}>↓</button>
                    <button type="button" class="button primary small" disabled={!live || anyOpen || busy} onClick={() => run(lot, 'start')}>Start</button>
                  </>
                )}
                {lot.status === 'unpaid' && lot.runnerUpOfferPossible && (
                  <button type="button" class="button primary small" disabled={busy} onClick={() => run(lot, 'runner-up-offer')}>Offer to the runner-up</button>
                )}
                {lot.status === 'unpaid' && !lot.runnerUpOfferPossible && <span class="small muted">no runner-up to offer it to</span>}
                {(lot.status === 'queued' || (lot.status === 'open' && lot.bidCount === 0)) && (
                  <button type="button" class="button ghost small" disabled={busy} onClick={() => run(lot, 'cancel')}>Withdraw</button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {!live && lots.some((l) => l.status === 'queued') && <p class="small muted">Lots start once the show is live.</p>}
      <NewLotForm showId={showId} products={products.data?.items ?? []} onCreated={onChange} />
    </section>
  );
}

function NewLotForm({ showId, products, onCreated }: { showId: number; products: Product[]; onCreated: () => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [create, busy, error] = useAction(async (values: Record<string, string>) => {
    const start = parseCents(values.start);
    const reserve = values.reserve ? parseCents(values.reserve) : null;
    const buyNow = values.buyNow ? parseCents(values.buyNow) : null;
    if (start === null || (values.reserve && reserve === null) || (values.buyNow && buyNow === null)) {
      setProblem('Enter prices in dollars, like 20 or 19.50.');
      return;
    }
    setProblem(null);
    await api.post(`/api/shows/${showId}/lots`, {
      productId: Number(values.productId),
      startingPriceCents: start,
      durationSeconds: Number(values.duration),
      mode: values.mode,
      ...(values.mode === 'standard' && values.extend ? { extendSeconds: Number(values.extend) } : {}),
      ...(reserve ? { reservePriceCents: reserve } : {}),
      ...(buyNow ? { buyNowPriceCents: buyNow } : {}),
    }, { idempotencyKey: idempotencyKey() });
    toast('Lot queued.', 'success');
    onCreated();
  });
  return (
    <details class="section">
      <summary class="button">Queue a lot</summary>
      <form class="section" onSubmit={(e) => create(formValues(e))} aria-label="Queue a lot">
        <div class="field">
          <label for="lot-product">Product</label>
          <select id="lot-product" name="productId" required>
            {products.length === 0 && <option value="">List a product in the seller dashboard first</option>}
            {products.map((p) => <option value={p.id}>{p.title} ({p.quantity} in stock)</option>)}
          </select>
        </div>
        <div class="grid-2">
          <Field label="Starting price ($)" name="start" required inputMode="decimal" defaultValue="1.00" />
          <Field label="Timer (seconds)" name="duration" required inputMode="numeric" defaultValue="30" />
          <div class="field">
            <label for="lot-mode">Mode</label>
            <select id="lot-mode" name="mode"><option value="standard">Standard (late bids extend)</option><option value="sudden_death">Sudden death (never extends)</option></select>
          </div>
          <Field label="Extend by (seconds)" name="extend" inputMode="numeric" defaultValue="10" />
          <Field label="Reserve ($, optional, hidden)" name="reserve" inputMode="decimal" />
          <Field label="Buy now ($, optional)" name="buyNow" inputMode="decimal" />
        </div>
        {problem && <p class="field-error" role="alert">{problem}</p>}
        {error !== undefined && <ErrorNote error={error} />}
        <Submit busy={busy}>Queue it</Submit>
      </form>
    </details>
  );
}

function SalesTools({ showId, poll, onPoll }: { showId: number; poll: Poll | null; onPoll: (p: Poll | null) => void }) {
  const session = useSession();
  const products = useAsync((signal) => api.get<{ items: Product[] }>(`/api/products?sellerId=${session?.user.id}&limit=100`, { signal })
    .catch(() => ({ items: [] as Product[] })), [session?.user.id]);
  const [flash, flashBusy, flashError] = useAction(async (values: Record<string, string>) => {
    const price = parseCents(values.price);
    if (price === null) throw new Error('price');
    await api.post(`/api/shows/${showId}/flash-sales`, {
      productId: Number(values.productId), priceCents: price, quantity: Number(values.quantity),
      ...(values.duration ? { durationSeconds: Number(values.duration) } : {}),
    });
    toast('Flash sale pinned.', 'success');
  });
  const [give, giveBusy, giveError] = useAction(async (values: Record<string, string>) => {
    await api.post(`/api/shows/${showId}/giveaways`, {
      title: values.title.trim(), durationSeconds: Number(values.duration),
      ...(values.productId ? { productId: Number(values.productId), shipping: values.shipping } : {}),
    });
    toast('Giveaway running.', 'success');
  });
  const [ask, askBusy, askError] = useAction(async (values: Record<string, string>) => {
    const options = values.options.split('\n').map((o) => o.trim()).filter(Boolean);
    onPoll(await api.post<Poll>(`/api/shows/${showId}/polls`, { question: values.question.trim(), options }));
  });
  const productOptions = (products.data?.items ?? []).map((p) => <option value={p.id}>{p.title}</option>);
  return (
    <section class="card" aria-labelledby="tools-title">
      <h2 id="tools-title">Sales tools</h2>
      <details>
        <summary class="button small">Pin a flash sale</summary>
        <form class="section" onSubmit={(e) => flash(formValues(e))} aria-label="Pin a flash sale">
          <div class="field"><label for="flash-product">Product</label><select id="flash-product" name="productId" required>{productOptions}</select></div>
          <div class="grid-2">
            <Field label="Price ($)" name="price" required inputMode="decimal" />
            <Field label="Quantity" name="quantity" required inputMode="numeric" defaultValue="5" />
            <Field label="Duration (seconds, optional)" name="duration" inputMode="numeric" />
          </div>
          {flashError !== undefined && (flashError instanceof Error && flashError.message === 'price' ? <p class="field-error" role="alert">Enter a price like 9.99.</p> : <ErrorNote error={flashError} />)}
          <Submit busy={flashBusy}>Pin it</Submit>
        </form>
      </details>
      <details class="section">
        <summary class="button small">Run a giveaway</summary>
        <form class="section" onSubmit={(e) => give(formValues(e))} aria-label="Run a giveaway">
          <Field label="What's given away" name="title" required maxLength={120} />
          <div class="grid-2">
            <div class="field"><label for="give-product">Product (optional)</label><select id="give-product" name="productId"><option value="">None</option>{productOptions}</select></div>
            <Field label="Entries close after (seconds)" name="duration" required inputMode="numeric" defaultValue="60" />
            <div class="field"><label for="give-shipping">Prize shipping</label><select id="give-shipping" name="shipping"><option value="free">Free: you pay it</option><option value="winner_pays">The winner pays the product's shipping</option></select></div>
          </div>
          {giveError !== undefined && <ErrorNote error={giveError} />}
          <Submit busy={giveBusy}>Start the giveaway</Submit>
        </form>
      </details>
      <details class="section">
        <summary class="button small">Ask a poll</summary>
        {poll && poll.status === 'open' ? (
          <div class="section">
            <p><strong>{poll.question}</strong> · {poll.totalVotes} votes</p>
            <ul>{poll.options.map((o) => <li>{o.text}: {o.votes}</li>)}</ul>
            <button type="button" class="button small" onClick={() => api.post<Poll>(`/api/polls/${poll.id}/close`).then(onPoll).catch((e) => toast(plainWords(e), 'error'))}>Close the poll</button>
          </div>
        ) : (
          <form class="section" onSubmit={(e) => ask(formValues(e))} aria-label="Ask a poll">
            <Field label="Question" name="question" required maxLength={200} />
            <div class="field">
              <label for="poll-options">Answers, one per line (2 to 6)</label>
              <textarea id="poll-options" name="options" required placeholder={'Yes\nNo'} />
            </div>
            {askError !== undefined && <ErrorNote error={askError} />}
            <Submit busy={askBusy}>Ask</Submit>
          </form>
        )}
      </details>
    </section>
  );
}

function HostQuestions({ questions }: { questions: Question[] }) {
  const open = questions.filter((q) => !q.answered).sort((a, b) => b.upvotes - a.upvotes);
  return (
    <section class="card" aria-labelledby="host-qa">
      <h2 id="host-qa">Questions</h2>
      {open.length === 0 ? <p class="muted small">No open questions.</p> : (
        <ul class="qa-list">
          {open.map((q) => (
            <li><span>{q.text} <span class="muted small">— {q.displayName} · ▲ {q.upvotes}</span></span>
              <button type="button" class="button ghost small" onClick={() => api.post(`/api/questions/${q.id}/answer`).catch((e) => toast(plainWords(e), 'error'))}>Answered</button></li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Lot statuses in the host's words. */
const LOT_STATUS: Record<string, string> = {
  queued: 'queued', open: 'open', sold: 'sold', unsold: 'not sold', cancelled: 'withdrawn',
  unpaid: 'winner did not pay', offered: 'offered to the runner-up',
};

/** "Saved card required to bid": fewer unpaid wins, fewer casual bidders; applies to the next bid. */
function SavedCardRule({ show, onShow }: { show: Show; onShow: (show: Show) => void }) {
  // the box follows the click at once and goes back if the platform refuses
  const [required, setRequired] = useState(!!show.requireSavedCard);
  const [busy, setBusy] = useState(false);
  const change = async (next: boolean) => {
    setRequired(next);
    setBusy(true);
    try {
      const updated = await api.patch<Show>(`/api/shows/${show.id}`, { requireSavedCard: next });
      onShow(updated);
      setRequired(!!updated.requireSavedCard);
      toast(next ? 'Bidders now need a saved card.' : 'Anyone verified can bid again.', 'success');
    } catch (error) {
      setRequired(!next);
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label class="radio section">
      <input type="checkbox" checked={required} disabled={busy} onChange={(e) => change((e.target as HTMLInputElement).checked)} />
      Saved card required to bid <span class="small muted">(won lots are charged at once, so fewer go unpaid)</span>
    </label>
  );
}
