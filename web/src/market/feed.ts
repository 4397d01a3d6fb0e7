import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../live';
import type { Book, Instrument, PublicTrade, Ticker } from '../types';

/**
 * One book's public feed (topic market:<symbol>): a snapshot (instrument, book, ticker, recent
 * trades), then every change. Shared by the instrument page and a tournament's trading view; the
 * state starts over when the symbol changes. {@code onTrade} sees each new trade (the chart's
 * candles follow them).
 */
export function useMarketFeed(symbol: string, onTrade?: (trade: PublicTrade) => void) {
  const [instrument, setInstrument] = useState<Instrument | null>(null);
  const [book, setBook] = useState<Book | null>(null);
  const [ticker, setTicker] = useState<Ticker | null>(null);
  const [trades, setTrades] = useState<PublicTrade[]>([]);
  const tradeSeen = useRef(onTrade);
  tradeSeen.current = onTrade;

  useEffect(() => {
    if (!symbol) return;
    setInstrument(null);
    setBook(null);
    setTicker(null);
    setTrades([]);
    return live.subscribe(`market:${symbol}`, (frame) => {
      const data = frame.data ?? {};
      switch (frame.type) {
        case 'snapshot':
          if (data.instrument) setInstrument(data.instrument);
          if (data.book) setBook(data.book);
          if (data.ticker) setTicker(data.ticker);
          if (Array.isArray(data.trades)) setTrades(data.trades);
          break;
        case 'book.update':
          setBook(data as Book);
          break;
        case 'ticker':
          setTicker(data as Ticker);
          break;
        case 'phase':
          setInstrument((current) => current && { ...current, ...data });
          break;
        case 'trade': {
          const trade = data as PublicTrade;
          setTrades((current) => current.some((t) => t.tradeId === trade.tradeId) ? current : [trade, ...current].slice(0, 50));
          tradeSeen.current?.(trade);
          break;
        }
      }
    });
  }, [symbol]);

  return { instrument, setInstrument, book, ticker, trades };
}
