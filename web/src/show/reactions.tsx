import { useEffect, useState } from 'preact/hooks';
import { api, plainWords } from '../api';
import { live } from '../live';
import { useSession } from '../session';
import { toast } from '../toasts';

const EMOJI: Record<string, string> = { heart: '❤️', fire: '🔥', clap: '👏', laugh: '😂', wow: '😮', money: '🤑' };
const LABEL: Record<string, string> = { heart: 'Love it', fire: 'Fire', clap: 'Applause', laugh: 'Funny', wow: 'Wow', money: 'Take my money' };

interface Floater {
  id: number;
  emoji: string;
  left: number;
}

let nextId = 1;

/** Reaction buttons, and everyone's reactions floating up over the video. */
export function Reactions({ showId, live: isLive }: { showId: number; live: boolean }) {
  const session = useSession();
  const [floaters, setFloaters] = useState<Floater[]>([]);

  useEffect(() => live.subscribe(`show:${showId}`, (frame) => {
    if (frame.type !== 'reaction' || !EMOJI[frame.data?.emoji]) return;
    const floater = { id: nextId++, emoji: EMOJI[frame.data.emoji], left: 10 + Math.random() * 80 };
    // a crowd can react faster than anyone can look: keep the last dozen on screen
    setFloaters((list) => [...list.slice(-11), floater]);
    window.setTimeout(() => setFloaters((list) => list.filter((f) => f.id !== floater.id)), 2600);
  }), [showId]);

  const react = (emoji: string) => api.post(`/api/shows/${showId}/reactions`, { emoji }).catch((e) => toast(plainWords(e), 'error'));
  return (
    <>
      <div class="floaters" aria-hidden="true">
        {floaters.map((f) => <span key={f.id} class="floater" style={{ left: `${f.left}%` }}>{f.emoji}</span>)}
      </div>
      {isLive && session && (
        <div class="reactions" role="group" aria-label="React">
          {Object.keys(EMOJI).map((key) => (
            <button type="button" class="reaction" aria-label={LABEL[key]} title={LABEL[key]} onClick={() => react(key)}>{EMOJI[key]}</button>
          ))}
        </div>
      )}
    </>
  );
}

/** Follow the host to hear when they schedule a show and go live. */
export function FollowButton({ hostId, hostName }: { hostId: number; hostName: string }) {
  const session = useSession();
  const [following, setFollowing] = useState<boolean | null>(null);
  useEffect(() => {
    if (!session || session.user.id === hostId) return;
    api.get<{ hostId: number }[] | { items: { hostId: number }[] }>('/api/me/following')
      .then((answer) => setFollowing((Array.isArray(answer) ? answer : answer.items).some((f) => f.hostId === hostId)))
      .catch(() => setFollowing(false));
  }, [session?.user.id, hostId]);
  if (!session || session.user.id === hostId || following === null) return null;
  const toggle = () => (following ? api.del(`/api/hosts/${hostId}/follow`) : api.put(`/api/hosts/${hostId}/follow`, {}))
    .then(() => {
      setFollowing(!following);
      if (!following) toast(`You'll hear when ${hostName} goes live.`, 'success');
    })
    .catch((e) => toast(plainWords(e), 'error'));
  return (
    <button type="button" class={following ? 'button small' : 'button primary small'} aria-pressed={following ? 'true' : 'false'} onClick={toggle}>
      {following ? 'Following' : `Follow ${hostName}`}
    </button>
  );
}
