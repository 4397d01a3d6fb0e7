// Tournament shapes (openapi/tournament.yaml): the contract's own where its schema lists the fields,
// the rest written out here as the endpoints answer them (docs/TOURNAMENTS.md).
import type { components } from '../api-types';

type Schemas = components['schemas'];

export interface TournamentInstrument {
  symbol: string;
  name: string;
  referencePriceCents: number;
}

export interface TournamentNews {
  id: number;
  symbol: string;
  headline: string;
  shockBps: number;
  at: string;
  appliedAt?: string | null;
  anchorPriceCents?: number;
}

export type Tournament = Omit<Schemas['Tournament'], 'instruments' | 'events'> & {
  instruments?: TournamentInstrument[];
  events?: TournamentNews[];
};

export type TournamentStatus = Tournament['status'];
export type TournamentEntry = Schemas['TournamentEntry'];

/** A row of the live board or of the frozen results. */
export interface Standing {
  rank: number;
  userId: number;
  displayName: string;
  equityCents: number;
  returnBps?: number;
  prizeCents?: number;
  enteredAt?: string;
}

export interface Board {
  tournamentId: number;
  status: TournamentStatus;
  final: boolean;
  items: Standing[];
}

export interface Results {
  tournamentId: number;
  poolCents: number;
  platformCents: number;
  board: Standing[];
  disqualified?: { userId: number; displayName?: string }[];
  frozenAt?: string;
}

/** GET /api/tournaments/{id}/me: the caller's entry and play-money account. */
export interface PlayAccount {
  entry: TournamentEntry;
  cashCents: number;
  lockedCents: number;
  equityCents: number;
  holdings: { symbol: string; shares: number; lockedShares: number; markCents: number; valueCents: number }[];
}

export const STATUS_TEXT: Record<TournamentStatus, string> = {
  draft: 'Draft',
  open: 'Open for entries',
  active: 'Trading now',
  completed: 'Finished',
  cancelled: 'Cancelled',
};
