// Commerce shapes (cart, orders). Read tolerantly: lists may come bare or as {items}.

export interface CartItem {
  id: number;
  productId: number;
  title?: string;
  quantity: number;
  unitPriceCents: number;
  lineCents?: number;
  shippingCents?: number;
  sellerId?: number;
  sellerName?: string;
  available?: boolean;
  imageUrl?: string | null;
}

/** The cart at today's prices, plus due orders (won lots, flash-sale buys) the next checkout pays. */
export interface Cart {
  items: CartItem[];
  dueOrders?: Order[];
  itemsCents?: number;
  shippingCents?: number;
  dueCents?: number;
  totalCents: number;
}

export interface OrderLine {
  id?: number;
  productId?: number;
  title: string;
  quantity: number;
  unitPriceCents: number;
  lineCents?: number;
}

export interface Order {
  id: number;
  buyerId?: number;
  sellerId?: number;
  sellerName?: string;
  status: string;
  source?: 'cart' | 'lot' | 'flash_sale';
  /** e.g. "offer:42": a runner-up offer on lot 42 */
  sourceRef?: string | null;
  lines?: OrderLine[];
  itemsCents?: number;
  shippingCents?: number;
  discountCents?: number;
  totalCents: number;
  refundedCents?: number;
  sellerNetCents?: number;
  shippingAddress?: Record<string, unknown> | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  createdAt: string;
  paidAt?: string | null;
  shippedAt?: string | null;
  deliveredAt?: string | null;
  /** who confirmed delivery: the buyer, or the server after commerce.autoDeliverDays */
  deliveryConfirmedBy?: 'buyer' | 'automatic';
  /** while shipped and unconfirmed: when delivery will be confirmed automatically */
  autoDeliverAt?: string | null;
  /** seller and admins: when the order's money leaves the payout hold */
  payableAt?: string | null;
  expiresAt?: string | null;
}

export interface Checkout {
  checkoutId: number;
  status: 'pending' | 'succeeded' | 'failed' | 'expired';
  totalCents?: number;
  orders: Order[];
  payment: { provider: string; status: string; clientSecret?: string; failureCode?: string };
}

export function items<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items ?? [];
}

export function ordersQuery(role: 'buyer' | 'seller', status?: string): string {
  const query = new URLSearchParams({ role });
  if (status) query.set('status', status);
  return `/api/orders?${query}`;
}

export const ORDER_STATUS_TEXT: Record<string, string> = {
  pending_payment: 'Waiting for payment',
  paid: 'Paid — the seller is packing it',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};

export function linesText(order: Order): string {
  return (order.lines ?? []).map((l) => `${l.quantity} × ${l.title}`).join(', ');
}

export function statusText(status: string): string {
  return ORDER_STATUS_TEXT[status] ?? status.replace(/_/g, ' ');
}
