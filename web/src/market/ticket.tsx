import { useEffect, useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { money, parseCents } from '../format';
import { toast } from '../toasts';
import type { Book, Instrument, MarketOrder, Portfolio, Fill } from '../types';
import { feeFor } from './format';

type Side = 'buy' | 'sell';
type Kind = 'limit' | 'market';
type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK';

const TIF_TEXT: Record<TimeInForce, string> = {
  GTC: 'Good till cancelled',
  DAY: 'Today only',
  IOC: 'Fill now, cancel the rest',
  FOK: 'Fill all now or nothing',
};

/**
 * What a click elsewhere puts in the ticket (a book level, a trade, "Sell" in the portfolio): a
 * limit at that price for that quantity, on that side; `seq` changes with every click, so picking
 * the same level twice fills the ticket again.
 */
export interface TicketPreset {
  seq: number;
  side?: Side;
  priceCents?: number;
  quantity?: number;
}

/** The cash and shares a ticket may spend: the market portfolio, or a tournament entrant's play money. */
export type Spendable = Pick<Portfolio, 'cashCents'> & { holdings: Pick<Portfolio['holdings'][number], 'symbol' | 'shares' | 'lockedShares'>[] };

/**
 * The order ticket: what you want, what it costs with the fee, and what you have to spend. A
 * tournament's trading view sends the same order body to its own endpoint (`placePath`).
 */
export function OrderTicket({ instrument, book, portfolio, onPlaced, preset, placePath = '/api/market/orders', cashLabel = 'Cash available' }: {
  instrument: Instrument;
  book: Book | null;
  portfolio: Spendable | null;
  onPlaced: (order: MarketOrder, fills: Fill[]) => void;
  preset?: TicketPreset | null;
  placePath?: string;
  cashLabel?: string;
}) {
  const [side, setSide] = useState<Side>('buy');
  const [kind, setKind] = useState<Kind>('limit');
  const [priceText, setPriceText] = useState('');
  const [quantityText, setQuantityText] = useState('1');
  const [tif, setTif] = useState<TimeInForce>('GTC');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  // a picked price becomes a limit order: it waits its turn at that price like any other order
  useEffect(() => {
    if (!preset) return;
    if (preset.side) setSide(preset.side);
    if (preset.priceCents !== undefined) {
      setKind('limit');
      setPriceText((preset.priceCents / 100).toFixed(2));
    }
    if (preset.quantity !== undefined) setQuantityText(String(preset.quantity));
    setError(null);
    form.current?.scrollIntoView?.({ block: 'nearest' });
    form.current?.querySelector<HTMLInputElement>('#ticket-quantity')?.focus({ preventScroll: true });
  }, [preset?.seq]);

  const quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : null;
  const price = kind === 'limit' ? parseCents(priceText) : null;
  // a market order's price is the other side of the book (the best level, as an estimate)
  const estimate = kind === 'limit' ? price : side === 'buy' ? book?.asks[0]?.priceCents ?? null : book?.bids[0]?.priceCents ?? null;
  const value = estimate !== null && quantity ? estimate * quantity : null;
  const feeBps = instrument.feeBps ?? 200;
  const fee = value !== null ? feeFor(value, feeBps) : null;
  const payer = instrument.feePayer ?? 'seller';
  const holding = portfolio?.holdings.find((h) => h.symbol === instrument.symbol);
  const youPay = (side === 'buy') === (payer === 'buyer');
  const sharesFree = holding ? holding.shares - (holding.lockedShares ?? 0) : 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!quantity || quantity < 1) return setError('Enter how many shares, a whole number of at least 1.');
    if (kind === 'limit' && price === null) return setError('Enter a limit price in dollars, like 12.50.');
    setError(null);
    setBusy(true);
    try {
      const placed = await api.post<{ order: MarketOrder; fills: Fill[] }>(placePath, {
        symbol: instrument.symbol, side, type: kind, quantity,
        // a market order takes the server's default: it fills what it can now (or waits for an auction's uncross)
        ...(kind === 'limit' ? { priceCents: price, timeInForce: tif } : {}),
      }, { idempotencyKey: idempotencyKey() });
      onPlaced(placed.order, placed.fills);
      const filled = placed.fills.reduce((n, f) => n + f.quantity, 0);
      toast(filled > 0
        ? `${side === 'buy' ? 'Bought' : 'Sold'} ${filled} ${instrument.symbol} at ${money(placed.order.averagePriceCents ?? placed.fills[0].priceCents)}${filled < quantity ? `; ${quantity - filled} still ${placed.order.status === 'cancelled' || placed.order.status === 'expired' ? 'unfilled' : 'open'}` : ''}.`
        : placed.order.status === 'active' ? `Your ${side} order for ${quantity} ${instrument.symbol} is in the book.` : `Your order was not filled (${placed.order.reason ?? placed.order.status}).`,
        filled > 0 ? 'success' : placed.order.status === 'active' ? 'info' : 'warning');
    } catch (failure) {
      setError(plainWords(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="ticket card" ref={form} onSubmit={submit} aria-labelledby="ticket-title">
      <h2 id="ticket-title">Trade {instrument.symbol}</h2>
      <div class="segmented" role="radiogroup" aria-label="Side">
        {(['buy', 'sell'] as Side[]).map((s) => (
          <button type="button" role="radio" aria-checked={side === s ? 'true' : 'false'} class={`seg seg-${s}`} onClick={() => setSide(s)}>{s === 'buy' ? 'Buy' : 'Sell'}</button>
        ))}
      </div>
      <div class="segmented" role="radiogroup" aria-label="Order type">
        {(['limit', 'market'] as Kind[]).map((k) => (
          <button type="button" role="radio" aria-checked={kind === k ? 'true' : 'false'} class="seg" onClick={() => setKind(k)}>{k === 'limit' ? 'Limit' : 'Market'}</button>
        ))}
      </div>
      <div class="grid-2">
        {kind === 'limit' && (
          <div class="field">
            <label for="ticket-price">Limit price ($)</label>
            <input id="ticket-price" inputMode="decimal" autoComplete="off" value={priceText}
              placeholder={((book?.[side === 'buy' ? 'asks' : 'bids'][0]?.priceCents ?? instrument.lastPriceCents ?? instrument.referencePriceCents) / 100).toFixed(2)}
              onInput={(e) => setPriceText((e.target as HTMLInputElement).value)} />
          </div>
        )}
        <div class="field">
          <label for="ticket-quantity">Shares</label>
          <input id="ticket-quantity" inputMode="numeric" autoComplete="off" value={quantityText} onInput={(e) => setQuantityText((e.target as HTMLInputElement).value)} />
        </div>
      </div>
      {kind === 'limit' && (
        <div class="field">
          <label for="ticket-tif">Time in force</label>
          <select id="ticket-tif" value={tif} onChange={(e) => setTif((e.target as HTMLSelectElement).value as TimeInForce)}>
            {(Object.keys(TIF_TEXT) as TimeInForce[]).map((t) => <option value={t}>{TIF_TEXT[t]} ({t})</option>)}
          </select>
        </div>
      )}
      <dl class="facts small ticket-preview">
        <dt>{kind === 'market' ? 'Estimated value' : 'Value'}</dt><dd>{value === null ? '—' : money(value)}</dd>
        {feeBps === 0 ? <><dt>Fee</dt><dd data-testid="fee-preview">none</dd></> : <>
          <dt>Fee ({(feeBps / 100).toFixed(2)}%, {payer === 'seller' ? 'paid by the seller' : 'paid by the buyer'})</dt>
          <dd data-testid="fee-preview">{fee === null ? '—' : (youPay ? money(fee) : `none for you (the ${payer} pays ${money(fee)})`)}</dd>
        </>}
        <dt>{side === 'buy' ? cashLabel : 'Shares available'}</dt>
        <dd data-testid="available">{portfolio ? (side === 'buy' ? money(portfolio.cashCents) : `${sharesFree} shares`) : '—'}</dd>
      </dl>
      {error && <p class="field-error" role="alert">{error}</p>}
      <button type="submit" class={`button block ${side === 'buy' ? 'primary' : 'sell'}`} disabled={busy || instrument.phase === 'halted' || instrument.phase === 'closed'}>
        {instrument.phase === 'halted' ? 'Trading is halted' : instrument.phase === 'closed' ? 'The market is closed' : `${side === 'buy' ? 'Buy' : 'Sell'} ${quantity ?? ''} ${instrument.symbol}`}
      </button>
      {(instrument.phase === 'opening_auction' || instrument.phase === 'closing_auction' || instrument.phase === 'pre_open') && (
        <p class="small muted">Orders are collected now and matched together when the auction ends.</p>
      )}
    </form>
  );
}
