import { useEffect } from 'preact/hooks';
import { money } from './format';
import { live } from './live';
import { place } from './router';
import { useSession } from './session';
import { toast } from './toasts';

/**
 * The signed-in person's private feed (the `me` topic), turned into toasts wherever they are in
 * the app: outbid, won, giveaway won, fills and other notifications.
 */
export function usePrivateNotices() {
  const session = useSession();
  useEffect(() => {
    if (!session) return;
    return live.subscribe('me', (frame) => {
      const data = frame.data ?? {};
      const onShow = (showId: unknown) => place.get().path === `/shows/${showId}`;
      switch (frame.type) {
        case 'outbid':
          toast(`You've been outbid — the price is now ${money(data.currentPriceCents)}.`, 'warning',
            data.showId && !onShow(data.showId) ? { label: 'Bid again', href: `/shows/${data.showId}` } : undefined);
          break;
        case 'won':
          toast(`You won for ${money(data.priceCents ?? data.lot?.hammerPriceCents)}!`, 'success',
            { label: 'Pay now', href: data.orderId ? `/orders/${data.orderId}` : '/cart' });
          break;
        case 'giveaway.won':
          toast(`You won the giveaway${data.title ? ` “${data.title}”` : ''}!`, 'success',
            data.orderId ? { label: 'See the order', href: `/orders/${data.orderId}` } : undefined);
          break;
        case 'notification':
          if (data.kind === 'order_shipped') {
            toast('Your order is on its way.', 'info', data.payload?.orderId ? { label: 'Track it', href: `/orders/${data.payload.orderId}` } : undefined);
          }
          break;
      }
    });
  }, [session?.user.id]);
}
