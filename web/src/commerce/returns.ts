// Buyer protection: return and refund requests (docs/API.md "Return requests").

export type ReturnReason = 'not_received' | 'not_as_described' | 'damaged' | 'changed_mind';
export type ReturnStatus = 'open' | 'accepted' | 'declined' | 'escalated' | 'refunded' | 'rejected';

export interface ReturnRequest {
  id: number;
  orderId: number;
  buyerId: number;
  sellerId: number;
  reason: ReturnReason;
  message: string;
  status: ReturnStatus;
  respondBy?: string | null;
  refundCents?: number | null;
  returnLabelUrl?: string | null;
  declineReason?: string | null;
  escalatedBy?: 'buyer' | 'automatic' | null;
  decisionNote?: string | null;
  createdAt: string;
}

export const REASONS: Record<ReturnReason, string> = {
  not_received: 'It never arrived',
  not_as_described: 'Not as described',
  damaged: 'It arrived damaged',
  changed_mind: 'I changed my mind',
};

/** What the status means, in the words of whoever reads it. */
export const STATUS_TEXT: Record<ReturnStatus, string> = {
  open: 'Waiting for the seller',
  accepted: 'Accepted: refunded',
  declined: 'Declined by the seller',
  escalated: 'With Showfloor’s moderators',
  refunded: 'Refunded by Showfloor’s moderators',
  rejected: 'Closed by Showfloor’s moderators without a refund',
};

/** Orders with money paid that a buyer may ask back (the server decides the windows). */
export const REFUNDABLE = ['paid', 'shipped', 'delivered', 'partially_refunded'];
