import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { day } from '../format';
import { toast } from '../toasts';
import { ErrorNote, Field, formValues, Loaded, Submit, useAction, useAsync } from '../ui';

interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
  key?: string;
}

/** API keys for bots: created here (the key is shown once), listed by prefix, revoked at once. */
export function ApiKeys() {
  const keys = useAsync((signal) => api.get<ApiKey[]>('/api/me/api-keys', { signal }), []);
  const [fresh, setFresh] = useState<ApiKey | null>(null);
  const [create, busy, error] = useAction(async (values: Record<string, string>) => {
    const made = await api.post<ApiKey>('/api/me/api-keys', { name: values.name.trim() });
    setFresh(made);
    keys.reload();
  });
  const revoke = (key: ApiKey) => api.del(`/api/me/api-keys/${key.id}`)
    .then(() => {
      toast(`“${key.name}” no longer works.`);
      keys.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  return (
    <section class="section" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p class="muted">For bots and scripts: send the key as the <code>X-API-Key</code> header.</p>
      {fresh?.key && (
        <div class="note note-good" role="status">
          <p>Your new key — copy it now, it is not shown again:</p>
          <p><code data-testid="new-key">{fresh.key}</code></p>
        </div>
      )}
      <Loaded state={keys} label="Loading your keys…">
        {(list) => list.length === 0 ? <p class="muted small">No keys yet.</p> : (
          <ul class="order-list">
            {list.map((k) => (
              <li class="card row" style="justify-content:space-between">
                <span><strong>{k.name}</strong> <code>{k.prefix}…</code> <span class="small muted">made {day(k.createdAt)}{k.lastUsedAt ? `, last used ${day(k.lastUsedAt)}` : ', never used'}</span></span>
                <button type="button" class="button ghost small" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <form class="row section" onSubmit={(e) => create(formValues(e))} aria-label="New API key">
        <Field label="Name of the new key" name="name" required maxLength={60} placeholder="price-watcher bot" />
        <Submit busy={busy} class="button">Create key</Submit>
      </form>
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}
