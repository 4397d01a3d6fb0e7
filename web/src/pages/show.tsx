import { useEffect, useState } from 'preact/hooks';
import { markFirstStep } from '../first-run';
import { api, ApiProblem } from '../api';
import { titleCase, when } from '../format';
import { live } from '../live';
import { hasRole, useSession } from '../session';
import { ReportButton } from '../moderation/report';
import { Chat } from '../show/chat';
import { ClipList, ClipMaker } from '../show/clips';
import { FlashSaleCard, GiveawayCard, PollCard, Questions } from '../show/extras';
import { useLiveLot } from '../show/lot';
import { LotPanel } from '../show/lot-panel';
import { FollowButton, Reactions } from '../show/reactions';
import { VideoStage } from '../show/video';
import type { ChatMessage, Clip, FlashSale, Giveaway, Lot, Page as ListPage, Poll, Question, Show } from '../types';
import { Empty, ErrorNote, Loading, Page, useAsync } from '../ui';

/** Lists come bare, as {items} or as {lots}; all read the same here. */
export function items<T>(answer: T[] | ListPage<T> | { lots: T[] } | undefined): T[] {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer;
  return 'lots' in answer ? answer.lots ?? [] : answer.items ?? [];
}

/** The lot to put on stage: the open one, else the next queued, else the last that closed. */
export function currentLot(lots: Lot[]): Lot | null {
  const byPosition = [...lots].sort((a, b) => (a.position ?? a.id) - (b.position ?? b.id));
  return byPosition.find((l) => l.status === 'open')
    ?? byPosition.find((l) => l.status === 'queued')
    ?? byPosition.filter((l) => l.status === 'sold' || l.status === 'unsold').pop()
    ?? null;
}

export function ShowPage({ id }: { id: number }) {
  const session = useSession();
  const showState = useAsync((signal) => api.get<Show>(`/api/shows/${id}`, { signal }), [id]);
  const [show, setShow] = useState<Show | null>(null);
  const [viewers, setViewers] = useState(0);
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [lotId, setLotId] = useState<number | null>(null);
  const [initialLot, setInitialLot] = useState<Lot | null>(null);
  const [lot, offerLot] = useLiveLot(lotId, initialLot);
  const [poll, setPoll] = useState<Poll | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [sale, setSale] = useState<FlashSale | null>(null);
  const [giveaway, setGiveaway] = useState<Giveaway | null>(null);
  const [staffRole, setStaffRole] = useState<string | null>(null);
  const [clips, setClips] = useState<Clip[]>([]);
  usePresence(id, show?.status === 'live', setViewers);
  useEffect(() => {
    if (show?.status === 'live') markFirstStep('watch');
  }, [show?.status, session?.user.id]);

  useEffect(() => {
    if (showState.data) {
      setShow(showState.data);
      setViewers(showState.data.viewerCount ?? 0);
    }
  }, [showState.data]);

  // the run sheet decides which lot is on stage; the show topic says when that changes
  useEffect(() => {
    const controller = new AbortController();
    api.get<{ lots: Lot[] }>(`/api/shows/${id}/lots`, { signal: controller.signal })
      .then((answer) => {
        const lot = currentLot(items(answer));
        setInitialLot(lot);
        setLotId(lot?.id ?? null);
      })
      .catch(() => undefined); // no auctions on this show (or not yet): the page works without
    api.get<ChatMessage[] | ListPage<ChatMessage>>(`/api/shows/${id}/chat?limit=50`, { signal: controller.signal })
      .then((answer) => setChat((current) => merge(items(answer), current)))
      .catch(() => undefined);
    api.get<Clip[]>(`/api/shows/${id}/clips`, { signal: controller.signal })
      .then((answer) => setClips((current) => addClips(answer, current)))
      .catch(() => undefined); // the show page works without its clips
    return () => controller.abort();
  }, [id]);

  useEffect(() => live.subscribe(`show:${id}`, (frame) => {
    const data = frame.data ?? {};
    switch (frame.type) {
      case 'snapshot': {
        const snapshotShow = data.show ?? (typeof data.id === 'number' ? data : null);
        if (snapshotShow) setShow((s) => ({ ...(s ?? {}), ...snapshotShow }));
        if (typeof (data.viewerCount ?? snapshotShow?.viewerCount) === 'number') setViewers(data.viewerCount ?? snapshotShow.viewerCount);
        const messages = data.recentChat ?? data.chat ?? data.messages;
        if (Array.isArray(messages)) setChat((current) => merge(messages, current));
        setPoll(data.activePoll ?? null);
        if (Array.isArray(data.questions)) setQuestions(data.questions);
        setStaffRole(data.you?.role ?? null);
        const onStage = data.currentLot ?? data.lot;
        if (onStage && typeof onStage.id === 'number') {
          setInitialLot(onStage);
          setLotId(onStage.id);
        }
        break;
      }
      case 'poll.opened':
      case 'poll.results':
      case 'poll.closed':
        // the public view has no "my vote": keep the one we know
        setPoll((current) => ({ ...data, myVote: current && current.id === data.id ? current.myVote : data.myVote ?? null }));
        break;
      case 'question.asked':
      case 'question.upvoted':
      case 'question.answered':
        setQuestions((current) => [data as Question, ...current.filter((q) => q.id !== data.id)]);
        break;
      case 'flash_sale.pinned':
      case 'flash_sale.updated':
      case 'flash_sale.ended':
        setSale(data as FlashSale);
        break;
      case 'giveaway.opened':
      case 'giveaway.drawn':
      case 'giveaway.updated':
        setGiveaway(data as Giveaway);
        break;
      case 'chat.message':
        setChat((current) => merge([data as ChatMessage], current));
        break;
      case 'chat.deleted':
        setChat((current) => current.filter((m) => m.id !== data.id));
        break;
      case 'viewers':
      case 'presence':
      case 'viewer.count':
        if (typeof (data.count ?? data.viewerCount) === 'number') setViewers(data.count ?? data.viewerCount);
        break;
      case 'show.started':
      case 'show.ended':
      case 'show.updated':
        setShow((s) => ({ ...(s ?? {}), ...data }));
        break;
      case 'clip.created':
        setClips((current) => addClips([data as Clip], current));
        break;
      case 'lot.opened':
        setInitialLot(data as Lot);
        setLotId(data.id);
        break;
    }
  }), [id]);

  if (!show) {
    return (
      <Page title="Show">
        {showState.error !== undefined
          ? <ErrorNote error={showState.error} retry={showState.error instanceof ApiProblem && showState.error.status === 404 ? undefined : showState.reload} />
          : <Loading label="Opening the show…" />}
      </Page>
    );
  }
  const moderator = hasRole(session, 'moderator') || session?.user.id === show.hostId || staffRole === 'host' || staffRole === 'cohost' || staffRole === 'moderator';
  return (
    <Page title={show.title} wide heading={<>{show.title}</>}>
      <div class="row show-byline">
        <span class="muted">
          <a href={`/hosts/${show.hostId}`}>{show.host?.displayName ?? 'Host'}</a>
          {show.host?.verified && <> <span class="verified" title="Verified host">✓ Verified</span></>} · <a href={`/?category=${encodeURIComponent(show.category)}`}>{titleCase(show.category)}</a>
          {show.status === 'scheduled' && <> · starts {when(show.scheduledAt)}</>}
          {show.status === 'ended' && <> · ended · <a href={`/shows/${id}/replay`}>Watch the replay</a></>}
        </span>
        <span class="row">
          <FollowButton hostId={show.hostId} hostName={show.host?.displayName ?? 'the host'} />
          {session && session.user.id !== show.hostId && <ReportButton targetType="show" targetId={show.id} what={`the show ${show.title}`} class="button ghost small" />}
        </span>
      </div>
      <div class="show-layout">
        <div class="show-main">
          <div class="stage-wrap">
            <VideoStage show={show} viewerCount={viewers} />
            <Reactions showId={id} live={show.status === 'live'} />
          </div>
          {show.description && <p class="show-description">{show.description}</p>}
          {session && show.status === 'live' && show.startedAt && (
            <ClipMaker showId={id} startedAt={show.startedAt} productId={lot?.productId} onClip={(clip) => setClips((current) => addClips([clip], current))} />
          )}
          <section aria-labelledby="clips-title">
            <h2 id="clips-title">Clips</h2>
            <ClipList clips={clips} emptyText={show.status === 'live' ? 'Catch a great moment: clip it and it shows here.' : 'Highlights clipped during the show show here.'} />
          </section>
        </div>
        <div class="show-side">
          {sale && <FlashSaleCard sale={sale} />}
          {giveaway && <GiveawayCard giveaway={giveaway} />}
          {show.requireSavedCard && (show.status === 'live' || show.status === 'scheduled') && (
            <p class="note small" data-testid="saved-card-rule">Bidding in this show needs a saved card: a win is paid the moment the lot closes. <a href={`/account?next=/shows/${id}#saved-cards`}>Your cards</a></p>
          )}
          {lot ? <LotPanel lot={lot} onLot={offerLot} showId={id} />
            : <Empty title={show.status === 'live' ? 'No lot on the block right now' : 'No lot on the block'}>The next lot appears here the moment the host opens it.</Empty>}
          <Chat showId={id} messages={chat} canChat={!!session && show.status === 'live'} moderator={moderator}
            onDelete={(messageId) => setChat((current) => current.filter((m) => m.id !== messageId))} />
          {poll && <PollCard poll={poll} onPoll={setPoll} />}
          {(show.status === 'live' || questions.length > 0) && <Questions showId={id} questions={questions} live={show.status === 'live'} />}
        </div>
      </div>
    </Page>
  );
}

/**
 * "I am watching": a heartbeat while the show is live, so the viewer counts (anonymous viewers
 * with a random id kept for the tab); the answer carries the current count.
 */
function usePresence(showId: number, live: boolean, onCount: (count: number) => void) {
  useEffect(() => {
    if (!live) return;
    const sessionId = viewerSessionId();
    let timer = 0;
    let stopped = false;
    const beat = () => api.post<{ viewerCount: number; heartbeatSeconds?: number }>(`/api/shows/${showId}/presence`, { sessionId })
      .then((answer) => {
        onCount(answer.viewerCount);
        return (answer.heartbeatSeconds ?? 15) * 1000;
      })
      .catch(() => 15_000)
      .then((next) => {
        if (!stopped) timer = window.setTimeout(beat, next);
      });
    beat();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      api.del(`/api/shows/${showId}/presence?sessionId=${sessionId}`).catch(() => undefined);
    };
  }, [showId, live]);
}

function viewerSessionId(): string {
  let id = sessionStorage.getItem('showfloor.viewer');
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem('showfloor.viewer', id);
  }
  return id;
}

/** Adds messages by id, in id order, keeping the last 200. */
function merge(incoming: ChatMessage[], current: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  incoming.forEach((m) => {
    if (m && typeof m.id === 'number') byId.set(m.id, m);
  });
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-200);
}

/** Adds clips by id, in the show's time order. */
function addClips(incoming: Clip[], current: Clip[]): Clip[] {
  const byId = new Map(current.map((c) => [c.id, c]));
  incoming.forEach((c) => byId.set(c.id, c));
  return [...byId.values()].sort((a, b) => a.startSeconds - b.startSeconds || a.id - b.id);
}
