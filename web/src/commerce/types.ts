// Commerce shapes (cart, orders). Read tolerantly: lists may come bare or as {items}.

export interface CartItem {
  id: number;
  productId: number;
  title?: string;
  quantity: number;
  priceCents: number;
  sellerId?: number;
  sellerName?: string;
  imageUrl?: string | null;
  imageUrls?: string[];
}

export interface Cart {
  items: CartItem[];
  subtotalCents?: number;
  shippingCents?: number;
  totalCents?: number;
}

export interface OrderItem {
  productId?: number;
  title: string;
  quantity: number;
  priceCents: number;
}

export interface Order {
  id: number;
  buyerId?: number;
  sellerId?: number;
  sellerName?: string;
  status: string;
  items?: OrderItem[];
  subtotalCents?: number;
  shippingCents?: number;
  discountCents?: number;
  totalCents: number;
  shippingAddress?: Record<string, unknown> | null;
  carrier?: string | null;
  trackingNumber?: string | null;
  createdAt: string;
  paidAt?: string | null;
  shippedAt?: string | null;
  source?: string;
}

export interface Payment {
  provider: string;
  clientSecret?: string;
  status: string;
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
  pending: 'Waiting for payment',
  pending_payment: 'Waiting for payment',
  awaiting_payment: 'Waiting for payment',
  paid: 'Paid — the seller is packing it',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export function statusText(status: string): string {
  return ORDER_STATUS_TEXT[status] ?? status.replace(/_/g, ' ');
}
