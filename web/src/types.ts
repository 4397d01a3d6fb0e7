// The shapes the web app reads from the API (see /openapi.yaml); only the fields it uses.

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
}

export interface Page<T> {
  items: T[];
  nextBefore?: number | null;
}

export type LotStatus = 'queued' | 'open' | 'sold' | 'unsold' | 'cancelled';

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
