import { money } from '../format';
import type { Book } from '../types';
import type { TicketPreset } from './ticket';

/**
 * The depth chart: cumulative shares wanted below each price (bids, green) and offered above it
 * (asks, red), as stepped areas in SVG. Its summary label carries the best prices. A click on a
 * step picks that level with every share up to it: a buy of the offers, or a sale to the bids
 * (the book's buttons do the same level by level, from the keyboard too).
 */
export function DepthChart({ book, onPick }: { book: Book; onPick?: (preset: Omit<TicketPreset, 'seq'>) => void }) {
  const width = 320;
  const height = 140;
  const bids = [...book.bids].sort((a, b) => b.priceCents - a.priceCents);
  const asks = [...book.asks].sort((a, b) => a.priceCents - b.priceCents);
  if (bids.length === 0 && asks.length === 0) {
    return <p class="muted small">The book is empty: no one is bidding or offering yet.</p>;
  }
  const prices = [...bids, ...asks].map((l) => l.priceCents);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const pad = Math.max((high - low) * 0.15, 1);
  const left = low - pad;
  const right = high + pad;
  const base = height - 4;
  const totalOf = (levels: typeof bids) => levels.reduce((n, l) => n + l.quantity, 0);
  const most = Math.max(1, totalOf(bids), totalOf(asks));
  const x = (price: number) => ((price - left) / (right - left)) * width;
  const y = (total: number) => base - (total / most) * (height - 12);
  // from the best price outward: each level raises the step; the last one runs to the edge
  const steps = (levels: typeof bids, edge: number) => {
    if (levels.length === 0) return '';
    let total = 0;
    let path = `M${x(levels[0].priceCents)},${base}`;
    levels.forEach((level, i) => {
      total += level.quantity;
      const next = i + 1 < levels.length ? x(levels[i + 1].priceCents) : edge;
      path += ` L${x(level.priceCents)},${y(total)} L${next},${y(total)}`;
    });
    return `${path} L${edge},${base} Z`;
  };
  const b = { path: steps(bids, 0), total: totalOf(bids) };
  const a = { path: steps(asks, width), total: totalOf(asks) };
  // the level whose step is under the pointer: the nearest price on the side of the click
  const pick = (event: MouseEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    if (!onPick || box.width === 0) return;
    const price = left + ((event.clientX - box.left) / box.width) * (right - left);
    const middle = bids[0] && asks[0] ? (bids[0].priceCents + asks[0].priceCents) / 2 : asks[0] ? -Infinity : Infinity;
    const levels = price >= middle ? asks : bids;
    let index = 0;
    levels.forEach((level, i) => {
      if (Math.abs(level.priceCents - price) < Math.abs(levels[index].priceCents - price)) index = i;
    });
    if (levels.length === 0) return;
    onPick({
      side: levels === asks ? 'buy' : 'sell',
      priceCents: levels[index].priceCents,
      quantity: totalOf(levels.slice(0, index + 1)),
    });
  };
  const label = `Depth: best bid ${bids[0] ? money(bids[0].priceCents) : 'none'}, best offer ${asks[0] ? money(asks[0].priceCents) : 'none'}; `
    + `${b.total} shares bid, ${a.total} offered`;
  return (
    <svg class={onPick ? 'depth pickable' : 'depth'} onClick={pick} data-testid="depth-chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={b.path} class="depth-bids" vector-effect="non-scaling-stroke" />
      <path d={a.path} class="depth-asks" vector-effect="non-scaling-stroke" />
    </svg>
  );
}
