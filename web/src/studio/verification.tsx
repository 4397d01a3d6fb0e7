import { useState } from 'preact/hooks';
import { api } from '../api';
import { day } from '../format';
import { ErrorNote, Loaded, useAction, useAsync } from '../ui';

interface Verification {
  hostId: number;
  status: 'none' | 'pending' | 'verified' | 'rejected' | 'revoked';
  requestNote?: string | null;
  reviewNote?: string | null;
  requestedAt?: string | null;
  reviewedAt?: string | null;
}

/** The verified-host badge from the creator's side: ask for it, see it pending, granted or refused. */
export function VerificationCard({ hostId }: { hostId: number }) {
  const state = useAsync((signal) => api.get<Verification>('/api/me/host-verification', { signal }), [hostId]);
  const [note, setNote] = useState('');
  const [ask, busy, error] = useAction(async () => {
    const answer = await api.post<Verification>('/api/me/host-verification', note.trim() ? { note: note.trim() } : {});
    state.setData(answer);
    setNote('');
  });
  return (
    <section aria-labelledby="verification-title">
      <h2 id="verification-title">Verified host badge</h2>
      <div class="card stack">
        <Loaded state={state} label="Loading your badge…">
          {(v) => (
            <>
              {v.status === 'verified' && <p role="status"><span class="verified">✓ Verified host</span> since {day(v.reviewedAt)}. Viewers see the badge on your shows and <a href={`/hosts/${hostId}`}>your profile</a>.</p>}
              {v.status === 'pending' && <p role="status">Your request from {day(v.requestedAt)} is waiting for an admin's review.</p>}
              {(v.status === 'rejected' || v.status === 'revoked') && (
                <p role="status">{v.status === 'rejected' ? 'Your last request was not granted' : 'Your badge was taken back'}{v.reviewNote ? `: “${v.reviewNote}”` : '.'} You can ask again.</p>
              )}
              {(v.status === 'none' || v.status === 'rejected' || v.status === 'revoked') && (
                <form class="stack" onSubmit={(e) => { e.preventDefault(); ask(); }}>
                  {v.status === 'none' && <p class="small muted">The badge tells viewers an admin checked who you are. Tell the reviewer where to find you (shop, social accounts).</p>}
                  <div class="field">
                    <label for="verification-note">Note for the reviewer (optional)</label>
                    <textarea id="verification-note" maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
                  </div>
                  {error !== undefined && <ErrorNote error={error} />}
                  <p><button type="submit" class="button primary" disabled={busy}>Request verification</button></p>
                </form>
              )}
            </>
          )}
        </Loaded>
      </div>
    </section>
  );
}
