import { useEffect, useState } from 'preact/hooks';
import { markFirstStep } from '../first-run';
import { api, ApiProblem, idempotencyKey, plainWords } from '../api';
import { money, parseCents } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import type { BidReply, Lot, Product } from '../types';
import { Countdown } from './countdown';
import { LotEstimateNote } from '../insight/lot-estimate';

/** The product behind a lot, for its photo and title; the lot still works without it. */
function useProduct(productId: number | undefined) {
  const [product, setProduct] = useState<Product | null>(null);
  useEffect(() => {
    setProduct(null);
    if (!productId) return;
    const controller = new AbortController();
    api.get<Product>(`/api/products/${productId}`, { signal: controller.signal }).then(setProduct).catch(() => undefined);
    return () => controller.abort();
  }, [productId]);
  return product;
}

export function LotPanel({ lot, onLot, showId }: { lot: Lot; onLot: (lot: Lot) => void; showId: number }) {
  const session = useSession();
  const product = useProduct(lot.productId);
  const me = session?.user.id;
  const open = lot.status === 'open';
  const leading = me !== undefined && lot.highBidderId === me;
  const own = me !== undefined && (lot.sellerId === me || lot.hostId === me);
  const title = product?.title ?? `Lot ${lot.position ?? lot.id}`;

  return (
    <section class="lot card" aria-labelledby="lot-title" data-lot-id={lot.id} data-lot-status={lot.status}>
      <div class="lot-top">
        <div class="lot-photo">
          {product?.imageUrls?.[0]
            ? <img src={product.imageUrls[0]} alt={product.title} />
            : <span class="cover-letter" aria-hidden="true">{title.charAt(0)}</span>}
        </div>
        <div class="lot-facts">
          <p class="muted small lot-kicker">{open ? (lot.mode === 'sudden_death' ? 'Sudden death auction' : 'Live auction') : statusText(lot)}</p>
          <h2 id="lot-title">{title}</h2>
          <p class="lot-price" aria-live="polite">
            <span class="visually-hidden">Current price </span>
            <strong data-testid="lot-price">{money(lot.currentPriceCents)}</strong>
            <span class="muted small" data-testid="bid-count"> · {lot.bidCount} {lot.bidCount === 1 ? 'bid' : 'bids'}</span>
          </p>
          {open && lot.highBidderName && lot.bidCount > 0 && <p class="small">{leading ? <strong class="up">You are the high bidder</strong> : <>High bidder: {lot.highBidderName}</>}</p>}
          {lot.hasReserve && <p class="small muted">{lot.reserveMet ? 'Reserve met' : 'Reserve not met yet'}</p>}
          {(open || lot.status === 'queued') && <LotEstimateNote lotId={lot.id} status={lot.status} currentPriceCents={lot.currentPriceCents} />}
        </div>
      </div>
      {(open || lot.status === 'queued') && <Countdown endsAt={lot.endsAt} open={open} extendSeconds={lot.mode === 'standard' ? lot.extendSeconds : undefined} />}
      {open && <BidControls lot={lot} onLot={onLot} own={own} leading={leading} showId={showId} />}
      {!open && lot.status !== 'queued' && <Outcome lot={lot} me={me} />}
    </section>
  );
}

function statusText(lot: Lot) {
  switch (lot.status) {
    case 'queued': return 'Up next';
    case 'sold': return 'Sold';
    case 'unsold': return 'Not sold';
    case 'cancelled': return 'Withdrawn';
    default: return '';
  }
}

function Outcome({ lot, me }: { lot: Lot; me: number | undefined }) {
  if (lot.status === 'sold') {
    const won = me !== undefined && lot.winnerId === me;
    return (
      <div class={won ? 'note note-good' : 'note'} data-testid="lot-outcome">
        <p>{won ? <strong>You won this lot for {money(lot.hammerPriceCents ?? lot.currentPriceCents)}!</strong>
          : <>Sold for {money(lot.hammerPriceCents ?? lot.currentPriceCents)}{lot.highBidderName ? ` to ${lot.highBidderName}` : ''}.</>}</p>
        {won && <p><a class="button primary" href={lot.orderId ? `/orders/${lot.orderId}` : '/orders'}>Pay now</a></p>}
      </div>
    );
  }
  return <div class="note" data-testid="lot-outcome"><p>{lot.status === 'unsold' ? 'This lot did not sell.' : 'This lot was withdrawn.'}</p></div>;
}

function BidControls({ lot, onLot, own, leading, showId }: { lot: Lot; onLot: (lot: Lot) => void; own: boolean; leading: boolean; showId: number }) {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [maxOpen, setMaxOpen] = useState(false);
  const [maxText, setMaxText] = useState('');
  const [maxError, setMaxError] = useState<string | null>(null);
  // the show asks bidders for a saved card and this bidder has none: say why, and where to add one
  const [needsCard, setNeedsCard] = useState(false);
  const refused = (error: unknown) => {
    if (error instanceof ApiProblem && error.code === 'saved_card_required') {
      setNeedsCard(true);
      return;
    }
    toast(error instanceof ApiProblem && error.code === 'bid_too_low'
      ? `Someone bid first — the next bid is ${money(lot.minNextBidCents)} or more.` : plainWords(error), 'error');
  };

  if (!session) {
    return <p class="bid-signin"><a class="button primary block" href={`/login?next=/shows/${showId}`}>Log in to bid</a></p>;
  }
  if (own) return <p class="muted">This is your lot: you cannot bid on it.</p>;
  if (!session.user.emailVerified) return <p class="note">Verify your email to bid: open the link we mailed you.</p>;

  const place = async (body: { amountCents: number; maxAmountCents?: number }) => {
    setBusy(true);
    try {
      const reply = await api.post<BidReply>(`/api/lots/${lot.id}/bids`, body, { idempotencyKey: idempotencyKey() });
      markFirstStep('bid');
      onLot(reply.lot);
      if (reply.bid.leading) {
        toast(body.maxAmountCents
          ? `You lead at ${money(reply.lot.currentPriceCents)}; we bid for you up to ${money(body.maxAmountCents)}.`
          : `You are the high bidder at ${money(reply.lot.currentPriceCents)}.`, 'success');
      } else {
        toast(`Another bidder's maximum is higher. The price is now ${money(reply.lot.currentPriceCents)}.`, 'warning');
      }
      return true;
    } catch (error) {
      refused(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submitMax = async (event: Event) => {
    event.preventDefault();
    const cents = parseCents(maxText);
    if (cents === null) {
      setMaxError('Enter an amount in dollars, like 25 or 25.50.');
      return;
    }
    if (cents < lot.minNextBidCents) {
      setMaxError(`Your maximum must be at least ${money(lot.minNextBidCents)}.`);
      return;
    }
    setMaxError(null);
    if (await place({ amountCents: lot.minNextBidCents, maxAmountCents: cents })) {
      setMaxOpen(false);
      setMaxText('');
    }
  };

  const canBuyNow = lot.buyNowPriceCents && lot.bidCount === 0;
  return (
    <div class="bid-controls">
      {needsCard && (
        <p class="note note-error" role="alert" data-testid="saved-card-required">
          This show takes bids only from people with a saved card, so a win is paid the moment the lot closes.{' '}
          <a href={`/account?next=/shows/${showId}#saved-cards`}>Save a card</a>, then bid again.
        </p>
      )}
      <button type="button" class="button primary block bid-button" disabled={busy} aria-busy={busy ? 'true' : undefined}
        data-testid="bid-button" onClick={() => place({ amountCents: lot.minNextBidCents })}>
        {leading ? `Raise to ${money(lot.minNextBidCents)}` : `Bid ${money(lot.minNextBidCents)}`}
      </button>
      <div class="row bid-secondary">
        <button type="button" class="button ghost small" aria-expanded={maxOpen ? 'true' : 'false'} aria-controls="max-bid"
          onClick={() => setMaxOpen((o) => !o)}>Set a maximum bid</button>
        {canBuyNow && (
          <button type="button" class="button small" disabled={busy} onClick={async () => {
            setBusy(true);
            try {
              await api.post(`/api/lots/${lot.id}/buy-now`, undefined, { idempotencyKey: idempotencyKey() });
              toast(`It's yours for ${money(lot.buyNowPriceCents)}.`, 'success', { label: 'Pay now', href: '/orders' });
            } catch (error) {
              refused(error);
            } finally {
              setBusy(false);
            }
          }}>Buy now for {money(lot.buyNowPriceCents)}</button>
        )}
      </div>
      {maxOpen && (
        <form id="max-bid" class="max-bid" onSubmit={submitMax}>
          <label for="max-amount">Your maximum (we bid for you, one step at a time, up to this)</label>
          <div class="row">
            <input id="max-amount" inputMode="decimal" autoComplete="off" placeholder={(lot.minNextBidCents / 100).toFixed(2)}
              value={maxText} onInput={(e) => setMaxText((e.target as HTMLInputElement).value)}
              aria-invalid={maxError ? 'true' : undefined} aria-describedby={maxError ? 'max-error' : undefined} style="flex:1" />
            <button type="submit" class="button primary" disabled={busy}>Place maximum</button>
          </div>
          {maxError && <p id="max-error" class="field-error">{maxError}</p>}
        </form>
      )}
    </div>
  );
}
