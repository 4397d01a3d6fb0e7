import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem, plainWords } from '../api';
import { compact } from '../format';
import { Icon } from '../icons';
import type { Show, VideoToken } from '../types';

type VideoState = 'idle' | 'connecting' | 'playing' | 'waiting' | 'unavailable' | 'failed';

/**
 * The show's video through LiveKit. livekit-client is loaded only here and only when the server
 * hands out a token for a real LiveKit server; with the dev key (no LiveKit configured) the stage
 * says so instead of failing to connect in the background.
 */
export function VideoStage({ show, viewerCount }: { show: Show; viewerCount: number }) {
  const holder = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<VideoState>('idle');
  const [token, setToken] = useState<VideoToken | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (show.status !== 'live') return;
    let cancelled = false;
    let disconnect: (() => void) | null = null;
    api.post<VideoToken>(`/api/shows/${show.id}/token`)
      .then(async (minted) => {
        if (cancelled) return;
        setToken(minted);
        if (!minted.url || (minted.devKey && attempt === 0)) {
          setState('unavailable');
          return;
        }
        setState('connecting');
        const { Room, RoomEvent, Track, setLogLevel } = await import('livekit-client');
        setLogLevel('silent');
        const room = new Room({ adaptiveStream: true, dynacast: true });
        disconnect = () => void room.disconnect();
        room.on(RoomEvent.TrackSubscribed, (track) => {
          if (track.kind === Track.Kind.Video || track.kind === Track.Kind.Audio) {
            const element = track.attach();
            element.setAttribute('playsinline', '');
            if (track.kind === Track.Kind.Video) element.setAttribute('aria-label', `Live video of ${show.title}`);
            holder.current?.appendChild(element);
            if (track.kind === Track.Kind.Video) setState('playing');
          }
        });
        room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()));
        await room.connect(minted.url, minted.token);
        if (cancelled) room.disconnect();
        else setState((s) => (s === 'playing' ? s : 'waiting'));
      })
      .catch((error) => {
        if (cancelled) return;
        if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) {
          // the server will not hand this viewer a token (signed out, banned, no video): say why
          setRefusal(error.status === 401 ? 'Log in to watch the video.' : plainWords(error));
          setState('unavailable');
        } else {
          setState('failed');
        }
      });
    return () => {
      cancelled = true;
      disconnect?.();
    };
  }, [show.id, show.status, attempt]);

  const live = show.status === 'live';
  return (
    <div class="stage">
      <div class="stage-video" ref={holder}>
        {state !== 'playing' && (
          show.coverImageUrl ? <img src={show.coverImageUrl} alt="" class="stage-cover" /> : <span class="cover-letter" aria-hidden="true">{show.title.charAt(0)}</span>
        )}
      </div>
      <div class="stage-overlay">
        {live && <span class="pill pill-live"><span class="live-dot" />LIVE</span>}
        {live && <span class="pill pill-dark" data-testid="viewer-count" aria-label={`${viewerCount} watching`}><Icon name="eye" /> {compact(viewerCount)}</span>}
      </div>
      {state !== 'playing' && (
        <p class="stage-note small">
          {!live && (show.status === 'scheduled' ? 'The show has not started yet.' : 'This show has ended.')}
          {live && state === 'connecting' && 'Connecting to the video…'}
          {live && state === 'waiting' && 'Waiting for the host’s camera…'}
          {live && state === 'failed' && <>The video could not start. <button type="button" class="link-button" onClick={() => setAttempt((a) => a + 1)}>Try again</button></>}
          {live && state === 'unavailable' && refusal}
          {live && state === 'unavailable' && token && (
            <>Video is off on this server (no LiveKit server configured).{' '}
              {token.devKey && token.url && <button type="button" class="link-button" onClick={() => setAttempt((a) => a + 1)}>Connect to a local LiveKit dev server</button>}</>
          )}
        </p>
      )}
    </div>
  );
}
