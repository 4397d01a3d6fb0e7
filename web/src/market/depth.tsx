import { money } from '../format';
import type { Book } from '../types';

/**
 * The depth chart: cumulative shares wanted below each price (bids, green) and offered above it
 * (asks, red), as stepped areas in SVG. Its summary label carries the best prices.
 */
export function DepthChart({ book }: { book: Book }) {
  const width = 320;
  const height = 140;
  const bids = [...book.bids].sort((a, b) => b.priceCents - a.priceCents);
  const asks = [...book.asks].sort((a, b) => a.priceCents - b.priceCents);
  if (bids.length === 0 && asks.length === 0) {
    return <p class="muted small">The book is empty: no one is bidding or offering yet.</p>;
  }
  const cumulative = (levels: typeof bids) => {
    let total = 0;
    return levels.map((l) => ({ price: l.priceCents, total: (total += l.quantity) }));
  };
  const b = cumulative(bids);
  const a = cumulative(asks);
  const prices = [...b, ...a].map((p) => p.price);
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  const span = high - low || 1;
  const most = Math.max(1, ...b.map((p) => p.total), ...a.map((p) => p.total));
  const x = (price: number) => ((price - low) / span) * (width - 8) + 4;
  const y = (total: number) => height - 4 - (total / most) * (height - 12);
  const steps = (points: { price: number; total: number }[]) => {
    if (points.length === 0) return '';
    let path = `M${x(points[0].price)},${height - 4}`;
    let previous = height - 4;
    for (const p of points) {
      path += ` L${x(p.price)},${previous} L${x(p.price)},${y(p.total)}`;
      previous = y(p.total);
    }
    const edge = points.length > 0 ? x(points[points.length - 1].price) : 0;
    return `${path} L${edge},${height - 4} Z`;
  };
  const label = `Depth: best bid ${bids[0] ? money(bids[0].priceCents) : 'none'}, best offer ${asks[0] ? money(asks[0].priceCents) : 'none'}; `
    + `${b.length ? b[b.length - 1].total : 0} shares bid, ${a.length ? a[a.length - 1].total : 0} offered`;
  return (
    <svg class="depth" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={steps(b)} class="depth-bids" />
      <path d={steps(a)} class="depth-asks" />
    </svg>
  );
}
