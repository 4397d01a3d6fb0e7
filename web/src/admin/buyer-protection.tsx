import { useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { day, money, when } from '../format';
import { toast } from '../toasts';
import { REASONS, STATUS_TEXT, type ReturnReason, type ReturnStatus } from '../commerce/returns';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** An order as evidence: what was bought, where it went, how it was tracked and who confirmed delivery. */
function Evidence({ order }: { order: Json }) {
  const address = order.shippingAddress as Json | null;
  return (
    <dl class="facts small" data-testid="evidence">
      <dt>Order</dt><dd><a href={`/orders/${order.orderId}`}>#{order.orderId}</a> · {money(order.totalCents)} paid {day(order.paidAt)}{order.refundedCents ? ` · ${money(order.refundedCents)} refunded` : ''}</dd>
      <dt>Items</dt><dd>{(order.lines as Json[] | null ?? []).map((l) => `${l.quantity} × ${l.title}`).join(', ')}</dd>
      <dt>Ship to</dt><dd>{address ? ['name', 'line1', 'city', 'postalCode', 'country'].map((k) => address[k]).filter(Boolean).join(', ') : 'no address'}</dd>
      <dt>Tracking</dt><dd>{order.trackingNumber ? `${order.carrier ?? ''} ${order.trackingNumber}, shipped ${day(order.shippedAt)}` : 'not shipped'}</dd>
      <dt>Delivery</dt><dd>{order.deliveredAt ? `${day(order.deliveredAt)} (${order.deliveryConfirmedBy === 'buyer' ? 'confirmed by the buyer' : 'confirmed automatically'})` : 'not delivered'}</dd>
    </dl>
  );
}

/** An escalated return request in the queue: the case, the order's evidence, and the ruling. */
export function ReturnCase({ target, open, onRuled }: { target: Json; open: boolean; onRuled: () => void }) {
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(idempotencyKey);
  const rule = async (outcome: 'refund' | 'reject') => {
    const cents = amount.trim() ? Number(amount.replace(/[$,\s]/g, '')) * 100 : null;
    if (cents !== null && !(Number.isInteger(Math.round(cents)) && cents > 0)) {
      toast('Write the refund in dollars and cents, e.g. 20.00.', 'error');
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/return-requests/${target.requestId}/rule`, {
        outcome, ...(outcome === 'refund' && cents ? { refundCents: Math.round(cents) } : {}), ...(note.trim() ? { note: note.trim() } : {}),
      }, { idempotencyKey: key });
      toast(outcome === 'refund' ? 'Refunded; buyer and seller are told.' : 'Rejected; buyer and seller are told.', 'success');
      onRuled();
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const id = `case-${target.requestId}`;
  return (
    <div class="stack">
      <p>{REASONS[target.reason as ReturnReason]}: “{target.message}” <span class="small muted">· {STATUS_TEXT[target.status as ReturnStatus]}
        {target.escalatedBy === 'automatic' ? ' · the seller did not answer' : ''}</span></p>
      {target.declineReason && <p class="small">The seller declined: “{target.declineReason}”</p>}
      {target.order && <Evidence order={target.order} />}
      {open && (
        <div class="row">
          <div class="field">
            <label for={`${id}-amount`}>Refund (empty: everything left)</label>
            <input id={`${id}-amount`} inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for={`${id}-note`}>Note to both</label>
            <input id={`${id}-note`} maxLength={1000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </div>
          <button type="button" class="button primary small" disabled={busy} onClick={() => rule('refund')}>Refund the buyer</button>
          <button type="button" class="button ghost small" disabled={busy} onClick={() => rule('reject')}>Reject</button>
        </div>
      )}
    </div>
  );
}

/** A card dispute: what the bank disputes, by when to answer, and the evidence to submit at the payment provider. */
export function DisputeCase({ target }: { target: Json }) {
  return (
    <div class="stack">
      <p>{money(target.amountCents)} disputed ({String(target.reason ?? 'no reason').replace(/_/g, ' ')}) · <strong>{target.status}</strong>
        {target.evidenceDueBy ? <span class="small muted"> · evidence due {when(target.evidenceDueBy)}</span> : null}</p>
      <p class="small muted">The card network decides. Submit this evidence at {target.provider === 'stripe' ? 'Stripe' : target.provider} for dispute {target.providerDisputeId}; the seller’s money stays held until it closes.</p>
      {(target.orders as Json[] ?? []).map((o) => <Evidence order={o} />)}
    </div>
  );
}
