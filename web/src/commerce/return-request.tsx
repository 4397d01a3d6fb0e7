import { useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { day, money } from '../format';
import { toast } from '../toasts';
import { ErrorNote, Loaded, Submit, useAction, useAsync } from '../ui';
import type { Order } from './types';
import { REASONS, REFUNDABLE, STATUS_TEXT, type ReturnReason, type ReturnRequest } from './returns';

/**
 * The buyer's side of buyer protection on their order page: the latest request's status, or a
 * "Request a refund" form; a declined request can be escalated to the moderators from here.
 */
export function ReturnRequestPanel({ order }: { order: Order }) {
  const requests = useAsync((signal) => api.get<{ items: ReturnRequest[] }>(`/api/me/return-requests?orderId=${order.id}&limit=1`, { signal }), [order.id]);
  const [asking, setAsking] = useState(false);
  return (
    <section class="stack" aria-labelledby={`refund-${order.id}`} data-testid="return-request">
      <h2 id={`refund-${order.id}`}>Refunds and returns</h2>
      <Loaded state={requests} label="Loading your requests…">
        {(page) => {
          const latest = page.items[0];
          const unsettled = latest && ['open', 'declined', 'escalated'].includes(latest.status);
          return (
            <>
              {latest && <RequestStatus request={latest} onChange={requests.reload} />}
              {!unsettled && REFUNDABLE.includes(order.status) && (asking
                ? <RequestForm order={order} onDone={() => { setAsking(false); requests.reload(); }} />
                : <button type="button" class="button" onClick={() => setAsking(true)}>Request a refund</button>)}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function RequestStatus({ request, onChange }: { request: ReturnRequest; onChange: () => void }) {
  const [escalate, busy, error] = useAction(async () => {
    await api.post(`/api/return-requests/${request.id}/escalate`, undefined, { idempotencyKey: idempotencyKey() });
    toast('Sent to Showfloor’s moderators. We’ll tell you what they decide.', 'success');
    onChange();
  });
  return (
    <div class="card stack" data-request-status={request.status}>
      <p><strong>{STATUS_TEXT[request.status]}</strong> <span class="small muted">· {REASONS[request.reason]} · {day(request.createdAt)}</span></p>
      <p class="small">“{request.message}”</p>
      {request.status === 'open' && request.respondBy && (
        <p class="small muted">The seller answers by {day(request.respondBy)}; if they don’t, Showfloor’s moderators decide.</p>
      )}
      {request.refundCents ? <p>Refunded: <strong>{money(request.refundCents)}</strong> to your card.</p> : null}
      {request.returnLabelUrl && <p><a href={request.returnLabelUrl} rel="noopener noreferrer" target="_blank">Return label</a></p>}
      {request.declineReason && <p class="small">The seller says: “{request.declineReason}”</p>}
      {request.decisionNote && <p class="small">Moderators’ note: “{request.decisionNote}”</p>}
      {request.status === 'declined' && (
        <button type="button" class="button primary" disabled={busy} onClick={() => escalate()}>Ask Showfloor to decide</button>
      )}
      {error !== undefined && <ErrorNote error={error} />}
    </div>
  );
}

function RequestForm({ order, onDone }: { order: Order; onDone: () => void }) {
  const delivered = Boolean(order.deliveredAt);
  const [reason, setReason] = useState<ReturnReason>(delivered ? 'not_as_described' : 'not_received');
  const [message, setMessage] = useState('');
  const [key] = useState(idempotencyKey);
  const [send, busy, error] = useAction(async (event: Event) => {
    event.preventDefault();
    await api.post(`/api/orders/${order.id}/return-requests`, { reason, message: message.trim() }, { idempotencyKey: key });
    toast('Your request is with the seller.', 'success');
    onDone();
  });
  const reasons = (Object.keys(REASONS) as ReturnReason[]).filter((r) => delivered || r === 'not_received');
  return (
    <form class="card stack" aria-label="Request a refund" onSubmit={send}>
      <div class="field">
        <label for={`reason-${order.id}`}>What happened?</label>
        <select id={`reason-${order.id}`} value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value as ReturnReason)}>
          {reasons.map((r) => <option value={r}>{REASONS[r]}</option>)}
        </select>
        {!delivered && <p class="field-hint">Until it is delivered, you can only tell us it hasn’t arrived.</p>}
      </div>
      <div class="field">
        <label for={`message-${order.id}`}>Tell the seller more</label>
        <textarea id={`message-${order.id}`} required maxLength={2000} value={message}
          onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} />
        <p class="field-hint">Photos are not supported yet: describe what you see.</p>
      </div>
      <Submit busy={busy}>Send the request</Submit>
      {error !== undefined && <p class="note note-error" role="alert">{plainWords(error)}</p>}
    </form>
  );
}
