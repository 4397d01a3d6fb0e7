import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { money } from '../format';
import type { LotEstimate } from './types';

/** Likely final price of a lot (10th–90th percentile of similar lots) and how often such ranges held. */
export function LotEstimateNote({ lotId, status, currentPriceCents }: { lotId: number; status: string; currentPriceCents: number }) {
  const [estimate, setEstimate] = useState<LotEstimate | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api.get<LotEstimate>(`/api/lots/${lotId}/estimate`, { signal: controller.signal }).then(setEstimate).catch(() => setEstimate(null));
    return () => controller.abort();
  }, [lotId, status]);
  if (!estimate) return null;
  // a lot that sells sells at or above the standing bid: the range follows it without a new request
  const floor = status === 'open' ? currentPriceCents : 0;
  const low = Math.max(estimate.lowCents, floor);
  const high = Math.max(estimate.highCents, floor);
  return (
    <p class="small lot-estimate" data-testid="lot-estimate">
      Likely to sell for <strong>{money(low)}–{money(high)}</strong>
      <span class="muted"> (from {estimate.similarLots} similar lots by {estimate.basis}; such ranges held {Math.round(estimate.coverage.rate * 100)}% of {estimate.coverage.heldOutLots} recent sales)</span>
    </p>
  );
}
