import { useEffect } from 'preact/hooks';
import { api } from './api';
import { money } from './format';
import { live } from './live';
import { session } from './session';
import { store, useStore } from './store';

/** Unread in-app notifications: the `me` snapshot's count (true after every reconnect), plus new ones. */
export const unread = store(0);
/** True once the `me` snapshot of this connection arrived (tests wait for it). */
export const synced = store(false);

let stop: (() => void) | null = null;

function follow(userId: number | null) {
  stop?.();
  stop = null;
  unread.set(0);
  synced.set(false);
  if (userId === null) return;
  stop = live.subscribe('me', (frame) => {
    if (frame.type === 'snapshot' && typeof frame.data?.unreadNotifications === 'number') {
      unread.set(frame.data.unreadNotifications);
      synced.set(true);
    } else if (frame.type === 'notification') {
      // a snapshot may already count a notification whose event comes after it: ask for the count
      unread.set((n) => n + 1);
      api.get<{ unreadCount: number }>('/api/me/notifications?unread=true&limit=1')
        .then((page) => unread.set(page.unreadCount)).catch(() => undefined);
    }
  });
}

// a new connection brings a new snapshot; until then the count may be behind
live.status.subscribe((status) => {
  if (status !== 'open') synced.set(false);
});

let followed: number | null | undefined;
session.subscribe((s) => {
  const id = s?.user.id ?? null;
  if (id !== followed) {
    followed = id;
    follow(id);
  }
});

export function useUnread(): number {
  useEffect(() => {
    if (followed === undefined) {
      followed = session.get()?.user.id ?? null;
      follow(followed);
    }
  }, []);
  return useStore(unread);
}

export interface Notice {
  id: number;
  kind: string;
  payload: Record<string, any>;
  createdAt: string;
  readAt?: string | null;
}

/** A notification in words, with where it leads. */
export function describe(notice: Notice): { text: string; href?: string } {
  const p = notice.payload ?? {};
  switch (notice.kind) {
    case 'outbid': return { text: `You were outbid${p.amountCents ? ` at ${money(p.amountCents)}` : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'won': return { text: `You won${p.priceCents ? ` for ${money(p.priceCents)}` : ' a lot'}. Pay to get it shipped.`, href: p.orderId ? `/orders/${p.orderId}` : '/cart' };
    case 'order_shipped': return { text: `Your order${p.orderId ? ` #${p.orderId}` : ''} is on its way${p.trackingNumber ? ` (${p.carrier ?? ''} ${p.trackingNumber})` : ''}.`, href: p.orderId ? `/orders/${p.orderId}` : '/orders' };
    case 'welcome': return { text: 'Welcome to Showfloor!' };
    case 'show_live': case 'show.live': return { text: `${p.hostName ?? 'A host you follow'} is live${p.title ? `: ${p.title}` : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    default: return { text: (p.text as string) ?? notice.kind.replace(/[_.]/g, ' ') };
  }
}
