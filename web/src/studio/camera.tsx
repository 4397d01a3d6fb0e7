import { useEffect, useRef, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import type { VideoToken } from '../types';

type State = 'off' | 'starting' | 'on' | 'unavailable' | 'failed';

/**
 * The host's camera and microphone, published to the show's LiveKit room. Only with a real
 * LiveKit server (a dev-key token means none is configured, unless one runs locally).
 */
export function Camera({ showId, live }: { showId: number; live: boolean }) {
  const preview = useRef<HTMLDivElement>(null);
  const room = useRef<{ disconnect(): Promise<void> } | null>(null);
  const [state, setState] = useState<State>('off');
  const [detail, setDetail] = useState<string | null>(null);
  const [token, setToken] = useState<VideoToken | null>(null);

  useEffect(() => {
    if (!live) return;
    api.post<VideoToken>(`/api/shows/${showId}/token`).then(setToken).catch((e) => {
      setState('failed');
      setDetail(plainWords(e));
    });
    return () => {
      void room.current?.disconnect();
      room.current = null;
    };
  }, [showId, live]);

  const start = async () => {
    if (!token) return;
    setState('starting');
    try {
      const { Room, RoomEvent, Track, setLogLevel } = await import('livekit-client');
      setLogLevel('silent');
      const r = new Room();
      r.on(RoomEvent.LocalTrackPublished, (publication) => {
        if (publication.track?.kind === Track.Kind.Video && preview.current) {
          const element = publication.track.attach();
          element.setAttribute('aria-label', 'Your camera');
          element.muted = true;
          preview.current.replaceChildren(element);
        }
      });
      await r.connect(token.url, token.token);
      await r.localParticipant.enableCameraAndMicrophone();
      room.current = r;
      setState('on');
    } catch (error) {
      setState('failed');
      setDetail(error instanceof Error ? error.message : String(error));
    }
  };

  const stop = async () => {
    await room.current?.disconnect();
    room.current = null;
    preview.current?.replaceChildren();
    setState('off');
  };

  if (!live) return <p class="muted small">Your camera goes on air once the show is live.</p>;
  return (
    <div class="camera">
      <div class="stage camera-preview" ref={preview}>{state !== 'on' && <span class="muted small">Camera off</span>}</div>
      <div class="row section">
        {state === 'on'
          ? <button type="button" class="button danger" onClick={stop}>Stop camera</button>
          : <button type="button" class="button primary" disabled={!token || !token.canPublish || state === 'starting'} onClick={start}>
              {state === 'starting' ? 'Starting…' : 'Start camera and microphone'}</button>}
        {token?.devKey && <span class="small muted">No LiveKit server is configured: this works only with a local LiveKit dev server at {token.url}.</span>}
      </div>
      {state === 'failed' && <p class="field-error" role="alert">The camera could not start{detail ? `: ${detail}` : ''}.</p>}
    </div>
  );
}
