import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money } from '../format';
import { live } from '../live';
import { OrderBook, TradeTape } from '../market/book';
import { useMarketFeed } from '../market/feed';
import { OrderTicket, type TicketPreset } from '../market/ticket';
import { toast } from '../toasts';
import type { Fill, MarketOrder } from '../types';
import { Loading } from '../ui';
import type { PlayAccount, Tournament } from './types';

/**
 * An entrant's trading view while the tournament runs: the market's own book, tape and order
 * ticket for one of the tournament's symbols at a time, spending the entrant's play money. Orders
 * go to POST /api/tournaments/{id}/orders (the market's body); market data is the market's
 * (topic market:<symbol>), and the entrant's orders and fills arrive on their private feed.
 */
export function TradingView({ tournament: t, account, onAccountChanged }: {
  tournament: Tournament;
  account: PlayAccount;
  onAccountChanged: () => void;
}) {
  const symbols = (t.instruments ?? []).map((i) => i.symbol);
  const [symbol, setSymbol] = useState(symbols[0] ?? '');
  const { instrument, book, ticker, trades } = useMarketFeed(symbol);
  const [orders, setOrders] = useState<MarketOrder[]>([]);
  const [preset, setPreset] = useState<TicketPreset | null>(null);
  const pick = (chosen: Omit<TicketPreset, 'seq'>) => setPreset((current) => ({ ...chosen, seq: (current?.seq ?? 0) + 1 }));

  const loadOrders = () => {
    if (!symbol) return;
    api.get<{ items: MarketOrder[] }>(`/api/market/orders?status=open&symbol=${symbol}`).then((o) => setOrders(o.items)).catch(() => undefined);
  };
  useEffect(loadOrders, [symbol]);

  // the entrant's own orders and fills: their private feed, as on the market's pages
  useEffect(() => live.subscribe('me', (frame) => {
    if (frame.type === 'order.update' && frame.data?.symbol === symbol) {
      const order = frame.data as MarketOrder;
      setOrders((current) => {
        const rest = current.filter((o) => o.id !== order.id);
        return order.status === 'active' || order.status === 'partial' ? [order, ...rest].sort((a, b) => b.id - a.id) : rest;
      });
    }
    if (frame.type === 'fill' && symbols.includes(frame.data?.symbol)) {
      const fill = frame.data as Fill;
      toast(`Filled: ${fill.side === 'sell' ? 'sold' : 'bought'} ${fill.quantity} ${fill.symbol} at ${money(fill.priceCents)}.`, 'success');
      onAccountChanged();
    }
  }), [symbol, t.id]);

  const cancel = async (order: MarketOrder) => {
    try {
      await api.del(`/api/tournaments/${t.id}/orders/${order.id}`);
      setOrders((current) => current.filter((o) => o.id !== order.id));
      toast(`Order cancelled: ${order.side} ${order.quantity - order.filledQuantity} ${order.symbol}.`);
      onAccountChanged();
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };

  const last = ticker?.lastPriceCents ?? instrument?.lastPriceCents ?? null;
  return (
    <section class="section" aria-labelledby="trade-title">
      <h2 id="trade-title">Trade</h2>
      {symbols.length > 1 && (
        <nav class="chips" aria-label="Instrument">
          {(t.instruments ?? []).map((i) => (
            <button type="button" class="chip" aria-current={i.symbol === symbol ? 'true' : undefined} onClick={() => setSymbol(i.symbol)}>{i.symbol} · {i.name}</button>
          ))}
        </nav>
      )}
      <PlayAccountFacts account={account} />
      <div class="market-layout">
        <div class="market-main">
          <p class="quote"><span class="quote-price" data-testid="last-price">{last === null ? 'No trades yet' : money(last)}</span>
            <span class="muted">{symbol}</span></p>
          <div class="market-pair">
            <section class="card" aria-labelledby="book-title">
              <h3 id="book-title">Order book</h3>
              {book ? <OrderBook book={book} onPick={pick} /> : <Loading label="Loading the book…" />}
            </section>
            <section class="card" aria-labelledby="tape-title">
              <h3 id="tape-title">Trades</h3>
              <TradeTape trades={trades} onPick={pick} />
            </section>
          </div>
        </div>
        <div class="market-side">
          {instrument ? (
            <OrderTicket instrument={instrument} book={book} portfolio={account} preset={preset} placePath={`/api/tournaments/${t.id}/orders`}
              cashLabel="Play cash available" onPlaced={(order) => {
                if (order.status === 'active' || order.status === 'partial') setOrders((current) => [order, ...current.filter((o) => o.id !== order.id)]);
                onAccountChanged();
              }} />
          ) : <Loading label="Opening the book…" />}
          <section class="card" aria-labelledby="open-orders">
            <h3 id="open-orders">Your open orders</h3>
            {orders.length === 0 ? <p class="muted small">None. Limit orders that do not fill at once wait here.</p> : (
              <ul class="orders">
                {orders.map((o) => (
                  <li data-order-id={o.id}>
                    <span class={o.side === 'buy' ? 'up' : 'down'}>{o.side === 'buy' ? 'Buy' : 'Sell'}</span>{' '}
                    {o.quantity - o.filledQuantity}{o.filledQuantity > 0 ? ` of ${o.quantity}` : ''} @ {o.priceCents === null ? 'market' : money(o.priceCents)}
                    <button type="button" class="button ghost small" onClick={() => cancel(o)} aria-label={`Cancel ${o.side} order of ${o.quantity - o.filledQuantity} at ${o.priceCents === null ? 'market' : money(o.priceCents)}`}>Cancel</button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

/** The entrant's play money: cash, cash held for open buys, holdings at their mark, equity. */
export function PlayAccountFacts({ account }: { account: PlayAccount }) {
  return (
    <div class="card">
      <dl class="facts" data-testid="play-account">
        <dt>Play cash</dt><dd data-testid="play-cash">{money(account.cashCents)}</dd>
        <dt>Held for open buys</dt><dd>{money(account.lockedCents)}</dd>
        {account.holdings.map((h) => (
          <>
            <dt>{h.symbol}</dt>
            <dd data-holding={h.symbol}>{h.shares} shares × {money(h.markCents)} = {money(h.valueCents)}</dd>
          </>
        ))}
        <dt>Equity</dt><dd data-testid="play-equity"><strong>{money(account.equityCents)}</strong></dd>
      </dl>
    </div>
  );
}
