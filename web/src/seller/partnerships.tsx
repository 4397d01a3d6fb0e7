import { api, plainWords } from '../api';
import { day } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import { Empty, ErrorNote, Field, formValues, Loaded, Submit, useAction, useAsync } from '../ui';

interface Partnership {
  id: number;
  sellerId: number;
  creatorId: number;
  commissionBps: number;
  note?: string | null;
  status: 'invited' | 'accepted' | 'declined' | 'ended';
  createdAt: string;
}

/** Creator partnerships, from either side: a seller invites, the creator accepts or declines. */
export function Partnerships({ as }: { as: 'seller' | 'creator' }) {
  const session = useSession();
  const list = useAsync((signal) => api.get<Partnership[]>('/api/partnerships', { signal }), []);
  const [invite, busy, error] = useAction(async (values: Record<string, string>) => {
    const percent = Number(values.percent);
    if (!Number.isFinite(percent) || percent <= 0 || percent > 50) throw new Error('percent');
    await api.post('/api/partnerships', {
      creatorId: Number(values.creatorId), commissionBps: Math.round(percent * 100),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    });
    toast('Invitation sent.', 'success');
    list.reload();
  });
  const act = (p: Partnership, action: 'accept' | 'decline' | 'end') => api.post(`/api/partnerships/${p.id}/${action}`)
    .then(list.reload).catch((e) => toast(plainWords(e), 'error'));
  const mine = (list.data ?? []).filter((p) => (as === 'seller' ? p.sellerId : p.creatorId) === session?.user.id);
  return (
    <section aria-labelledby={`partners-${as}`}>
      <h2 id={`partners-${as}`}>{as === 'seller' ? 'Creator partnerships' : 'Seller partnerships'}</h2>
      <p class="muted">{as === 'seller' ? 'Creators who feature your products earn a commission on what sells in their shows.' : 'Sellers invite you to feature their products for a commission.'}</p>
      <Loaded state={list} label="Loading partnerships…">
        {() => mine.length === 0 ? <Empty title="No partnerships yet" /> : (
          <ul class="order-list">
            {mine.map((p) => (
              <li class="card row" style="justify-content:space-between">
                <span>{as === 'seller' ? `Creator #${p.creatorId}` : `Seller #${p.sellerId}`} · {(p.commissionBps / 100).toFixed(1)}% · <strong>{p.status}</strong> <span class="small muted">since {day(p.createdAt)}</span>{p.note ? <div class="small muted">{p.note}</div> : null}</span>
                <span class="row">
                  {as === 'creator' && p.status === 'invited' && <>
                    <button type="button" class="button primary small" onClick={() => act(p, 'accept')}>Accept</button>
                    <button type="button" class="button ghost small" onClick={() => act(p, 'decline')}>Decline</button>
                  </>}
                  {p.status === 'accepted' && <button type="button" class="button ghost small" onClick={() => act(p, 'end')}>End</button>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      {as === 'seller' && (
        <form class="card section" onSubmit={(e) => invite(formValues(e))} aria-label="Invite a creator">
          <div class="grid-2">
            <Field label="Creator's user number" name="creatorId" required inputMode="numeric" />
            <Field label="Commission (%)" name="percent" required inputMode="decimal" defaultValue="10" />
          </div>
          <Field label="Note (optional)" name="note" maxLength={500} />
          {error !== undefined && (error instanceof Error && error.message === 'percent' ? <p class="field-error" role="alert">Enter a commission between 0.01 and 50 percent.</p> : <ErrorNote error={error} />)}
          <Submit busy={busy}>Invite</Submit>
        </form>
      )}
    </section>
  );
}
