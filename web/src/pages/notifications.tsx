import { api, plainWords } from '../api';
import { when } from '../format';
import { describe, unread, type Notice } from '../notifications';
import { useSession } from '../session';
import { toast } from '../toasts';
import { Empty, Loaded, Page, useAsync } from '../ui';

export function NotificationsPage() {
  const session = useSession();
  const list = useAsync((signal) => session
    ? api.get<{ items: Notice[]; unreadCount: number }>('/api/me/notifications?limit=50', { signal })
    : Promise.resolve({ items: [], unreadCount: 0 }), [session?.user.id]);
  if (!session) return <Page title="Notifications"><a class="button primary" href="/login?next=/notifications">Log in</a></Page>;
  const readAll = () => api.post('/api/me/notifications/read-all')
    .then(() => {
      unread.set(0);
      list.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  return (
    <Page title="Notifications" actions={<button type="button" class="button" onClick={readAll}>Mark all read</button>}>
      <Loaded state={list} label="Loading notifications…">
        {(page) => page.items.length === 0 ? <Empty title="Nothing new">Outbids, wins and shipping news appear here.</Empty> : (
          <ul class="order-list">
            {page.items.map((n) => {
              const { text, href } = describe(n);
              return (
                <li class={n.readAt ? 'card' : 'card unread'} data-kind={n.kind}>
                  {href ? <a href={href}>{text}</a> : text}
                  <div class="small muted">{when(n.createdAt)}{n.readAt ? '' : ' · new'}</div>
                </li>
              );
            })}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
