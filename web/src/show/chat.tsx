import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { time } from '../format';
import { useSession } from '../session';
import { ReportButton } from '../moderation/report';
import type { ChatMessage } from '../types';

export function Chat({ showId, messages, canChat, moderator, onDelete }: {
  showId: number;
  messages: ChatMessage[];
  canChat: boolean;
  moderator: boolean;
  onDelete: (id: number) => void;
}) {
  const session = useSession();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  // follow new messages unless the reader scrolled up to read older ones
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length]);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const send = async (event: Event) => {
    event.preventDefault();
    const message = text.trim();
    if (!message) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/shows/${showId}/chat`, { text: message });
      setText('');
      stick.current = true;
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await api.del(`/api/shows/${showId}/chat/${id}`);
      onDelete(id);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section class="chat card" aria-labelledby="chat-title">
      <h2 id="chat-title" class="chat-title">Chat</h2>
      <div class="chat-list" ref={list} role="log" aria-live="polite" aria-relevant="additions" tabIndex={0} aria-label="Chat messages">
        {messages.length === 0 && <p class="muted small chat-empty">No messages yet. Say hello!</p>}
        <ol class="chat-items">
        {messages.map((m) => (
          <li key={m.id} class={m.kind === 'announcement' ? 'chat-line announcement' : 'chat-line'} data-message-id={m.id}>
            <span class="chat-name">{m.displayName}</span>{' '}
            <span class="chat-text">{m.text}</span>
            <time class="chat-time" dateTime={m.createdAt}>{time(m.createdAt)}</time>
            {moderator && m.userId !== session?.user.id && (
              <button type="button" class="link-button small chat-remove" onClick={() => remove(m.id)}
                aria-label={`Remove message from ${m.displayName}`}>Remove</button>
            )}
            {session && m.userId !== session.user.id && m.kind !== 'announcement' && (
              <span class="chat-remove"><ReportButton targetType="chat_message" targetId={m.id} what={`message from ${m.displayName}`} /></span>
            )}
          </li>
        ))}
        </ol>
      </div>
      {canChat ? (
        <form class="chat-form" onSubmit={send}>
          <label for="chat-input" class="visually-hidden">Write a chat message</label>
          <input id="chat-input" value={text} maxLength={300} autoComplete="off" placeholder="Say something nice"
            onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <button type="submit" class="button primary" disabled={busy || !text.trim()}>Send</button>
        </form>
      ) : (
        <p class="small muted chat-signin">{session ? 'Chat opens when the show is live.' : <><a href={`/login?next=/shows/${showId}`}>Log in</a> to chat.</>}</p>
      )}
      {error !== undefined && <p class="field-error" role="alert">{plainWords(error)}</p>}
    </section>
  );
}
