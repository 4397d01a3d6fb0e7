import { useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { CardProblem, type CardEntry, StripeCardField, usePaymentConfig } from '../commerce/card-entry';
import { money } from '../format';
import type { Session } from '../session';
import { toast } from '../toasts';
import { useAction } from '../ui';
import type { Tournament, TournamentEntry } from './types';

/** Why the Enter button is off, in people's words; null when an entry may be tried. */
export function closedReason(t: Tournament, entry: TournamentEntry | null): string | null {
  if (entry) {
    return entry.status === 'entered' ? 'You are in this tournament.'
      : entry.status === 'disqualified' ? 'Your entry was disqualified.' : 'Your entry was refunded.';
  }
  switch (t.status) {
    case 'draft': return 'Entries are not open yet.';
    case 'active': return 'Trading has started: entries are closed.';
    case 'completed': return 'This tournament has finished.';
    case 'cancelled': return 'This tournament was cancelled.';
  }
  if ((t.entrants ?? 0) >= t.maxEntrants) return `It is full: ${t.maxEntrants} of ${t.maxEntrants} places taken.`;
  return null;
}

/**
 * Entering: free with one click, a paid tournament from the wallet or by card as the API offers
 * (the sandbox's test card, or a card typed into Stripe Elements; one that needs 3-D Secure is
 * confirmed in the browser and entered by Stripe's webhook). One
 * Idempotency-Key per attempt, so a retried click is the same entry, paid once.
 */
/** The 202 of a card entry that Stripe wants the cardholder to confirm. */
interface CardConfirmation {
  status: 'requires_confirmation';
  paymentId: string;
  clientSecret: string | null;
  amountCents: number;
}

function isCardConfirmation(answer: TournamentEntry | CardConfirmation): answer is CardConfirmation {
  return answer.status === 'requires_confirmation';
}

export function EnterPanel({ tournament: t, session, entry, onEntered }: {
  tournament: Tournament;
  session: Session | null;
  entry: TournamentEntry | null;
  onEntered: () => void;
}) {
  const [invite, setInvite] = useState('');
  const key = useRef(idempotencyKey());
  const card = useRef<CardEntry | null>(null);
  const [byCard, setByCard] = useState(false);
  const payments = usePaymentConfig();
  const stripeKey = payments.data?.provider === 'stripe' ? payments.data.publishableKey : null;
  const [enter, busy, error] = useAction(async (method: 'free' | 'wallet' | 'card') => {
    let paymentMethodId: string | undefined;
    if (method === 'card') {
      if (stripeKey) {
        if (!card.current) throw new CardProblem('The card field is still loading. Wait a moment and try again.');
        paymentMethodId = await card.current.paymentMethodId();
      } else {
        paymentMethodId = 'pm_card_visa'; // the sandbox's test card: no real money moves
      }
    }
    const answer = await api.post<TournamentEntry | CardConfirmation>(`/api/tournaments/${t.id}/entries`, {
      paymentMethod: method,
      ...(paymentMethodId ? { paymentMethodId } : {}),
      ...(t.private && invite.trim() ? { inviteCode: invite.trim() } : {}),
    }, { idempotencyKey: key.current });
    key.current = idempotencyKey();
    if (isCardConfirmation(answer)) {
      // 202: Stripe wants the cardholder (3-D Secure); the entry is made by Stripe's webhook, once
      if (answer.clientSecret && card.current) await card.current.handleNextAction(answer.clientSecret);
      toast(`Card confirmed. You are entered in ${t.name} as soon as Stripe confirms the payment.`, 'success');
      for (const ms of [1000, 3000, 8000]) setTimeout(onEntered, ms);
      return;
    }
    toast(`You are in ${t.name}${answer.paidCents > 0 ? `, ${money(answer.paidCents)} paid` : ''}. Trading starts with ${money(t.startingCashCents)} of play money.`, 'success');
    onEntered();
  });

  if (!session) {
    return <div class="card"><p>Log in to enter this tournament.</p><a class="button primary" href={`/login?next=/tournaments/${t.id}`}>Log in</a></div>;
  }
  const reason = closedReason(t, entry);
  const fee = t.entryFeeCents;
  return (
    <section class="card stack" aria-labelledby="enter-title">
      <h2 id="enter-title">Entry</h2>
      <p>{fee === 0 ? 'Free to enter.' : `Entry fee ${money(fee)}, paid into the prize pool.`} You start with {money(t.startingCashCents)} of play money.</p>
      {reason ? (
        <>
          <button type="button" class="button block" disabled aria-describedby="enter-reason">{entry?.status === 'entered' ? 'Entered' : 'Enter'}</button>
          <p id="enter-reason" class="small muted" data-testid="enter-reason">{reason}</p>
        </>
      ) : (
        <>
          {t.private && (
            <div class="field">
              <label for="invite-code">Invite code</label>
              <input id="invite-code" autoComplete="off" value={invite} onInput={(e) => setInvite((e.target as HTMLInputElement).value)} />
            </div>
          )}
          {fee === 0 ? (
            <button type="button" class="button primary block" disabled={busy} onClick={() => enter('free')}>Enter for free</button>
          ) : (
            <>
              <button type="button" class="button primary block" disabled={busy} onClick={() => enter('wallet')}>Pay {money(fee)} from your wallet</button>
              {byCard ? (
                <div class="stack">
                  {stripeKey ? <StripeCardField publishableKey={stripeKey} entry={card} label="Card" />
                    : payments.data && <p class="small muted">Sandbox payments: the test Visa pays, no real money moves.</p>}
                  <button type="button" class="button block" disabled={busy || !payments.data} onClick={() => enter('card')}>Pay {money(fee)} by card</button>
                </div>
              ) : (
                <button type="button" class="button ghost block" onClick={() => setByCard(true)}>Pay by card instead</button>
              )}
            </>
          )}
          {error !== undefined && <p class="note note-error" role="alert">{error instanceof CardProblem ? error.message : plainWords(error)}</p>}
        </>
      )}
    </section>
  );
}
