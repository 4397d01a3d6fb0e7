import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Instrument, Portfolio } from '../types';
import { ErrorNote, useAction } from '../ui';

interface Redeemed {
  symbol: string;
  status: 'delisted';
  orderId: number;
}

/**
 * A holder of every share of an instrument backed by a product takes the item home: one confirmation,
 * then the instrument is delisted and a $0 order ships it to their default address.
 */
export function RedeemItem({ instrument, portfolio, onRedeemed }: {
  instrument: Instrument;
  portfolio: Portfolio | null;
  onRedeemed: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<Redeemed | null>(null);
  const [redeem, busy, error] = useAction(async () => {
    const answer = await api.post<Redeemed>(`/api/market/instruments/${instrument.symbol}/redeem`);
    setDone(answer);
    onRedeemed();
  });
  if (done) {
    return (
      <section class="card" aria-labelledby="redeem-title" data-testid="redeemed">
        <h2 id="redeem-title">The item is yours</h2>
        <p>{done.symbol} is delisted. The seller ships the item to your default address:{' '}
          <a href={`/orders/${done.orderId}`}>order #{done.orderId}</a>, nothing to pay.</p>
      </section>
    );
  }
  const held = portfolio?.holdings.find((h) => h.symbol === instrument.symbol)?.shares ?? 0;
  if (instrument.status !== 'approved' || !instrument.productId || held < instrument.totalShares) return null;
  return (
    <section class="card" aria-labelledby="redeem-title">
      <h2 id="redeem-title">You hold every share</h2>
      {confirming ? (
        <>
          <p>Redeeming gives up all {instrument.totalShares} shares for the physical item: {instrument.symbol} is delisted,
            orders still on its book are cancelled, and the seller ships the item to your default address at no charge.</p>
          {error !== undefined && <ErrorNote error={error} />}
          <div class="row">
            <button type="button" class="button primary" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => redeem()}>Confirm redemption</button>
            <button type="button" class="button ghost" disabled={busy} onClick={() => setConfirming(false)}>Keep the shares</button>
          </div>
        </>
      ) : (
        <>
          <p class="small">You can take the item itself instead of the shares.</p>
          <button type="button" class="button" onClick={() => setConfirming(true)}>Redeem the item</button>
        </>
      )}
    </section>
  );
}
