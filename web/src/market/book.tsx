import { money, time } from '../format';
import type { Book, PublicTrade } from '../types';
import { Empty } from '../ui';
import type { TicketPreset } from './ticket';

const DEPTH = 10;

/** What a click on a price does: fill the order ticket (signed in), nothing otherwise. */
export type Pick = ((preset: Omit<TicketPreset, 'seq'>) => void) | undefined;

/** A price that fills the ticket when clicked (signed in), plain text otherwise. */
function PickPrice({ priceCents, label, onPick, preset }: { priceCents: number; label: string; onPick: Pick; preset: Omit<TicketPreset, 'seq'> }) {
  if (!onPick) return <>{money(priceCents)}</>;
  return <button type="button" class="link-button pick" aria-label={label} onClick={() => onPick(preset)}>{money(priceCents)}</button>;
}

export function OrderBook({ book, onPick }: { book: Book; onPick: Pick }) {
  const asks = [...book.asks].sort((a, b) => a.priceCents - b.priceCents).slice(0, DEPTH);
  const bids = [...book.bids].sort((a, b) => b.priceCents - a.priceCents).slice(0, DEPTH);
  if (asks.length === 0 && bids.length === 0) return <Empty title="No orders yet">Place the first bid or offer.</Empty>;
  const spread = asks[0] && bids[0] ? asks[0].priceCents - bids[0].priceCents : null;
  // an offer's price buys its shares, a bid's price sells to it: the ticket takes a limit order at that price
  return (
    <table class="book" data-testid="order-book">
      <caption class="visually-hidden">Best {DEPTH} offers and bids{onPick ? '; choose a price to fill the order ticket with it' : ''}</caption>
      <thead><tr><th scope="col">Side</th><th scope="col" class="num">Price</th><th scope="col" class="num">Shares</th></tr></thead>
      <tbody>
        {[...asks].reverse().map((l) => <tr class="ask"><td class="down">Offer</td><td class="num"><PickPrice priceCents={l.priceCents} onPick={onPick}
          label={`Buy ${l.quantity} at ${money(l.priceCents)}`} preset={{ side: 'buy', priceCents: l.priceCents, quantity: l.quantity }} /></td><td class="num">{l.quantity}</td></tr>)}
        <tr class="spread"><td colSpan={3} class="small muted">{spread === null ? (book.indicative?.priceCents ? `Auction would trade at ${money(book.indicative.priceCents)}` : 'One side is empty') : `Spread ${money(spread)}`}</td></tr>
        {bids.map((l) => <tr class="bid"><td class="up">Bid</td><td class="num"><PickPrice priceCents={l.priceCents} onPick={onPick}
          label={`Sell ${l.quantity} at ${money(l.priceCents)}`} preset={{ side: 'sell', priceCents: l.priceCents, quantity: l.quantity }} /></td><td class="num">{l.quantity}</td></tr>)}
      </tbody>
    </table>
  );
}

export function TradeTape({ trades, onPick }: { trades: PublicTrade[]; onPick: Pick }) {
  if (trades.length === 0) return <p class="muted small">No trades yet.</p>;
  return (
    <table class="tape" data-testid="trade-tape">
      <thead><tr><th scope="col">Time</th><th scope="col" class="num">Price</th><th scope="col" class="num">Shares</th></tr></thead>
      <tbody>
        {trades.slice(0, 20).map((t) => (
          <tr key={t.tradeId}><td>{time(t.executedAt)}</td><td class={`num ${t.aggressor === 'buy' ? 'up' : t.aggressor === 'sell' ? 'down' : ''}`}>
            <PickPrice priceCents={t.priceCents} onPick={onPick} label={`Order ${t.quantity} at ${money(t.priceCents)}, as this trade`}
              preset={{ priceCents: t.priceCents, quantity: t.quantity }} />
          </td><td class="num">{t.quantity}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
