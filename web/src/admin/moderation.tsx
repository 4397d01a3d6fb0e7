import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { time } from '../format';
import { live } from '../live';
import { toast } from '../toasts';
import type { ChatMessage, Page as ListPage, Show } from '../types';
import { Empty, Loaded, useAsync } from '../ui';

interface Sanction {
  userId: number;
  displayName?: string;
  kind?: string;
  type?: string;
  until?: string | null;
  reason?: string | null;
}

/**
 * Live chat moderation across shows: pick a live show, watch its chat arrive, and remove a
 * message, time its author out or ban them. Viewers see a removed message disappear at once.
 */
export function ChatModeration() {
  const shows = useAsync((signal) => api.get<ListPage<Show>>('/api/shows?status=live&limit=50', { signal }), []);
  const [showId, setShowId] = useState<number | null>(null);
  useEffect(() => {
    if (showId === null && shows.data?.items.length) setShowId(shows.data.items[0].id);
  }, [shows.data]);
  return (
    <section aria-labelledby="moderation-title">
      <h2 id="moderation-title">Live chat moderation</h2>
      <Loaded state={shows} label="Finding live shows…">
        {(page) => page.items.length === 0 ? <Empty title="No show is live" /> : (
          <>
            <div class="field" style="max-width:420px">
              <label for="moderate-show">Show</label>
              <select id="moderate-show" value={showId ?? ''} onChange={(e) => setShowId(Number((e.target as HTMLSelectElement).value))}>
                {page.items.map((s) => <option value={s.id}>{s.title} ({s.viewerCount ?? 0} watching)</option>)}
              </select>
            </div>
            {showId !== null && <ShowChatQueue showId={showId} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function ShowChatQueue({ showId }: { showId: number }) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const sanctions = useAsync((signal) => api.get<Sanction[]>(`/api/shows/${showId}/sanctions`, { signal }).catch((): Sanction[] => []), [showId]);

  useEffect(() => {
    setMessages([]);
    return live.subscribe(`show:${showId}`, (frame) => {
      const data = frame.data ?? {};
      if (frame.type === 'snapshot' && Array.isArray(data.recentChat)) setMessages(data.recentChat);
      if (frame.type === 'chat.message') setMessages((m) => [...m.filter((x) => x.id !== data.id), data].slice(-100));
      if (frame.type === 'chat.deleted') setMessages((m) => m.filter((x) => x.id !== data.id));
    });
  }, [showId]);

  const remove = (m: ChatMessage) => api.del(`/api/shows/${showId}/chat/${m.id}`)
    .then(() => {
      setMessages((list) => list.filter((x) => x.id !== m.id));
      toast(`Removed the message from ${m.displayName}.`, 'success');
    })
    .catch((e) => toast(plainWords(e), 'error'));
  const timeout = (m: ChatMessage) => api.post(`/api/shows/${showId}/timeouts`, { userId: m.userId, minutes: 10, reason: `Chat: “${m.text.slice(0, 200)}”` })
    .then(() => {
      toast(`${m.displayName} is timed out for 10 minutes.`, 'success');
      sanctions.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  const ban = (m: ChatMessage) => api.post(`/api/shows/${showId}/bans`, { userId: m.userId, deleteMessages: true, reason: `Chat: “${m.text.slice(0, 200)}”` })
    .then(() => {
      setMessages((list) => list.filter((x) => x.userId !== m.userId));
      toast(`${m.displayName} is banned from the show and their messages are gone.`, 'success');
      sanctions.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));

  return (
    <div class="moderation-grid">
      <div class="card" aria-label="Chat queue">
        {messages.length === 0 ? <p class="muted">No messages yet.</p> : (
          <ol class="queue">
            {[...messages].reverse().map((m) => (
              <li data-message-id={m.id}>
                <div><strong>{m.displayName}</strong> <span class="small muted">{time(m.createdAt)}</span></div>
                <p>{m.text}</p>
                <div class="row">
                  <button type="button" class="button small danger" onClick={() => remove(m)} aria-label={`Remove “${m.text}” by ${m.displayName}`}>Remove</button>
                  <button type="button" class="button small ghost" onClick={() => timeout(m)}>Time out 10 min</button>
                  <button type="button" class="button small ghost" onClick={() => ban(m)}>Ban</button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div class="card" aria-labelledby="audit-title">
        <h3 id="audit-title">Active sanctions</h3>
        <Loaded state={sanctions}>
          {(list) => list.length === 0 ? <p class="muted small">None.</p> : (
            <ul class="order-list">
              {list.map((s) => <li class="small">{s.displayName ?? `User #${s.userId}`}: {s.kind ?? s.type}{s.until ? ` until ${time(s.until)}` : ''}{s.reason ? ` — ${s.reason}` : ''}</li>)}
            </ul>
          )}
        </Loaded>
      </div>
    </div>
  );
}
