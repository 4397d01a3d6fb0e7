import { useState } from 'preact/hooks';
import { api, idempotencyKey } from '../api';
import { day, money, parseCents } from '../format';
import { toast } from '../toasts';
import { Empty, ErrorNote, Loaded, Submit, useAction, useAsync } from '../ui';
import { REASONS, STATUS_TEXT, type ReturnRequest } from '../commerce/returns';

/** The seller's queue of return requests: accept (all or part, a return label if they want the item back) or decline with a reason. */
export function SellerReturns() {
  const [status, setStatus] = useState<'open' | ''>('open');
  const requests = useAsync((signal) => api.get<{ items: ReturnRequest[] }>(
    `/api/seller/return-requests?limit=50${status ? `&status=${status}` : ''}`, { signal }), [status]);
  return (
    <section aria-labelledby="returns-title">
      <h2 id="returns-title">Return requests</h2>
      <div class="field" style="max-width:260px">
        <label for="returns-status">Show</label>
        <select id="returns-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
          <option value="open">Waiting for you</option><option value="">All requests</option>
        </select>
      </div>
      <Loaded state={requests} label="Loading requests…">
        {(page) => page.items.length === 0 ? <Empty title="No requests">Buyers’ refund and return requests appear here.</Empty> : (
          <ul class="order-list">
            {page.items.map((r) => <RequestRow request={r} onDone={requests.reload} />)}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function RequestRow({ request, onDone }: { request: ReturnRequest; onDone: () => void }) {
  const [mode, setMode] = useState<'none' | 'accept' | 'decline'>('none');
  const [amount, setAmount] = useState('');
  const [label, setLabel] = useState('');
  const [why, setWhy] = useState('');
  const [key] = useState(idempotencyKey);
  const [accept, accepting, acceptError] = useAction(async (event: Event) => {
    event.preventDefault();
    const cents = amount.trim() ? parseCents(amount) : null;
    if (amount.trim() && !cents) {
      toast('Write the refund in dollars and cents, e.g. 20.00.', 'error');
      return;
    }
    await api.post(`/api/return-requests/${request.id}/accept`, {
      ...(cents ? { refundCents: cents } : {}), ...(label.trim() ? { returnLabelUrl: label.trim() } : {}),
    }, { idempotencyKey: key });
    toast(`Refunded order #${request.orderId}; the buyer is told.`, 'success');
    onDone();
  });
  const [decline, declining, declineError] = useAction(async (event: Event) => {
    event.preventDefault();
    await api.post(`/api/return-requests/${request.id}/decline`, { reason: why.trim() }, { idempotencyKey: key });
    toast('Declined; the buyer may ask Showfloor to decide.', 'success');
    onDone();
  });
  return (
    <li class="card stack" data-request-id={request.id} data-request-status={request.status}>
      <p><strong>Order <a href={`/orders/${request.orderId}`}>#{request.orderId}</a></strong> · {REASONS[request.reason]}
        <span class="small muted"> · {day(request.createdAt)} · {STATUS_TEXT[request.status]}</span></p>
      <p>“{request.message}”</p>
      {request.status === 'open' && request.respondBy && <p class="small muted">Answer by {day(request.respondBy)}, or Showfloor’s moderators decide.</p>}
      {request.refundCents ? <p class="small">Refunded {money(request.refundCents)}</p> : null}
      {request.status === 'open' && (
        <div class="row">
          <button type="button" class="button primary small" aria-expanded={mode === 'accept' ? 'true' : 'false'} onClick={() => setMode('accept')}>Accept</button>
          <button type="button" class="button ghost small" aria-expanded={mode === 'decline' ? 'true' : 'false'} onClick={() => setMode('decline')}>Decline</button>
        </div>
      )}
      {request.status === 'open' && mode === 'accept' && (
        <form class="stack" aria-label={`Accept the request on order ${request.orderId}`} onSubmit={accept}>
          <div class="field">
            <label for={`amount-${request.id}`}>Refund (leave empty for everything left)</label>
            <input id={`amount-${request.id}`} inputMode="decimal" placeholder="e.g. 20.00" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for={`label-${request.id}`}>Return label link (optional)</label>
            <input id={`label-${request.id}`} type="url" maxLength={500} placeholder="https://…" value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
          </div>
          <Submit busy={accepting}>Refund the buyer</Submit>
          {acceptError !== undefined && <ErrorNote error={acceptError} />}
        </form>
      )}
      {request.status === 'open' && mode === 'decline' && (
        <form class="stack" aria-label={`Decline the request on order ${request.orderId}`} onSubmit={decline}>
          <div class="field">
            <label for={`why-${request.id}`}>Why (the buyer reads this)</label>
            <textarea id={`why-${request.id}`} required maxLength={1000} value={why} onInput={(e) => setWhy((e.target as HTMLTextAreaElement).value)} />
          </div>
          <Submit busy={declining} class="button danger">Decline the request</Submit>
          {declineError !== undefined && <ErrorNote error={declineError} />}
        </form>
      )}
    </li>
  );
}
