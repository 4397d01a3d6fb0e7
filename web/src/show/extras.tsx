import { useEffect, useState } from 'preact/hooks';
import { api, idempotencyKey, plainWords } from '../api';
import { money } from '../format';
import { useSession } from '../session';
import { toast } from '../toasts';
import type { FlashSale, Giveaway, Poll, Product, Question } from '../types';
import { Countdown } from './countdown';

/** A live poll: one tap to vote, then the results as bars. */
export function PollCard({ poll, onPoll }: { poll: Poll; onPoll: (poll: Poll) => void }) {
  const session = useSession();
  const voted = poll.myVote !== null && poll.myVote !== undefined;
  const showResults = voted || poll.status === 'closed' || !session;
  const vote = (option: number) => api.post<Poll>(`/api/polls/${poll.id}/votes`, { option })
    .then(onPoll).catch((error) => toast(plainWords(error), 'error'));
  return (
    <section class="card poll" aria-labelledby={`poll-${poll.id}`}>
      <p class="muted small lot-kicker">{poll.status === 'open' ? 'Poll' : 'Poll closed'}</p>
      <h2 id={`poll-${poll.id}`}>{poll.question}</h2>
      <ul class="poll-options">
        {poll.options.map((o) => {
          const share = poll.totalVotes ? Math.round((o.votes / poll.totalVotes) * 100) : 0;
          return (
            <li key={o.index}>
              {showResults ? (
                <div class={poll.myVote === o.index ? 'poll-result mine' : 'poll-result'}>
                  <span class="poll-bar" style={{ width: `${share}%` }} aria-hidden="true" />
                  <span class="poll-text">{o.text}</span><span class="poll-share">{share}%</span>
                </div>
              ) : (
                <button type="button" class="button block" onClick={() => vote(o.index)}>{o.text}</button>
              )}
            </li>
          );
        })}
      </ul>
      <p class="small muted">{poll.totalVotes} {poll.totalVotes === 1 ? 'vote' : 'votes'}</p>
    </section>
  );
}

/** Q&A: ask the host, upvote what others asked; the host marks answers (from the studio). */
export function Questions({ showId, questions, live }: { showId: number; questions: Question[]; live: boolean }) {
  const session = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const ask = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      await api.post(`/api/shows/${showId}/questions`, { text: text.trim() });
      setText('');
      setError(undefined);
      toast('Your question is in. Others can upvote it.', 'success');
    } catch (failure) {
      setError(failure);
    }
  };
  const open = questions.filter((q) => !q.answered).sort((a, b) => b.upvotes - a.upvotes);
  return (
    <section class="card questions" aria-labelledby="qa-title">
      <h2 id="qa-title">Questions</h2>
      {open.length === 0 ? <p class="muted small">No open questions.</p> : (
        <ul class="qa-list">
          {open.slice(0, 8).map((q) => (
            <li key={q.id}>
              <span>{q.text} <span class="muted small">— {q.displayName}</span></span>
              {session && q.userId !== session.user.id && (
                <button type="button" class="button ghost small" aria-label={`Upvote: ${q.text}`}
                  onClick={() => api.post(`/api/questions/${q.id}/upvote`).catch((e) => toast(plainWords(e), 'error'))}>▲ {q.upvotes}</button>
              )}
              {(!session || q.userId === session.user.id) && <span class="muted small">▲ {q.upvotes}</span>}
            </li>
          ))}
        </ul>
      )}
      {session && live && (
        <form class="chat-form qa-form" onSubmit={ask}>
          <label for="qa-input" class="visually-hidden">Your question</label>
          <input id="qa-input" value={text} maxLength={300} placeholder="Ask the host something" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <button type="submit" class="button" disabled={!text.trim()}>Ask</button>
        </form>
      )}
      {error !== undefined && <p class="field-error" role="alert">{plainWords(error)}</p>}
    </section>
  );
}

function useProductTitle(productId: number | null | undefined) {
  const [product, setProduct] = useState<Product | null>(null);
  useEffect(() => {
    if (!productId) return;
    api.get<Product>(`/api/products/${productId}`).then(setProduct).catch(() => undefined);
  }, [productId]);
  return product;
}

/** The host's pinned flash sale: fixed price, limited stock, one tap to buy. */
export function FlashSaleCard({ sale }: { sale: FlashSale }) {
  const session = useSession();
  const product = useProductTitle(sale.productId);
  const [busy, setBusy] = useState(false);
  const open = sale.status === 'open' && sale.remaining > 0;
  const buy = async () => {
    setBusy(true);
    try {
      const purchase = await api.post<{ orderId?: number }>(`/api/flash-sales/${sale.id}/buy`, { quantity: 1 }, { idempotencyKey: idempotencyKey() });
      toast(`Bought for ${money(sale.priceCents)}!`, 'success', { label: 'Pay now', href: purchase.orderId ? `/orders/${purchase.orderId}` : '/orders' });
    } catch (error) {
      toast(plainWords(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card flash" aria-labelledby={`flash-${sale.id}`}>
      <p class="lot-kicker small">⚡ Flash sale</p>
      <h2 id={`flash-${sale.id}`}>{product?.title ?? 'Limited drop'}</h2>
      <p><strong class="flash-price">{money(sale.priceCents)}</strong> <span class="muted small">{sale.remaining} of {sale.quantity} left</span></p>
      {sale.endsAt && open && <Countdown endsAt={sale.endsAt} open />}
      {open ? (
        session ? <button type="button" class="button primary block" disabled={busy} onClick={buy}>Buy now for {money(sale.priceCents)}</button>
          : <a class="button primary block" href={`/login?next=/shows/${sale.showId}`}>Log in to buy</a>
      ) : <p class="muted">{sale.remaining === 0 ? 'Sold out.' : 'This sale has ended.'}</p>}
    </section>
  );
}

export function GiveawayCard({ giveaway }: { giveaway: Giveaway }) {
  const session = useSession();
  const [entered, setEntered] = useState(false);
  const enter = () => api.post(`/api/giveaways/${giveaway.id}/entries`)
    .then(() => {
      setEntered(true);
      toast("You're in the draw. Good luck!", 'success');
    })
    .catch((error) => toast(plainWords(error), 'error'));
  const won = giveaway.status === 'drawn' && session && giveaway.winnerId === session.user.id;
  return (
    <section class="card giveaway" aria-labelledby={`give-${giveaway.id}`}>
      <p class="lot-kicker small">🎁 Giveaway</p>
      <h2 id={`give-${giveaway.id}`}>{giveaway.title}</h2>
      {giveaway.status === 'open' && <Countdown endsAt={giveaway.endsAt} open />}
      {giveaway.entrantCount !== undefined && giveaway.status === 'open' && (
        // entries are not broadcast one by one: count our own until the draw says how many
        <p class="small muted">{giveaway.entrantCount + (entered ? 1 : 0)} entered</p>
      )}
      {giveaway.status === 'open' && (
        session ? <button type="button" class="button block" disabled={entered} onClick={enter}>{entered ? 'Entered' : 'Enter the giveaway'}</button>
          : <a class="button block" href={`/login?next=/shows/${giveaway.showId}`}>Log in to enter</a>
      )}
      {giveaway.status === 'drawn' && <p>{won ? <strong class="up">You won!</strong> : 'The winner has been drawn.'}</p>}
    </section>
  );
}
