import { useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { day, money } from '../format';
import { navigate } from '../router';
import { useSession } from '../session';
import { toast } from '../toasts';
import { ReportButton } from '../moderation/report';
import { ClipList } from '../show/clips';
import type { Clip, Product } from '../types';
import { Empty, Loaded, Page, useAsync } from '../ui';

interface Reviews {
  items: Review[];
  count?: number;
  averageRating?: number;
}

interface Review {
  id: number;
  rating: number;
  text: string;
  sellerReply?: string | null;
  createdAt: string;
}

export function ProductPage({ id }: { id: number }) {
  const session = useSession();
  const product = useAsync((signal) => api.get<Product & { status?: string; shippingCents?: number; condition?: string }>(`/api/products/${id}`, { signal }), [id]);
  const reviews = useAsync((signal) => api.get<Reviews>(`/api/products/${id}/reviews?limit=20`, { signal })
    .catch((): Reviews => ({ items: [] })), [id]);
  const clips = useAsync((signal) => api.get<Clip[]>(`/api/clips?productId=${id}&limit=12`, { signal }), [id]);
  const [busy, setBusy] = useState(false);

  const addToCart = async () => {
    if (!session) return navigate(`/login?next=/products/${id}`);
    setBusy(true);
    try {
      await api.post('/api/cart/items', { productId: id, quantity: 1 });
      toast('Added to your cart.', 'success', { label: 'View cart', href: '/cart' });
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const wish = async () => {
    if (!session) return navigate(`/login?next=/products/${id}`);
    try {
      await api.post('/api/wishlist', { productId: id });
      toast("Saved to your wishlist. We'll tell you when it's live in a show.", 'success');
    } catch (error) {
      toast(plainWords(error), 'error');
    }
  };

  return (
    <Loaded state={product} label="Loading the product…">
      {(p) => (
        <Page title={p.title}>
          <div class="product">
            <div class="product-photo">
              {p.imageUrls?.[0] ? <img src={p.imageUrls[0]} alt={p.title} /> : <span class="cover-letter" aria-hidden="true">{p.title.charAt(0)}</span>}
            </div>
            <div class="stack">
              <p class="product-price"><strong>{money(p.priceCents)}</strong>{p.shippingCents ? <span class="muted small"> + {money(p.shippingCents)} shipping</span> : null}</p>
              {p.condition && <p class="small muted">Condition: {p.condition.replace('_', ' ')}</p>}
              <p class="small">{p.status === 'archived' || p.quantity === 0 ? 'Not available right now.' : `${p.quantity} available`}</p>
              {p.description && <p class="product-description">{p.description}</p>}
              <div class="row">
                <button type="button" class="button primary" disabled={busy || p.status === 'archived' || p.quantity === 0} onClick={addToCart}>Add to cart</button>
                <button type="button" class="button ghost" onClick={wish} aria-label={`Save ${p.title} to your wishlist`}>♡ Wishlist</button>
              </div>
              <p class="small"><ReportButton targetType="product" targetId={p.id} what={p.title} /></p>
            </div>
          </div>
          <section class="section" aria-labelledby="product-clips">
            <h2 id="product-clips">Seen in shows</h2>
            <Loaded state={clips} label="Loading clips…">
              {(list) => <ClipList clips={list} showTitles emptyText="Clips from live shows featuring this item show here." />}
            </Loaded>
          </section>
          <section class="section" aria-labelledby="reviews-title">
            <h2 id="reviews-title">Reviews{reviews.data?.averageRating ? ` · ${reviews.data.averageRating.toFixed(1)} of 5` : ''}</h2>
            {reviews.data && reviews.data.items.length === 0 && <Empty title="No reviews yet">Buyers review after their order arrives.</Empty>}
            <ul class="order-list">
              {reviews.data?.items.map((r) => (
                <li class="card">
                  <span aria-label={`${r.rating} of 5 stars`}>{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</span>
                  <span class="small muted"> · {day(r.createdAt)}</span>
                  <p>{r.text}</p>
                  {r.sellerReply && <p class="small muted">Seller: {r.sellerReply}</p>}
                  <div class="report-row"><ReportButton targetType="review" targetId={r.id} what={`review from ${day(r.createdAt)}`} /></div>
                </li>
              ))}
            </ul>
          </section>
        </Page>
      )}
    </Loaded>
  );
}

interface WishItem {
  productId: number;
  title: string;
  priceCents: number;
  available: boolean;
  imageUrl?: string | null;
}

export function WishlistPage() {
  const session = useSession();
  const list = useAsync((signal) => session ? api.get<{ items: WishItem[] }>('/api/wishlist', { signal }) : Promise.resolve({ items: [] }), [session?.user.id]);
  if (!session) return <Page title="Wishlist"><a class="button primary" href="/login?next=/wishlist">Log in</a></Page>;
  const remove = (item: WishItem) => api.del(`/api/wishlist/${item.productId}`).then(list.reload).catch((e) => toast(plainWords(e), 'error'));
  return (
    <Page title="Wishlist" heading="Your wishlist">
      <Loaded state={list} label="Loading your wishlist…">
        {(page) => page.items.length === 0 ? <Empty title="Nothing saved yet">Tap ♡ on a product to hear when it goes live.</Empty> : (
          <ul class="order-list">
            {page.items.map((w) => (
              <li class="card row" style="justify-content:space-between">
                <span><a href={`/products/${w.productId}`}>{w.title}</a> · {money(w.priceCents)}{w.available ? '' : <span class="muted small"> · not available</span>}</span>
                <button type="button" class="button ghost small" onClick={() => remove(w)} aria-label={`Remove ${w.title} from your wishlist`}>Remove</button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}
