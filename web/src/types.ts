// The shapes the web app reads from the API (see /openapi.yaml); only the fields it uses.
import type { components } from './api-types';

export interface Show {
  id: number;
  hostId: number;
  host?: { id: number; displayName: string; verified?: boolean };
  title: string;
  description?: string;
  category: string;
  coverImageUrl?: string | null;
  scheduledAt: string;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  startedAt?: string | null;
  viewerCount?: number;
  pinnedMessageId?: number | null;
  /** bids need a saved card (403 saved_card_required otherwise) */
  requireSavedCard?: boolean;
}

export interface Page<T> {
  items: T[];
  nextBefore?: number | null;
}

/** after a sale: sold → unpaid (the winner did not pay) → offered (to the runner-up) → sold | unsold */
export type LotStatus = 'queued' | 'open' | 'sold' | 'unsold' | 'cancelled' | 'unpaid' | 'offered';

export interface Lot {
  id: number;
  showId: number;
  productId: number;
  sellerId?: number;
  hostId?: number;
  position?: number;
  status: LotStatus;
  mode?: 'standard' | 'sudden_death';
  startingPriceCents: number;
  currentPriceCents: number;
  highBidderId?: number | null;
  highBidderName?: string | null;
  minNextBidCents: number;
  bidCount: number;
  durationSeconds?: number;
  extendSeconds?: number;
  buyNowPriceCents?: number | null;
  endsAt?: string | null;
  serverTime: string;
  reserveMet: boolean;
  hasReserve?: boolean;
  winnerId?: number | null;
  hammerPriceCents?: number | null;
  orderId?: number | null;
  /** unpaid, with a runner-up and no offer yet (the runner-up's maximum stays private) */
  runnerUpOfferPossible?: boolean;
  offer?: { runnerUpId: number; priceCents: number; orderId: number; status: 'offered' | 'accepted' | 'declined' | 'expired' } | null;
}

export interface BidReply {
  bid: { id: number; amountCents: number; maxAmountCents?: number | null; accepted: boolean; leading: boolean };
  lot: Lot;
}

export interface ChatMessage {
  id: number;
  showId: number;
  userId: number;
  displayName: string;
  kind?: string;
  text: string;
  createdAt: string;
}

export interface Product {
  id: number;
  sellerId?: number;
  title: string;
  description?: string;
  category?: string;
  priceCents: number;
  quantity?: number;
  imageUrls?: string[];
}

export interface VideoToken {
  url: string;
  token: string;
  identity: string;
  canPublish: boolean;
  devKey?: boolean;
}

// Market shapes come from the contract (api-types.ts, generated at build time by
// scripts/api-types.mjs); the other shapes move there as their schemas say what the app needs.
type Schemas = components['schemas'];

export type Phase = Schemas['MarketPhase'];
export type Instrument = Schemas['Instrument'];
export type Ticker = Schemas['MarketTicker'];
export type BookLevel = Schemas['MarketBookLevel'];
export type Book = Schemas['MarketBook'];
export type PublicTrade = Schemas['MarketTrade'];

export interface Candle {
  start: string;
  openCents: number;
  highCents: number;
  lowCents: number;
  closeCents: number;
  volume: number;
}

export type MarketOrder = Schemas['MarketOrder'];
export type Fill = Schemas['MarketFill'];
export type Portfolio = Schemas['MarketPortfolio'];
export type Holding = Portfolio['holdings'][number];
export type PnlSeries = Schemas['PnlSeries'];

export interface Poll {
  id: number;
  showId: number;
  question: string;
  status: 'open' | 'closed';
  options: { index: number; text: string; votes: number }[];
  totalVotes: number;
  myVote?: number | null;
}

export interface Question {
  id: number;
  showId: number;
  userId: number;
  displayName: string;
  text: string;
  upvotes: number;
  answered: boolean;
  createdAt: string;
}

export interface FlashSale {
  id: number;
  showId: number;
  productId: number;
  sellerId?: number;
  priceCents: number;
  quantity: number;
  sold: number;
  remaining: number;
  perBuyerLimit?: number;
  status: 'open' | 'ended';
  endsAt?: string | null;
}

export interface Giveaway {
  id: number;
  showId: number;
  productId?: number | null;
  title: string;
  status: 'open' | 'drawn' | 'cancelled';
  endsAt: string;
  entrantCount?: number;
  seedHash?: string;
  winnerId?: number | null;
}

/** A highlight of a show: a time range of its recording (video once the recording exists). */
export interface Clip {
  id: number;
  showId: number;
  showTitle: string;
  createdBy: number;
  createdByName: string;
  title: string;
  startSeconds: number;
  endSeconds: number;
  productId: number | null;
  status: 'range_only' | 'recorded';
  videoUrl: string | null;
  createdAt: string;
}
