import { useEffect, useState } from 'preact/hooks';
import { serverNow } from '../clock';
import type { Tournament } from './types';

/** 3 725 000 ms → "1 h 2 min 5 s"; days when it is that far. */
export function spanText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}

/** Re-renders once a second while mounted. */
function useSecond() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((t) => t + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
}

/**
 * "Starts in …" before the start, "Ends in …" while it runs, measured on the server's clock (see
 * clock.ts) like every countdown. The sweep moves the tournament at these times; until its status
 * changes the clock says so instead of counting below zero.
 */
export function TournamentClock({ tournament }: { tournament: Pick<Tournament, 'status' | 'startsAt' | 'endsAt'> }) {
  useSecond();
  const now = serverNow();
  const starts = Date.parse(tournament.startsAt);
  const ends = Date.parse(tournament.endsAt);
  let text: string;
  switch (tournament.status) {
    case 'draft':
    case 'open':
      text = starts > now ? `Starts in ${spanText(starts - now)}` : 'Starting…';
      break;
    case 'active':
      text = ends > now ? `Ends in ${spanText(ends - now)}` : 'Ending…';
      break;
    case 'completed':
      text = 'Finished';
      break;
    default:
      text = 'Cancelled';
  }
  return <span class="tournament-clock" role="timer" data-testid="tournament-clock">{text}</span>;
}
