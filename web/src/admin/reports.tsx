import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { money, when } from '../format';
import { toast } from '../toasts';
import { Empty, Loaded, useAsync } from '../ui';
import { DisputeCase, ReturnCase } from './buyer-protection';

type TargetType = 'chat_message' | 'user' | 'show' | 'product' | 'review' | 'market_instrument' | 'market_flag' | 'return_request' | 'payment_dispute';
type Action = 'remove_content' | 'dismiss' | 'warn_user' | 'timeout_user' | 'ban_from_show' | 'suspend_user';

interface Item {
  id: number;
  targetType: TargetType;
  targetId: number | string;
  status: 'open' | 'actioned' | 'dismissed';
  reportCount: number;
  reasons?: Record<string, number>;
  subjectUserIds?: number[];
  subjectName?: string | null;
  showId?: number | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  target: Record<string, any>;
  resolution?: { action: string | null; note: string | null; by: number; at: string } | null;
  lastReportedAt?: string | null;
  createdAt: string;
}

interface AuditEntry {
  id: number;
  source: 'queue' | 'show';
  actorId: number;
  actorName?: string;
  action: string;
  targetType: TargetType;
  targetId: number | string;
  itemId?: number | null;
  showId?: number | null;
  reason?: string | null;
  createdAt: string;
}

const TARGET_NAMES: Record<TargetType, string> = {
  chat_message: 'Chat message', user: 'User', show: 'Show', product: 'Product', review: 'Review',
  market_instrument: 'Market listing', market_flag: 'Market surveillance flag', return_request: 'Return request', payment_dispute: 'Card dispute',
};

const ACTION_NAMES: Record<string, string> = {
  remove_content: 'Remove', dismiss: 'Dismiss', warn_user: 'Warn', timeout_user: 'Time out', ban_from_show: 'Ban from show',
  suspend_user: 'Suspend', delete_message: 'Removed a message', timeout: 'Timed out', ban: 'Banned', unban: 'Lifted a ban',
  ban_user: 'Banned from Showfloor', lift_suspension: 'Lifted a suspension',
};

/** What "remove" does to each kind of target, so the button says it. */
const REMOVE_LABEL: Partial<Record<TargetType, string>> = {
  chat_message: 'Remove message', product: 'Take product down', review: 'Hide review', show: 'Take show down', market_instrument: 'Halt or reject listing',
};

function words(text: string): string {
  return text.replace(/_/g, ' ');
}

/** The moderators' queue of user reports and market flags: look, then act or dismiss. */
export function ReportQueue() {
  const [status, setStatus] = useState<'open' | 'actioned' | 'dismissed'>('open');
  const [type, setType] = useState<'' | TargetType>('');
  const queue = useAsync((signal) => api.get<{ items: Item[] }>(
    `/api/moderation/queue?status=${status}&limit=50${type ? `&targetType=${type}` : ''}`, { signal }), [status, type]);
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <div class="row">
        <div class="field">
          <label for="reports-status">Status</label>
          <select id="reports-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
            <option value="open">Open</option><option value="actioned">Acted on</option><option value="dismissed">Dismissed</option>
          </select>
        </div>
        <div class="field">
          <label for="reports-type">Kind</label>
          <select id="reports-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value as typeof type)}>
            <option value="">Everything</option>
            {(Object.keys(TARGET_NAMES) as TargetType[]).map((t) => <option value={t}>{TARGET_NAMES[t]}</option>)}
          </select>
        </div>
      </div>
      <Loaded state={queue} label="Loading the queue…">
        {(page) => page.items.length === 0 ? <Empty title={status === 'open' ? 'Nothing to review' : 'Nothing here'}>{status === 'open' ? 'Reports from people and market flags arrive here.' : null}</Empty> : (
          <ul class="order-list">
            {page.items.map((item) => <QueueItem item={item} onDone={(done) => queue.setData((p) => ({ items: (p?.items ?? []).map((i) => (i.id === done.id ? done : i)).filter((i) => i.status === status) }))} />)}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function Target({ item }: { item: Item }) {
  const t = item.target ?? {};
  switch (item.targetType) {
    case 'chat_message':
      return <p>“{t.text}” <span class="small muted">— {t.authorName}{t.showTitle ? <> in <a href={`/shows/${t.showId}`}>{t.showTitle}</a></> : null}{t.deleted ? ' · already removed' : ''}</span></p>;
    case 'user':
      return <p><a href={`/hosts/${item.targetId}`}>{t.displayName}</a> <span class="small muted">· {t.status}{t.suspendedUntil ? ` until ${when(t.suspendedUntil)}` : ''}</span></p>;
    case 'show':
      return <p><a href={`/shows/${item.targetId}`}>{t.title}</a> <span class="small muted">· {t.status}</span></p>;
    case 'product':
      return <p><a href={`/products/${item.targetId}`}>{t.title}</a> <span class="small muted">· {money(t.priceCents)} · {t.status}</span></p>;
    case 'review':
      return <p>“{t.text}” <span class="small muted">· {t.rating} of 5 on <a href={`/products/${t.productId}`}>the product</a>{t.hidden ? ' · hidden' : ''}</span></p>;
    case 'market_instrument':
      return <p><a href={`/market/${t.symbol}`}>{t.symbol}</a> {t.name} <span class="small muted">· {t.status}, {words(t.phase ?? '')}</span></p>;
    case 'market_flag':
      return <p>{words(t.kind ?? 'flag')} on <a href={`/market/${t.symbol}`}>{t.symbol}</a> <span class="small muted">· {t.detail ? JSON.stringify(t.detail) : ''}</span></p>;
    case 'return_request':
      return <ReturnCase target={t} open={false} onRuled={() => undefined} />;
    case 'payment_dispute':
      return <DisputeCase target={t} />;
  }
}

interface Report {
  id: number;
  reason: string;
  note: string | null;
  createdAt: string;
}

/** The reports behind an item, with the reporters' notes, loaded when a moderator opens them. */
function ReportNotes({ itemId }: { itemId: number }) {
  const [open, setOpen] = useState(false);
  const detail = useAsync((signal) => open ? api.get<{ reports?: Report[] }>(`/api/moderation/items/${itemId}`, { signal }) : Promise.resolve(null), [itemId, open]);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary class="small link-summary">Read the reports</summary>
      {open && (
        <Loaded state={detail} label="Loading the reports…">
          {(d) => (
            <ul class="queue">
              {(d?.reports ?? []).map((r) => (
                <li><span class="pill pill-soft">{words(r.reason)}</span> <span class="small muted">{when(r.createdAt)}</span>
                  {r.note ? <p>“{r.note}”</p> : <p class="small muted">No note.</p>}</li>
              ))}
            </ul>
          )}
        </Loaded>
      )}
    </details>
  );
}

function QueueItem({ item, onDone }: { item: Item; onDone: (item: Item) => void }) {
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const act = async (action: Action) => {
    setBusy(true);
    try {
      const body: Record<string, unknown> = { action, ...(note.trim() ? { note: note.trim() } : {}) };
      if (action === 'timeout_user') body.minutes = Number(minutes);
      if (action === 'suspend_user') body.days = Number(days);
      const answer = await api.post<{ item: Item }>(`/api/moderation/items/${item.id}/actions`, body);
      toast(action === 'dismiss' ? 'Dismissed: the reporters are told.' : `${ACTION_NAMES[action]}: done, and the reporters are told.`, 'success');
      onDone(answer.item);
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const hasSubject = (item.subjectUserIds?.length ?? 0) > 0 || item.targetType === 'user';
  const canRemove = item.targetType !== 'user' && item.targetType !== 'market_flag';
  const ids = `item-${item.id}`;
  if (item.targetType === 'return_request' || item.targetType === 'payment_dispute') {
    const reload = () => api.get<Item>(`/api/moderation/items/${item.id}`).then(onDone).catch((e) => toast(plainWords(e), 'error'));
    return (
      <li class="card stack" data-item-id={item.id} data-target-type={item.targetType} data-target-id={String(item.targetId)}>
        <p><strong>{TARGET_NAMES[item.targetType]}</strong>{item.subjectName ? <span class="muted"> · seller {item.subjectName}</span> : null}
          <span class="small muted"> · {when(item.createdAt)}</span></p>
        {item.targetType === 'return_request'
          ? <ReturnCase target={item.target} open={item.status === 'open'} onRuled={reload} />
          : <DisputeCase target={item.target} />}
      </li>
    );
  }
  return (
    <li class="card stack" data-item-id={item.id} data-target-type={item.targetType} data-target-id={String(item.targetId)}>
      <p class="row" style="justify-content:space-between">
        <span><strong>{TARGET_NAMES[item.targetType]}</strong>{item.subjectName ? <span class="muted"> by {item.subjectName}</span> : null}</span>
        <span class="small muted">{item.reportCount} {item.reportCount === 1 ? 'report' : 'reports'}
          {item.reasons && Object.keys(item.reasons).length > 0 && <> · {Object.entries(item.reasons).map(([r, n]) => `${words(r)} ${n}`).join(', ')}</>}
          {item.lastReportedAt && <> · {when(item.lastReportedAt)}</>}</span>
      </p>
      <Target item={item} />
      {item.reportCount > 0 && <ReportNotes itemId={item.id} />}
      {item.status !== 'open' ? (
        <p class="small muted">{item.status === 'dismissed' ? 'Dismissed' : words(item.resolution?.action ?? 'acted on')}{item.resolution?.note ? `: “${item.resolution.note}”` : ''}{item.resolution?.at ? ` · ${when(item.resolution.at)}` : ''}</p>
      ) : (
        <>
          <div class="field">
            <label for={`${ids}-note`}>Note for the record (optional)</label>
            <input id={`${ids}-note`} maxLength={1000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </div>
          <div class="row">
            {canRemove && <button type="button" class="button danger small" disabled={busy} onClick={() => act('remove_content')}>{REMOVE_LABEL[item.targetType] ?? 'Remove'}</button>}
            <button type="button" class="button ghost small" disabled={busy} onClick={() => act('dismiss')}>Dismiss</button>
            {hasSubject && <button type="button" class="button small" disabled={busy} onClick={() => act('warn_user')}>Warn</button>}
            {hasSubject && item.showId && <button type="button" class="button small" disabled={busy} onClick={() => act('ban_from_show')}>Ban from show</button>}
          </div>
          {hasSubject && (
            <div class="row">
              <label class="visually-hidden" for={`${ids}-minutes`}>Time-out minutes</label>
              <select id={`${ids}-minutes`} value={minutes} style="width:auto" onChange={(e) => setMinutes((e.target as HTMLSelectElement).value)}>
                <option value="10">10 minutes</option><option value="60">1 hour</option><option value="1440">1 day</option>
              </select>
              <button type="button" class="button small" disabled={busy} onClick={() => act('timeout_user')}>Time out</button>
              <label class="visually-hidden" for={`${ids}-days`}>Suspension days</label>
              <select id={`${ids}-days`} value={days} style="width:auto" onChange={(e) => setDays((e.target as HTMLSelectElement).value)}>
                <option value="1">1 day</option><option value="7">7 days</option><option value="30">30 days</option>
              </select>
              <button type="button" class="button danger small" disabled={busy} onClick={() => act('suspend_user')}>Suspend</button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** Every moderation action, newest first: the queue's decisions and the shows' own removals and bans. */
export function AuditTrail() {
  const [before, setBefore] = useState<number | null>(null);
  const audit = useAsync((signal) => api.get<{ items: AuditEntry[]; nextBefore?: number | null }>(
    `/api/moderation/audit?limit=50${before ? `&before=${before}` : ''}`, { signal }), [before]);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <Loaded state={audit} label="Loading the audit trail…">
        {(page) => page.items.length === 0 ? <Empty title="No moderation actions yet" /> : (
          <>
            <div class="table-wrap">
              <table class="stack-phone">
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">On</th><th scope="col">Note</th></tr></thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr data-audit-id={e.id}>
                      <td class="small">{when(e.createdAt)}</td>
                      <td data-label="Who">{e.actorName ?? `#${e.actorId}`}</td>
                      <td data-label="Action">{ACTION_NAMES[e.action] ?? words(e.action)} <span class="small muted">({e.source === 'queue' ? 'queue' : 'in show'})</span></td>
                      <td data-label="On">{TARGET_NAMES[e.targetType] ?? words(e.targetType)} {e.targetId}</td>
                      <td data-label="Note" class="small">{e.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="row section">
              {before !== null && <button type="button" class="button small" onClick={() => setBefore(null)}>Newest</button>}
              {page.nextBefore ? <button type="button" class="button small" onClick={() => setBefore(page.nextBefore!)}>Older</button> : null}
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
