import { useState } from 'preact/hooks';
import { api } from '../api';
import { day, money } from '../format';
import { toast } from '../toasts';
import { Empty, ErrorNote, Field, formValues, Loaded, Submit, useAction, useAsync } from '../ui';
import { items, linesText, ordersQuery, type Order } from '../commerce/types';

/** The seller's paid orders waiting for a parcel, with a form to mark each one shipped. */
export function SellerOrders() {
  const orders = useAsync((signal) => api.get<Order[] | { items: Order[] }>(ordersQuery('seller', 'paid'), { signal }).then(items), []);
  return (
    <section aria-labelledby="to-ship-title">
      <h2 id="to-ship-title">Orders to ship</h2>
      <Loaded state={orders} label="Loading orders…">
        {(list) => list.length === 0 ? <Empty title="Nothing to ship">Paid orders appear here.</Empty> : (
          <ul class="ship-list">
            {list.map((order) => <ShipRow order={order} onShipped={orders.reload} />)}
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function ShipRow({ order, onShipped }: { order: Order; onShipped: () => void }) {
  const [open, setOpen] = useState(false);
  const [ship, busy, error] = useAction(async (values: Record<string, string>) => {
    await api.post(`/api/orders/${order.id}/ship`, { carrier: values.carrier.trim(), trackingNumber: values.trackingNumber.trim() });
    toast(`Order ${order.id} is marked shipped; the buyer gets the tracking number.`, 'success');
    onShipped();
  });
  return (
    <li class="card" data-order-id={order.id}>
      <div class="row" style="justify-content:space-between">
        <div>
          <strong>Order #{order.id}</strong> · {money(order.totalCents)} · <span class="muted small">{day(order.createdAt)}</span>
          <div class="small muted">{linesText(order)}</div>
          {order.shippingAddress && <div class="small">{addressLine(order.shippingAddress)}</div>}
        </div>
        <button type="button" class="button primary small" aria-expanded={open ? 'true' : 'false'} onClick={() => setOpen((o) => !o)}>Mark shipped</button>
      </div>
      {open && (
        <form class="row section" onSubmit={(e) => ship(formValues(e))} aria-label={`Ship order ${order.id}`}>
          <Field label="Carrier" name="carrier" required maxLength={60} placeholder="UPS" />
          <Field label="Tracking number" name="trackingNumber" required maxLength={100} />
          <Submit busy={busy} class="button primary">Save</Submit>
        </form>
      )}
      {error !== undefined && <ErrorNote error={error} />}
    </li>
  );
}

function addressLine(address: Record<string, unknown>): string {
  return ['name', 'line1', 'line2', 'city', 'postalCode', 'country'].map((k) => address[k]).filter(Boolean).join(', ');
}
