import { api, plainWords } from '../api';
import { money } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import { linesText, type Cart, type CartItem } from '../commerce/types';
import { Empty, Loaded, Page, useAsync } from '../ui';

export function CartPage() {
  const session = useSession();
  const cart = useAsync((signal) => session ? api.get<Cart>('/api/cart', { signal }) : Promise.resolve(null), [session?.user.id]);
  if (!session) {
    return <Page title="Cart"><p>Log in to see your cart.</p><a class="button primary" href="/login?next=/cart">Log in</a></Page>;
  }
  const remove = (item: CartItem) => api.del(`/api/cart/items/${item.id}`)
    .then(() => {
      toast(`Removed ${item.title ?? 'the item'}.`);
      cart.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  const decline = (lotId: number) => api.post(`/api/lots/${lotId}/runner-up-offer/decline`)
    .then(() => {
      toast('Offer declined. Thanks for letting the seller know.');
      cart.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  return (
    <Page title="Cart" heading="Your cart" actions={<a class="button ghost" href="/orders">Your orders</a>}>
      <Loaded state={cart} label="Loading your cart…">
        {(c) => !c || (c.items.length === 0 && (c.dueOrders ?? []).length === 0)
          ? <Empty title="Your cart is empty">Win an auction or grab a flash sale in a <a href="/">live show</a>.</Empty>
          : (
            <>
              {(c.dueOrders ?? []).length > 0 && (
                <section class="card section" aria-labelledby="due-title" data-testid="due-orders">
                  <h2 id="due-title">Won and waiting for payment</h2>
                  {c.dueOrders!.some((o) => runnerUpOfferLot(o) !== null) && (
                    <p class="small muted">You were the runner-up: the winner did not pay, so the seller offers you the lot at your own highest bid. Pay it with the rest at checkout, or decline it.</p>
                  )}
                  <ul class="cart-list">
                    {c.dueOrders!.map((o) => {
                      const offerLot = runnerUpOfferLot(o);
                      return (
                        <li data-order-id={o.id} data-runner-up-offer={offerLot ?? undefined}>
                          <span class="cart-title">{linesText(o)}</span>
                          <span class="muted small">{offerLot ? 'offered to you: the winner did not pay' : o.source === 'lot' ? 'auction win' : o.source === 'flash_sale' ? 'flash sale' : ''}</span>
                          <span class="num">{money(o.totalCents)}</span>
                          {offerLot ? <button type="button" class="button ghost small" onClick={() => decline(offerLot)}
                            aria-label={`Decline the offer of ${linesText(o)}`}>Decline</button> : <span />}
                        </li>
                      );
                    })}
                  </ul>
                </section>
              )}
              {groupBySeller(c.items).map(([seller, list]) => (
                <section class="card section" aria-label={`From ${seller}`}>
                  <h2>From {seller}</h2>
                  <ul class="cart-list">
                    {list.map((item) => (
                      <li data-cart-item={item.id}>
                        <span class="cart-title">{item.title ?? `Product ${item.productId}`}{item.available === false && <span class="down small"> · no longer available</span>}</span>
                        <span class="muted small">× {item.quantity}</span>
                        <span class="num">{money(item.lineCents ?? item.unitPriceCents * item.quantity)}</span>
                        <button type="button" class="button ghost small" onClick={() => remove(item)} aria-label={`Remove ${item.title ?? 'item'}`}>Remove</button>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              <div class="card section cart-total">
                <dl class="facts">
                  {c.itemsCents !== undefined && c.items.length > 0 && <><dt>Items</dt><dd>{money(c.itemsCents)}</dd></>}
                  {c.shippingCents !== undefined && c.items.length > 0 && <><dt>Shipping</dt><dd>{money(c.shippingCents)}</dd></>}
                  {c.dueCents ? <><dt>Won items</dt><dd>{money(c.dueCents)}</dd></> : null}
                  <dt><strong>Total</strong></dt><dd><strong data-testid="cart-total">{money(c.totalCents)}</strong></dd>
                </dl>
                <a class="button primary block section" href="/checkout">Check out</a>
              </div>
            </>
          )}
      </Loaded>
    </Page>
  );
}

function groupBySeller(list: CartItem[]): [string, CartItem[]][] {
  const groups = new Map<string, CartItem[]>();
  for (const item of list) {
    const key = item.sellerName ?? (item.sellerId ? `seller #${item.sellerId}` : 'the seller');
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()];
}

/** The lot a due order offers to the runner-up ("offer:<lotId>"), or null. */
function runnerUpOfferLot(order: { sourceRef?: string | null }): number | null {
  const match = /^offer:(\d+)$/.exec(order.sourceRef ?? '');
  return match ? Number(match[1]) : null;
}
