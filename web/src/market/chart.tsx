import { useEffect, useRef } from 'preact/hooks';
import type { Candle } from '../types';

type Bar = { time: number; open: number; high: number; low: number; close: number };

/** A line drawn over the candles (an indicator on the price axis), values in cents. */
export type Overlay = { key: string; color: string; points: { start: string; cents: number }[] };
type LineApi = { setData(points: { time: number; value: number }[]): void };
type ChartApi = { addSeries(kind: unknown, options: object): LineApi; removeSeries(series: LineApi): void };

function toBar(c: Candle): Bar {
  return { time: Math.floor(Date.parse(c.start) / 1000), open: c.openCents / 100, high: c.highCents / 100, low: c.lowCents / 100, close: c.closeCents / 100 };
}

/**
 * Candles with TradingView's lightweight-charts (loaded only on market pages). The canvas is
 * described for screen readers by its label; the numbers themselves are in the book and tape.
 */
export function PriceChart({ candles, label, overlays = [] }: { candles: Candle[]; label: string; overlays?: Overlay[] }) {
  const holder = useRef<HTMLDivElement>(null);
  const chartRef = useRef<{ chart: ChartApi; LineSeries: unknown } | null>(null);
  const lines = useRef(new Map<string, LineApi>());
  const latestOverlays = useRef(overlays);
  latestOverlays.current = overlays;
  const series = useRef<{ setData(bars: Bar[]): void } | null>(null);
  const latest = useRef(candles);
  latest.current = candles;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => undefined as void;
    import('lightweight-charts').then(({ createChart, CandlestickSeries, LineSeries, ColorType }) => {
      if (disposed || !holder.current) return;
      const chart = createChart(holder.current, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: '#181b24' }, textColor: '#b3b9c9', attributionLogo: false },
        grid: { vertLines: { color: '#262b3a' }, horzLines: { color: '#262b3a' } },
        timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#343a4d' },
        rightPriceScale: { borderColor: '#343a4d' },
      });
      const candlesSeries = chart.addSeries(CandlestickSeries, {
        upColor: '#4ade80', downColor: '#ff7a7a', borderVisible: false, wickUpColor: '#4ade80', wickDownColor: '#ff7a7a',
      });
      series.current = candlesSeries as unknown as { setData(bars: Bar[]): void };
      series.current.setData(latest.current.map(toBar));
      chartRef.current = { chart: chart as unknown as ChartApi, LineSeries };
      drawOverlays(chartRef.current, lines.current, latestOverlays.current);
      chart.timeScale().fitContent();
      cleanup = () => chart.remove();
    }).catch(() => undefined);
    return () => {
      disposed = true;
      series.current = null;
      chartRef.current = null;
      lines.current.clear();
      cleanup();
    };
  }, []);

  useEffect(() => {
    series.current?.setData(candles.map(toBar));
  }, [candles]);

  useEffect(() => {
    if (chartRef.current) drawOverlays(chartRef.current, lines.current, overlays);
  }, [overlays]);

  return (
    <div class="chart" role="img" aria-label={label}>
      <div ref={holder} class="chart-canvas" />
      {candles.length === 0 && <p class="chart-empty muted">No trades yet: the chart starts with the first one.</p>}
    </div>
  );
}

function drawOverlays(target: { chart: ChartApi; LineSeries: unknown }, lines: Map<string, LineApi>, overlays: Overlay[]) {
  const wanted = new Set(overlays.map((o) => o.key));
  for (const [key, line] of lines) {
    if (!wanted.has(key)) {
      target.chart.removeSeries(line);
      lines.delete(key);
    }
  }
  for (const overlay of overlays) {
    let line = lines.get(overlay.key);
    if (!line) {
      line = target.chart.addSeries(target.LineSeries, { color: overlay.color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false });
      lines.set(overlay.key, line);
    }
    line.setData(overlay.points.map((p) => ({ time: Math.floor(Date.parse(p.start) / 1000), value: p.cents / 100 })));
  }
}

/** Adds a trade to the candles of `intervalSeconds`: the open candle grows, or a new one starts. */
export function withTrade(candles: Candle[], priceCents: number, quantity: number, at: string, intervalSeconds: number): Candle[] {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return candles;
  const start = Math.floor(time / 1000 / intervalSeconds) * intervalSeconds * 1000;
  const last = candles[candles.length - 1];
  if (last && Date.parse(last.start) === start) {
    return [...candles.slice(0, -1), {
      ...last,
      highCents: Math.max(last.highCents, priceCents),
      lowCents: Math.min(last.lowCents, priceCents),
      closeCents: priceCents,
      volume: last.volume + quantity,
    }];
  }
  if (last && Date.parse(last.start) > start) return candles; // an old trade the candles already hold
  return [...candles, { start: new Date(start).toISOString(), openCents: priceCents, highCents: priceCents, lowCents: priceCents, closeCents: priceCents, volume: quantity }];
}
