import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { day } from '../format';
import { toast } from '../toasts';
import { Empty, Loaded, useAsync } from '../ui';

interface Request {
  hostId: number;
  displayName: string;
  status: string;
  requestNote: string | null;
  requestedAt: string;
}

/** Pending verified-host requests, oldest first: look at the host, then grant or refuse with a note. */
export function HostVerifications() {
  const pending = useAsync((signal) => api.get<Request[]>('/api/admin/host-verifications', { signal }), []);
  return (
    <section aria-labelledby="verifications-title">
      <h2 id="verifications-title">Host verification requests</h2>
      <Loaded state={pending} label="Loading requests…">
        {(list) => list.length === 0 ? <Empty title="No requests waiting">Creators ask for the badge from their studio.</Empty> : (
          <ul class="order-list">
            {list.map((r) => <RequestCard request={r} onDone={() => pending.setData((l) => (l ?? []).filter((x) => x.hostId !== r.hostId))} />)}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function RequestCard({ request, onDone }: { request: Request; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'verified' | 'rejected') => {
    setBusy(true);
    try {
      await api.put(`/api/admin/hosts/${request.hostId}/verification`, { decision, ...(note.trim() ? { note: note.trim() } : {}) });
      toast(decision === 'verified' ? `${request.displayName} is now a verified host.` : `${request.displayName}'s request was refused.`, 'success');
      onDone();
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const noteId = `review-note-${request.hostId}`;
  return (
    <li class="card stack" data-host-id={request.hostId}>
      <p><a href={`/hosts/${request.hostId}`}><strong>{request.displayName}</strong></a> <span class="small muted">asked {day(request.requestedAt)}</span></p>
      {request.requestNote ? <p class="product-description">“{request.requestNote}”</p> : <p class="small muted">No note.</p>}
      <div class="field">
        <label for={noteId}>Note to {request.displayName} (optional)</label>
        <input id={noteId} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
      </div>
      <div class="row">
        <button type="button" class="button primary small" disabled={busy} onClick={() => decide('verified')}>Verify {request.displayName}</button>
        <button type="button" class="button ghost small" disabled={busy} onClick={() => decide('rejected')}>Refuse</button>
      </div>
    </li>
  );
}
