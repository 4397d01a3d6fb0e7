import { useEffect, useRef } from 'preact/hooks';

export interface Point {
  /** the bucket's UTC day, YYYY-MM-DD */
  day: string;
  value: number;
}

/**
 * Values per day or week as bars (or a line) with lightweight-charts, loaded on demand. Canvas
 * charts say nothing to screen readers, so the same numbers are in a table under "Show the numbers".
 */
export function SeriesChart({ title, points, format, kind = 'bars', color = '#ff5c7c', testId, whole, levels }: {
  title: string;
  points: Point[];
  format: (value: number) => string;
  /** counts: the scale steps in whole numbers */
  whole?: boolean;
  /** each value is a level on its day (equity, P&L to date), not an amount per period: no total, zeros shown */
  levels?: boolean;
  kind?: 'bars' | 'line';
  color?: string;
  testId?: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const key = points.map((p) => `${p.day}:${p.value}`).join();
  useEffect(() => {
    let disposed = false;
    let remove = () => undefined as void;
    import('lightweight-charts').then(({ createChart, HistogramSeries, LineSeries, ColorType }) => {
      if (disposed || !holder.current) return;
      const chart = createChart(holder.current, {
        autoSize: true,
        layout: { background: { type: ColorType.Solid, color: '#181b24' }, textColor: '#b3b9c9', attributionLogo: false },
        grid: { vertLines: { visible: false }, horzLines: { color: '#262b3a' } },
        timeScale: { borderColor: '#343a4d' },
        rightPriceScale: { borderColor: '#343a4d' },
        localization: { priceFormatter: format },
        handleScroll: false,
        handleScale: false,
      });
      const data = points.map((p) => ({ time: p.day, value: p.value }));
      const priceFormat = { type: 'custom' as const, formatter: format, minMove: whole ? 1 : 0.01 };
      if (kind === 'line') chart.addSeries(LineSeries, { color, lineWidth: 2, priceFormat }).setData(data);
      else chart.addSeries(HistogramSeries, { color, priceFormat }).setData(data);
      chart.timeScale().fitContent();
      remove = () => chart.remove();
    }).catch(() => undefined);
    return () => {
      disposed = true;
      remove();
    };
  }, [key, kind, color, whole]);
  const total = points.reduce((n, p) => n + p.value, 0);
  return (
    <figure class="card series-chart" data-testid={testId}>
      <figcaption><strong>{title}</strong></figcaption>
      <div class="chart chart-small" aria-hidden="true"><div ref={holder} class="chart-canvas" /></div>
      <details>
        <summary class="small">Show the numbers</summary>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead><tr><th scope="col">Period</th><th scope="col" class="num">{title}</th></tr></thead>
            <tbody>{points.filter((p) => levels || p.value !== 0).map((p) => <tr><td>{p.day}</td><td class="num">{format(p.value)}</td></tr>)}</tbody>
            {!levels && <tfoot><tr><th scope="row">Total</th><td class="num">{format(total)}</td></tr></tfoot>}
          </table>
        </div>
      </details>
    </figure>
  );
}
