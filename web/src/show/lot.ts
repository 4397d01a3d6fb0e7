import { useEffect, useState } from 'preact/hooks';
import { live } from '../live';
import type { Lot } from '../types';

const STATUS_RANK: Record<string, number> = { queued: 0, open: 1, sold: 2, unsold: 2, cancelled: 2 };

/**
 * True when `next` is at least as new as `current`. HTTP answers and socket frames race; a lot
 * only moves forward (status, then bid count, then deadline), so the older of the two is dropped.
 */
export function isNewer(current: Lot | null, next: Lot): boolean {
  if (!current || current.id !== next.id) return true;
  const a = STATUS_RANK[current.status] ?? 0;
  const b = STATUS_RANK[next.status] ?? 0;
  if (a !== b) return b > a;
  if (current.bidCount !== next.bidCount) return next.bidCount > current.bidCount;
  return (Date.parse(next.endsAt ?? '') || 0) >= (Date.parse(current.endsAt ?? '') || 0);
}

/** The lot as the server sees it now: its snapshot, then every event on lot:<id>. */
export function useLiveLot(lotId: number | null, initial: Lot | null) {
  const [lot, setLotRaw] = useState<Lot | null>(initial);
  const offer = (next: Lot | null | undefined) => {
    if (next && typeof next.id === 'number') setLotRaw((current) => (isNewer(current, next) ? next : current));
  };

  useEffect(() => {
    setLotRaw(initial && initial.id === lotId ? initial : null);
    if (lotId === null) return;
    return live.subscribe(`lot:${lotId}`, (frame) => {
      const data = frame.data ?? {};
      switch (frame.type) {
        case 'snapshot':
          // a snapshot is the truth after a (re)connect, even when it looks older than what we had
          if (data && typeof data.id === 'number') setLotRaw(data.lot ?? data);
          else if (data.lot) setLotRaw(data.lot);
          break;
        case 'bid.accepted':
        case 'lot.closed':
          if (data.lot) offer(data.lot);
          else setLotRaw((current) => current && { ...current, ...pick(data) });
          break;
        case 'lot.extended':
          setLotRaw((current) => current && data.endsAt ? { ...current, endsAt: data.endsAt } : current);
          break;
        case 'lot.opened':
        case 'lot.cancelled':
        case 'lot.updated':
          offer(data.lot ?? data);
          break;
      }
    });
  }, [lotId]);

  return [lot, offer] as const;
}

function pick(data: Record<string, unknown>): Partial<Lot> {
  const fields: Partial<Lot> = {};
  if (typeof data.amountCents === 'number') fields.currentPriceCents = data.amountCents;
  for (const key of ['bidCount', 'endsAt', 'minNextBidCents', 'highBidderId', 'reserveMet', 'status', 'winnerId', 'orderId'] as const) {
    if (key in data) (fields as Record<string, unknown>)[key] = data[key];
  }
  return fields;
}
