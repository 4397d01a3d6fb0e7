import { api, idempotencyKey, plainWords } from '../api';
import { money, titleCase } from '../format';
import { usePlace } from '../router';
import { toast } from '../toasts';
import { useRef } from 'preact/hooks';
import { CardProblem, type CardEntry, StripeCardField, usePaymentConfig } from '../commerce/card-entry';
import { Loaded, Submit, useAction, useAsync } from '../ui';

interface Loyalty {
  points: number;
  pointValueCents?: number;
  tier: string;
  nextTier?: string;
  toNextTierCents?: number;
  progress?: number;
  streak?: {
    days: number;
    earnedToday: boolean;
    todayPoints: number;
    nextBonusPoints: number;
    nextBonusDay: string;
    maxStreakDays: number;
    earnBy: { watchMinutes: number; watchedMinutesToday: number; buyInLiveShow: boolean };
  };
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
            {l.streak && <Streak streak={l.streak} />}
          </div>
        )}
      </Loaded>
    </section>
  );
}

/** The daily live-show streak: watch a live show long enough, or buy in one, on consecutive days. */
function Streak({ streak }: { streak: NonNullable<Loyalty['streak']> }) {
  const { earnBy } = streak;
  const left = Math.max(0, earnBy.watchMinutes - earnBy.watchedMinutesToday);
  return (
    <div class="streak" data-testid="streak">
      <p><strong>{streak.days === 0 ? 'No streak yet' : `${streak.days}-day streak`}</strong>
        {streak.earnedToday ? <span class="muted"> · today's bonus earned (+{streak.todayPoints} points)</span> : null}</p>
      <p class="small muted">
        {streak.earnedToday
          ? `Come back tomorrow for +${streak.nextBonusPoints} points.`
          : `Watch live shows for ${left} more ${left === 1 ? 'minute' : 'minutes'} today${earnBy.buyInLiveShow ? ', or buy something in one,' : ''} for +${streak.nextBonusPoints} points.`}
        {' '}The bonus grows each day up to a {streak.maxStreakDays}-day streak.
      </p>
    </div>
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

/** Saved cards pay won lots when they close: typed into Stripe Elements, or the sandbox's test card. */
export function SavedCards() {
  const cards = useAsync((signal) => api.get<{ items: SavedCard[] }>('/api/me/cards', { signal }), []);
  const payments = usePaymentConfig();
  const stripeKey = payments.data?.provider === 'stripe' ? payments.data.publishableKey : null;
  const remove = (card: SavedCard) => api.del(`/api/me/cards/${card.id}`).then(cards.reload).catch((e) => toast(plainWords(e), 'error'));
  return (
    <section class="section" aria-labelledby="cards-title" id="saved-cards">
      <h2 id="cards-title">Saved cards</h2>
      <Loaded state={cards} label="Loading your cards…">
        {(page) => (
          <div class="card stack">
            {page.items.filter((c) => c.status !== 'removed').length === 0 && <p class="muted">No saved card. Won lots wait in your cart until you pay.</p>}
            <ul class="order-list">
              {page.items.filter((c) => c.status !== 'removed').map((c) => (
                <li class="row" style="justify-content:space-between" data-card-id={c.id}>
                  <span>{titleCase(c.brand ?? 'card')} •••• {c.last4 ?? '????'} {c.isDefault ? <span class="pill pill-soft">default</span> : null} <span class="small muted">{CARD_STATUS[c.status] ?? c.status}</span></span>
                  <button type="button" class="button ghost small" onClick={() => remove(c)} aria-label={`Remove card ending ${c.last4 ?? ''}`}>Remove</button>
                </li>
              ))}
            </ul>
            {payments.data === undefined ? null : stripeKey ? <AddStripeCard publishableKey={stripeKey} onSaved={cards.reload} />
              : <AddSandboxCard stripe={payments.data.provider === 'stripe'} onSaved={cards.reload} />}
          </div>
        )}
      </Loaded>
    </section>
  );
}

const CARD_STATUS: Record<string, string> = { ready: 'ready', pending: 'waiting for your bank', failed: 'refused' };

function AddSandboxCard({ stripe, onSaved }: { stripe: boolean; onSaved: () => void }) {
  const back = useBackToShow();
  const add = () => api.post('/api/me/cards', { paymentMethodId: 'pm_card_visa' }, { idempotencyKey: idempotencyKey() })
    .then(() => {
      toast('Test card saved: won lots are charged to it when they close.', 'success', back);
      onSaved();
    })
    .catch((e) => toast(plainWords(e), 'error'));
  return (
    <div class="sandbox">
      <p class="small">{stripe
        ? "This server takes payments through Stripe but has no publishable key for card entry: it can save Stripe's test Visa."
        : <>This server uses the sandbox payment provider: <strong>no real money moves</strong>. It saves a test Visa.</>}</p>
      <p><button type="button" class="button" onClick={add}>Save the test card</button></p>
    </div>
  );
}

/** After saving a card, a way back to the show that asked for one. */
function useBackToShow(): { label: string; href: string } | undefined {
  const next = usePlace().query.get('next');
  return next && /^\/shows\/\d+$/.test(next) ? { label: 'Back to the show', href: next } : undefined;
}

function AddStripeCard({ publishableKey, onSaved }: { publishableKey: string; onSaved: () => void }) {
  const back = useBackToShow();
  const entry = useRef<CardEntry | null>(null);
  const key = useRef(idempotencyKey());
  const [save, busy, error] = useAction(async () => {
    if (!entry.current) throw new CardProblem('The card field is still loading. Wait a moment and try again.');
    const paymentMethodId = await entry.current.paymentMethodId();
    const saved = await api.post<SavedCard & { clientSecret?: string | null }>('/api/me/cards', { paymentMethodId }, { idempotencyKey: key.current });
    key.current = idempotencyKey();
    if (saved.status === 'pending' && saved.clientSecret) await entry.current.handleNextAction(saved.clientSecret);
    if (saved.status === 'failed') throw new CardProblem('Your bank refused this card. Try another one.');
    toast('Card saved: won lots are charged to it when they close.', 'success', back);
    onSaved();
  });
  return (
    <form class="stack" aria-labelledby="add-card-title" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h3 id="add-card-title">Add a card</h3>
      <StripeCardField publishableKey={publishableKey} entry={entry} label="Card number, expiry and CVC" />
      {error !== undefined && <p class="note note-error" role="alert">{error instanceof CardProblem ? error.message : plainWords(error)}</p>}
      <p><Submit busy={busy} class="button">Save card</Submit></p>
    </form>
  );
}
