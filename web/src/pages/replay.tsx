import { useState } from 'preact/hooks';
import { api, ApiProblem, plainWords } from '../api';
import { day, money, offsetText, titleCase } from '../format';
import { ClipList } from '../show/clips';
import type { ChatMessage, Clip, Lot, Poll, Question, Show } from '../types';
import { Empty, ErrorNote, Loading, Page, useAsync } from '../ui';

type ReplayMessage = ChatMessage & { offsetSeconds: number };

interface Replay {
  show: Show & { endedAt?: string | null };
  recordingUrl: string | null;
  stats: { durationSeconds: number; peakViewers: number | null; averageViewers: number | null; chatMessages: number; reactions: number };
  chat: { items: ReplayMessage[]; nextAfter: number | null };
  polls: Poll[];
  questions: Question[];
  clips: Clip[];
  /** null when the auction domain did not answer: the page then says the results are not available */
  lots: Lot[] | null;
}

/** An ended show: the recording, what was said (chat in time order), polls, Q&A, lots and their results, clips. */
export function ReplayPage({ id }: { id: number }) {
  const replay = useAsync((signal) => api.get<Replay>(`/api/shows/${id}/replay`, { signal }), [id]);
  if (!replay.data) {
    const notEnded = replay.error instanceof ApiProblem && replay.error.code === 'show_not_ended';
    return (
      <Page title="Replay">
        {replay.error === undefined ? <Loading label="Loading the replay…" />
          : notEnded ? <Empty title="This show has not ended yet">Its replay appears here when it ends. <a href={`/shows/${id}`}>Go to the show</a>.</Empty>
          : <ErrorNote error={replay.error} retry={replay.reload} />}
      </Page>
    );
  }
  const r = replay.data;
  const { show, stats } = r;
  return (
    <Page title={`Replay: ${show.title}`} heading={<>{show.title} <span class="pill pill-soft">Replay</span></>} wide>
      <p class="muted show-byline">
        <a href={`/hosts/${show.hostId}`}>{show.host?.displayName ?? 'Host'}</a>
        {show.host?.verified && <> <span class="verified" title="Verified host">✓ Verified</span></>}
        {' '}· {titleCase(show.category)} · {day(show.startedAt ?? show.scheduledAt)}
      </p>
      <div class="replay-layout">
        <div class="stack">
          {r.recordingUrl
            ? <video class="replay-video" src={r.recordingUrl} controls preload="metadata" aria-label={`Recording of ${show.title}`} />
            : <p class="note">No recording of this show was kept: the chat, polls, questions and lots below are its record.</p>}
          <section aria-labelledby="stats-title">
            <h2 id="stats-title" class="visually-hidden">The show in numbers</h2>
            <div class="stats">
              <div class="stat"><span class="stat-label">Length</span><strong>{offsetText(stats.durationSeconds)}</strong></div>
              <div class="stat"><span class="stat-label">Peak viewers</span><strong>{stats.peakViewers ?? '—'}</strong></div>
              <div class="stat"><span class="stat-label">Chat messages</span><strong>{stats.chatMessages}</strong></div>
              <div class="stat"><span class="stat-label">Reactions</span><strong>{stats.reactions}</strong></div>
            </div>
          </section>
          <ReplayLots lots={r.lots} />
          <section aria-labelledby="replay-clips">
            <h2 id="replay-clips">Clips</h2>
            <ClipList clips={r.clips} emptyText="Nobody clipped a moment of this show." />
          </section>
          {r.polls.length > 0 && (
            <section aria-labelledby="replay-polls">
              <h2 id="replay-polls">Polls</h2>
              <ul class="order-list">{r.polls.map((p) => <PollResult poll={p} />)}</ul>
            </section>
          )}
          {r.questions.length > 0 && (
            <section aria-labelledby="replay-qa">
              <h2 id="replay-qa">Questions</h2>
              <ul class="qa-list">
                {r.questions.map((q) => (
                  <li><span>{q.text} <span class="small muted">— {q.displayName}</span></span>
                    <span class="small muted">{q.upvotes} ▲{q.answered ? ' · answered' : ''}</span></li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <ReplayChat showId={id} first={r.chat} />
      </div>
    </Page>
  );
}

function ReplayLots({ lots }: { lots: Lot[] | null }) {
  return (
    <section aria-labelledby="replay-lots">
      <h2 id="replay-lots">Lots and results</h2>
      {lots === null ? <p class="muted">The lot results are not available right now.</p>
        : lots.length === 0 ? <Empty title="No lots in this show" />
        : (
          <div class="table-wrap">
            <table class="stack-phone">
              <thead><tr><th scope="col">Lot</th><th scope="col">Result</th><th scope="col" class="num">Bids</th></tr></thead>
              <tbody>
                {lots.map((l) => (
                  <tr data-lot-id={l.id}>
                    <td><a href={`/products/${l.productId}`}>Lot {l.position ?? l.id}</a></td>
                    <td data-label="Result">{l.status === 'sold'
                      ? <>Sold for <strong>{money(l.hammerPriceCents ?? l.currentPriceCents)}</strong>{l.highBidderName ? ` to ${l.highBidderName}` : ''}</>
                      : l.status === 'unpaid' ? <>Won at {money(l.hammerPriceCents ?? l.currentPriceCents)}, not paid</>
                      : l.status === 'offered' ? <>Offered to the runner-up{l.offer ? ` at ${money(l.offer.priceCents)}` : ''}</>
                      : l.status === 'unsold' ? 'Not sold' : l.status === 'cancelled' ? 'Withdrawn' : titleCase(l.status)}</td>
                    <td class="num" data-label="Bids">{l.bidCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

function PollResult({ poll }: { poll: Poll }) {
  return (
    <li class="card">
      <p><strong>{poll.question}</strong> <span class="small muted">{poll.totalVotes} votes</span></p>
      <ul class="poll-options">
        {poll.options.map((o) => {
          const share = poll.totalVotes ? Math.round((100 * o.votes) / poll.totalVotes) : 0;
          return (
            <li class="poll-result"><span class="poll-bar" style={{ width: `${share}%` }} />
              <span class="poll-text">{o.text}</span><span class="poll-share">{share}%</span></li>
          );
        })}
      </ul>
    </li>
  );
}

/** The chat as it happened, each line with its time into the show; later pages load on request. */
function ReplayChat({ showId, first }: { showId: number; first: Replay['chat'] }) {
  const [messages, setMessages] = useState(first.items);
  const [next, setNext] = useState(first.nextAfter);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const more = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await api.get<Replay['chat']>(`/api/shows/${showId}/replay/chat?after=${next}&limit=200`);
      setMessages((current) => [...current, ...page.items]);
      setNext(page.nextAfter);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="replay-chat-title">
      <h2 id="replay-chat-title">Chat replay</h2>
      {messages.length === 0 ? <p class="muted">Nobody chatted in this show.</p> : (
        <ol class="replay-chat" tabIndex={0} aria-label="Chat messages in the order they were sent">
          {messages.map((m) => (
            <li data-message-id={m.id}>
              <span class="offset">{offsetText(m.offsetSeconds)}</span>
              <span class="chat-name">{m.displayName}</span> <span>{m.text}</span>
            </li>
          ))}
        </ol>
      )}
      {next !== null && <p><button type="button" class="button small" disabled={busy} onClick={more}>Load more chat</button></p>}
      {error !== undefined && <p class="field-error" role="alert">{plainWords(error)}</p>}
    </section>
  );
}
