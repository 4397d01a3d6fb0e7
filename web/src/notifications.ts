import { useEffect } from 'preact/hooks';
import { api } from './api';
import { day, money } from './format';
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
    case 'giveaway_won': return { text: `You won the giveaway${p.title ? ` “${p.title}”` : ''}${p.shippingCents ? `: pay its shipping, ${money(p.shippingCents)}, to get it sent` : '; it ships to you for free'}.`, href: p.orderId ? `/orders/${p.orderId}` : '/orders' };
    case 'order_shipped': return { text: `Your order${p.orderId ? ` #${p.orderId}` : ''} is on its way${p.trackingNumber ? ` (${p.carrier ?? ''} ${p.trackingNumber})` : ''}.`, href: p.orderId ? `/orders/${p.orderId}` : '/orders' };
    case 'order_delivered': return { text: `Order${p.orderId ? ` #${p.orderId}` : ''} was delivered${p.confirmedBy === 'automatic' ? ' (confirmed automatically)' : ''}${p.payableAt ? `; its money is available from ${day(p.payableAt)}` : ''}.`, href: p.orderId ? `/orders/${p.orderId}` : '/seller?tab=orders' };
    case 'welcome': return { text: 'Welcome to Showfloor!' };
    case 'show_live': case 'show.live': return { text: `${p.hostName ?? 'A host you follow'} is live${p.title ? `: ${p.title}` : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'show.scheduled': return { text: `${p.hostName ?? 'A host you follow'} scheduled a show${p.title ? `: ${p.title}` : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'order_paid': return { text: `New order${p.orderId ? ` #${p.orderId}` : ''}${p.totalCents ? ` for ${money(p.totalCents)}` : ''}: ready to ship.`, href: '/seller?tab=orders' };
    case 'order_refunded': return { text: `${p.full ? 'Your order was refunded' : 'Part of your order was refunded'}${p.amountCents ? `: ${money(p.amountCents)}` : ''}.`, href: p.orderId ? `/orders/${p.orderId}` : '/orders' };
    case 'order_disputed': return { text: `A buyer disputed order${p.orderId ? ` #${p.orderId}` : ''}${p.disputedCents ? ` (${money(p.disputedCents)})` : ''}.`, href: '/seller?tab=orders' };
    case 'low_stock': return { text: `${p.title ?? 'A product'} is running low: ${p.quantity ?? 0} left.`, href: '/seller?tab=inventory' };
    case 'wishlist_live': return { text: `${p.title ?? 'A product on your wishlist'} is live in a show now.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'lot_unpaid': return { text: 'Your won lot was cancelled because it was not paid in time. Nothing was charged.', href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'lot_unpaid_seller': return { text: `A won lot was not paid${p.runnerUpOfferPossible ? '; you can offer it to the runner-up' : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'runner_up_offer': return { text: `A lot you bid on is offered to you${p.priceCents ? ` for ${money(p.priceCents)}` : ''}.`, href: p.orderId ? `/orders/${p.orderId}` : '/cart' };
    case 'runner_up_offer_declined': return { text: 'The runner-up declined your lot offer; the item is back in stock.' };
    case 'runner_up_offer_expired': return { text: 'Your runner-up offer expired unpaid; the item is back in stock.' };
    case 'payout_paid': return { text: `Your payout${p.amountCents ? ` of ${money(p.amountCents)}` : ''} is on its way.`, href: '/seller?tab=payouts' };
    case 'payout_rejected': return { text: `Your payout${p.amountCents ? ` of ${money(p.amountCents)}` : ''} was not approved${p.reason ? `: ${p.reason}` : ''}.`, href: '/seller?tab=payouts' };
    case 'payout_failed': return { text: `Your payout${p.amountCents ? ` of ${money(p.amountCents)}` : ''} could not be sent${p.reason ? `: ${p.reason}` : ''}. The money is available again.`, href: '/seller?tab=payouts' };
    case 'moderation.warning': return { text: `A moderator warned you${p.note ? `: ${p.note}` : ''}.` };
    case 'moderation.suspended': return { text: `Your account is suspended${p.until ? ` until ${new Date(p.until).toLocaleDateString()}` : ''}${p.note ? `: ${p.note}` : ''}.` };
    case 'moderation.suspension_lifted': return { text: 'Your suspension was lifted. Welcome back.' };
    case 'moderation.show_taken_down': return { text: `A moderator ${p.status === 'cancelled' ? 'cancelled' : 'ended'} your show${p.note ? `: ${p.note}` : ''}.`, href: p.showId ? `/shows/${p.showId}` : undefined };
    case 'report.resolved': return { text: `Your report was ${p.outcome === 'upheld' ? 'upheld: a moderator acted on it' : 'reviewed; no action was needed'}.` };
    default: return { text: (p.text as string) ?? notice.kind.replace(/[_.]/g, ' ') };
  }
}
