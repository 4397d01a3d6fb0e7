import { api, idempotencyKey, plainWords } from '../api';
import { money } from '../format';
import { toast } from '../toasts';
import { Loaded, useAsync } from '../ui';

interface Loyalty {
  points: number;
  pointValueCents?: number;
  tier: string;
  nextTier?: string;
  toNextTierCents?: number;
  progress?: number;
}

export function LoyaltyCard() {
  const loyalty = useAsync((signal) => api.get<Loyalty>('/api/loyalty', { signal }), []);
  return (
    <section class="section" aria-labelledby="loyalty-title">
      <h2 id="loyalty-title">Loyalty</h2>
      <Loaded state={loyalty} label="Loading your points…">
        {(l) => (
          <div class="card stack">
            <p><strong data-testid="points">{l.points} points</strong>{l.pointValueCents ? <span class="muted"> (worth {money(l.points * l.pointValueCents)})</span> : null} · tier <strong>{l.tier}</strong></p>
            {l.nextTier && (
              <>
                <div class="progress" role="progressbar" aria-label={`Progress to ${l.nextTier}`} aria-valuemin={0} aria-valuemax={100}
                  aria-valuenow={Math.round((l.progress ?? 0) * 100)}><span style={{ width: `${Math.round((l.progress ?? 0) * 100)}%` }} /></div>
                <p class="small muted">Spend {money(l.toNextTierCents)} more in 12 months to reach {l.nextTier}.</p>
              </>
            )}
          </div>
        )}
      </Loaded>
    </section>
  );
}

interface SavedCard {
  id: number;
  provider: string;
  status: string;
  brand?: string | null;
  last4?: string | null;
  isDefault?: boolean;
}

/** Saved cards pay won lots when they close. The sandbox saves Stripe's test card. */
export function SavedCards() {
  const cards = useAsync((signal) => api.get<{ items: SavedCard[] }>('/api/me/cards', { signal }), []);
  const add = () => api.post('/api/me/cards', { paymentMethodId: 'pm_card_visa' }, { idempotencyKey: idempotencyKey() })
    .then(() => {
      toast('Test card saved: won lots are charged to it when they close.', 'success');
      cards.reload();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  const remove = (card: SavedCard) => api.del(`/api/me/cards/${card.id}`).then(cards.reload).catch((e) => toast(plainWords(e), 'error'));
  return (
    <section class="section" aria-labelledby="cards-title">
      <h2 id="cards-title">Saved cards</h2>
      <Loaded state={cards} label="Loading your cards…">
        {(page) => (
          <div class="card stack">
            {page.items.filter((c) => c.status !== 'removed').length === 0 && <p class="muted">No saved card. Won lots wait in your cart until you pay.</p>}
            <ul class="order-list">
              {page.items.filter((c) => c.status !== 'removed').map((c) => (
                <li class="row" style="justify-content:space-between">
                  <span>{c.brand ?? 'Card'} •••• {c.last4 ?? '????'} {c.isDefault ? <span class="pill pill-soft">default</span> : null} <span class="small muted">{c.status}</span></span>
                  <button type="button" class="button ghost small" onClick={() => remove(c)}>Remove</button>
                </li>
              ))}
            </ul>
            <p><button type="button" class="button" onClick={add}>Save the sandbox test card</button></p>
          </div>
        )}
      </Loaded>
    </section>
  );
}
