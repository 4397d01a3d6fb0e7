import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { toast } from '../toasts';
import type { OrderLine } from '../commerce/types';
import { day, money } from '../format';
import { usePlace } from '../router';
import { useSession } from '../session';
import { items, linesText, ordersQuery, statusText, type Order } from '../commerce/types';
import { Empty, Loaded, Page, useAsync } from '../ui';
import { ReturnRequestPanel } from '../commerce/return-request';

export function OrdersPage() {
  const session = useSession();
  const placed = usePlace().query.get('placed');
  const orders = useAsync((signal) => session ? api.get<Order[] | { items: Order[] }>(ordersQuery('buyer'), { signal }).then(items) : Promise.resolve([]), [session?.user.id]);
  if (!session) return <Page title="Orders"><a class="button primary" href="/login?next=/orders">Log in to see your orders</a></Page>;
  return (
    <Page title="Orders" heading="Your orders">
      {placed && <div class="note note-good" role="status"><p>Thank you! Your order{placed.includes(',') ? 's are' : ' is'} confirmed: #{placed.split(',').join(', #')}.</p></div>}
      <Loaded state={orders} label="Loading your orders…">
        {(list) => list.length === 0 ? <Empty title="No orders yet">Orders from auctions, flash sales and your cart show up here.</Empty> : (
          <ul class="order-list">
            {list.map((o) => (
              <li class="card" data-order-id={o.id}>
                <a href={`/orders/${o.id}`}><strong>Order #{o.id}</strong></a> · {money(o.totalCents)} · <span class="muted small">{day(o.createdAt)}</span>
                <div class="small">{statusText(o.status)}{o.trackingNumber ? ` · ${o.carrier ?? ''} ${o.trackingNumber}` : ''}</div>
                <div class="small muted">{linesText(o)}</div>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}

export function OrderPage({ id }: { id: number }) {
  const session = useSession();
  const order = useAsync((signal) => api.get<Order>(`/api/orders/${id}`, { signal }), [id]);
  const delivered = () => api.post<Order>(`/api/orders/${id}/deliver`).then((o) => order.setData(o)).catch((e) => toast(plainWords(e), 'error'));
  return (
    <Page title={`Order #${id}`}>
      <Loaded state={order} label="Loading the order…">
        {(o) => (
          <div class="card stack" data-order-status={o.status}>
            <p><strong>{statusText(o.status)}</strong></p>
            <dl class="facts">
              <dt>Placed</dt><dd>{day(o.createdAt)}</dd>
              {o.shippingCents ? <><dt>Shipping</dt><dd>{money(o.shippingCents)}</dd></> : null}
              {o.sellerName && <><dt>Seller</dt><dd>{o.sellerName}</dd></>}
              {o.trackingNumber && <><dt>Tracking</dt><dd data-testid="tracking">{o.carrier} {o.trackingNumber}</dd></>}
              {o.deliveredAt && <><dt>Delivered</dt><dd data-testid="delivered">{day(o.deliveredAt)}{o.deliveryConfirmedBy === 'automatic' ? ' (confirmed automatically)' : ''}</dd></>}
              {o.payableAt && <><dt>Money available</dt><dd>{day(o.payableAt)}</dd></>}
              <dt>Total</dt><dd>{money(o.totalCents)}</dd>
            </dl>
            <table>
              <thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th></tr></thead>
              <tbody>{o.lines?.map((l) => <tr><td>{l.title}</td><td class="num">{l.quantity}</td><td class="num">{money(l.unitPriceCents)}</td></tr>)}</tbody>
            </table>
            {o.status === 'pending_payment' && <a class="button primary" href="/checkout">Pay now</a>}
            {o.autoDeliverAt && session?.user.id === o.buyerId && (
              <div class="stack" data-testid="confirm-delivery">
                <p class="small muted">Tell us when your parcel arrives. If you don't, we'll count it as delivered on {day(o.autoDeliverAt)}.</p>
                <button type="button" class="button primary" onClick={delivered}>I received it</button>
              </div>
            )}
            {o.deliveredAt && session?.user.id === o.buyerId && o.lines?.map((l) => <ReviewForm line={l} />)}
            {session?.user.id === o.buyerId && o.paidAt && <ReturnRequestPanel order={o} />}
          </div>
        )}
      </Loaded>
    </Page>
  );
}

function ReviewForm({ line }: { line: OrderLine & { id?: number } }) {
  const [done, setDone] = useState(false);
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  if (!line.id || done) return done ? <p class="note note-good">Thanks for reviewing {line.title}.</p> : null;
  const submit = (event: Event) => {
    event.preventDefault();
    api.post('/api/products/' + line.productId + '/reviews', { orderLineId: line.id, rating, text: text.trim() })
      .then(() => setDone(true)).catch((e) => toast(plainWords(e), 'error'));
  };
  return (
    <form class="card" onSubmit={submit} aria-label={`Review ${line.title}`}>
      <fieldset class="rating">
        <legend>Rate {line.title}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label class="radio"><input type="radio" name={`rating-${line.id}`} value={n} checked={rating === n} onChange={() => setRating(n)} /> {n} ★</label>
        ))}
      </fieldset>
      <label for={`review-${line.id}`}>Your review</label>
      <textarea id={`review-${line.id}`} required maxLength={4000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <button type="submit" class="button primary section" disabled={!text.trim()}>Post the review</button>
    </form>
  );
}
