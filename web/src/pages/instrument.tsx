import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money } from '../format';
import { live } from '../live';
import { PriceChart, withTrade } from '../market/chart';
import { DepthChart } from '../market/depth';
import { changeText, direction, phaseText } from '../market/format';
import { RedeemItem } from '../market/redeem';
import { OrderBook, TradeTape } from '../market/book';
import { useMarketFeed } from '../market/feed';
import { OrderTicket, type TicketPreset } from '../market/ticket';
import { usePlace } from '../router';
import { useSession } from '../session';
import { toast } from '../toasts';
import type { Candle, Fill, Instrument, MarketOrder, Portfolio } from '../types';
import { ErrorNote, Loading, Page, useAsync } from '../ui';
import { ReportButton } from '../moderation/report';
import { OverlayToggles, useOverlays } from '../insight/overlays';
import { PredictionBadge } from '../insight/prediction-badge';

const INTERVAL_SECONDS = 60;

export function InstrumentPage({ symbol }: { symbol: string }) {
  const session = useSession();
  const first = useAsync((signal) => api.get<Instrument>(`/api/market/instruments/${symbol}`, { signal }), [symbol]);
  const [candles, setCandles] = useState<Candle[]>([]);
  // the public feed: a snapshot (instrument, book, ticker, recent trades), then every change
  const { instrument, setInstrument, book, ticker, trades } = useMarketFeed(symbol, (trade) =>
    setCandles((current) => withTrade(current, trade.priceCents, trade.quantity, trade.executedAt, INTERVAL_SECONDS)));
  const [orders, setOrders] = useState<MarketOrder[]>([]);
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const overlays = useOverlays(symbol, chosen, candles.length);
  // "Sell" in the portfolio opens this page with ?side=sell&quantity=N
  const query = usePlace().query;
  const [preset, setPreset] = useState<TicketPreset | null>(() => {
    const side = query.get('side');
    const quantity = Number(query.get('quantity'));
    return side === 'buy' || side === 'sell'
      ? { seq: 0, side, ...(Number.isInteger(quantity) && quantity > 0 ? { quantity } : {}) }
      : null;
  });
  const pick = session ? (chosen: Omit<TicketPreset, 'seq'>) => setPreset((current) => ({ ...chosen, seq: (current?.seq ?? 0) + 1 })) : undefined;

  useEffect(() => {
    if (first.data) setInstrument((current) => current ?? first.data!);
  }, [first.data]);

  useEffect(() => {
    const controller = new AbortController();
    api.get<{ candles: Candle[] }>(`/api/market/instruments/${symbol}/candles?interval=1m&limit=240`, { signal: controller.signal })
      .then((c) => setCandles(c.candles)).catch(() => undefined);
    return () => controller.abort();
  }, [symbol]);

  // the trader's own orders and cash, kept current by their private feed
  const refreshMine = () => {
    if (!session) return;
    api.get<{ items: MarketOrder[] }>(`/api/market/orders?status=open&symbol=${symbol}`).then((o) => setOrders(o.items)).catch(() => undefined);
    api.get<Portfolio>('/api/market/portfolio').then(setPortfolio).catch(() => undefined);
  };
  useEffect(() => {
    refreshMine();
    if (!session) return;
    return live.subscribe('me', (frame) => {
      if (frame.type === 'order.update' && frame.data?.symbol === symbol) {
        const order = frame.data as MarketOrder;
        setOrders((current) => {
          const rest = current.filter((o) => o.id !== order.id);
          return order.status === 'active' || order.status === 'partial' ? [order, ...rest].sort((a, b) => b.id - a.id) : rest;
        });
      }
      if (frame.type === 'fill' || frame.type === 'snapshot') {
        if (frame.type === 'fill' && frame.data?.symbol === symbol) {
          const fill = frame.data as Fill;
          toast(`Filled: ${fill.side === 'sell' ? 'sold' : 'bought'} ${fill.quantity} ${symbol} at ${money(fill.priceCents)}.`, 'success');
        }
        api.get<Portfolio>('/api/market/portfolio').then(setPortfolio).catch(() => undefined);
      }
    });
  }, [session?.user.id, symbol]);

  const cancel = async (order: MarketOrder) => {
    try {
      await api.del(`/api/market/orders/${order.id}`);
      setOrders((current) => current.filter((o) => o.id !== order.id));
      toast(`Order cancelled: ${order.side} ${order.quantity - order.filledQuantity} ${symbol}.`);
      api.get<Portfolio>('/api/market/portfolio').then(setPortfolio).catch(() => undefined);
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };

  if (!instrument) {
    return <Page title={symbol}>{first.error !== undefined ? <ErrorNote error={first.error} retry={first.reload} /> : <Loading label="Opening the market…" />}</Page>;
  }
  const last = ticker?.lastPriceCents ?? instrument.lastPriceCents ?? null;
  return (
    <Page title={`${symbol} · ${instrument.name}`} heading={<>{symbol} <span class="muted heading-sub">{instrument.name}</span></>} wide
      actions={<ReportButton targetType="market_instrument" targetId={symbol} what={`the listing ${symbol}`} class="button ghost small" />}>
      <div class="quote" aria-live="polite">
        <span class="quote-price" data-testid="last-price">{last === null ? 'No trades yet' : money(last)}</span>
        {last !== null && <span class={`quote-change ${direction(ticker?.changeCents)}`}>{changeText(ticker?.changeCents, ticker?.changePercent)}</span>}
        <span class="pill pill-soft" data-testid="phase">{phaseText(instrument.phase)}</span>
        {ticker?.dayVolume !== undefined && <span class="muted small">Volume today {ticker.dayVolume}</span>}
      </div>
      <div class="market-layout">
        <div class="market-main">
          <section class="card" aria-labelledby="chart-title">
            <h2 id="chart-title">Price (1-minute candles)</h2>
            <PriceChart candles={candles} overlays={overlays} label={`${symbol} price chart, ${candles.length} one-minute candles${last !== null ? `, last ${money(last)}` : ''}${chosen.length ? `, with ${chosen.join(', ')}` : ''}`} />
            <OverlayToggles chosen={chosen} onChange={setChosen} />
            <PredictionBadge symbol={symbol} />
          </section>
          <div class="market-pair">
            <section class="card" aria-labelledby="book-title">
              <h2 id="book-title">Order book</h2>
              {book ? <OrderBook book={book} onPick={pick} /> : <Loading label="Loading the book…" />}
            </section>
            <section class="card" aria-labelledby="tape-title">
              <h2 id="tape-title">Trades</h2>
              <TradeTape trades={trades} onPick={pick} />
            </section>
          </div>
          <section class="card" aria-labelledby="depth-title">
            <h2 id="depth-title">Depth</h2>
            {book ? <DepthChart book={book} onPick={pick} /> : <Loading />}
          </section>
        </div>
        <div class="market-side">
          {session ? (
            <>
              <OrderTicket instrument={instrument} book={book} portfolio={portfolio} preset={preset} onPlaced={(order) => {
                if (order.status === 'active' || order.status === 'partial') setOrders((current) => [order, ...current.filter((o) => o.id !== order.id)]);
                api.get<Portfolio>('/api/market/portfolio').then(setPortfolio).catch(() => undefined);
              }} />
              <RedeemItem instrument={instrument} portfolio={portfolio} onRedeemed={() => {
                setInstrument({ ...instrument, status: 'delisted', phase: 'closed' });
                setOrders([]);
                api.get<Portfolio>('/api/market/portfolio').then(setPortfolio).catch(() => undefined);
              }} />
              <section class="card" aria-labelledby="open-orders">
                <h2 id="open-orders">Your open orders</h2>
                {orders.length === 0 ? <p class="muted small">None. Limit orders that do not fill at once wait here.</p> : (
                  <ul class="orders">
                    {orders.map((o) => (
                      <li data-order-id={o.id}>
                        <span class={o.side === 'buy' ? 'up' : 'down'}>{o.side === 'buy' ? 'Buy' : 'Sell'}</span>{' '}
                        {o.quantity - o.filledQuantity}{o.filledQuantity > 0 ? ` of ${o.quantity}` : ''} @ {o.priceCents === null ? 'market' : money(o.priceCents)}
                        <span class="muted small"> · {o.timeInForce}</span>
                        <button type="button" class="button ghost small" onClick={() => cancel(o)} aria-label={`Cancel ${o.side} order of ${o.quantity - o.filledQuantity} at ${o.priceCents === null ? 'market' : money(o.priceCents)}`}>Cancel</button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          ) : (
            <div class="card"><p>Log in to trade {symbol}.</p><a class="button primary" href={`/login?next=/market/${symbol}`}>Log in</a></div>
          )}
        </div>
      </div>
    </Page>
  );
}
