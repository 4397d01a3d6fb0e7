const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Money is integer cents everywhere; only this turns it into text. */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return dollars.format(cents / 100);
}

/** "12.50" or "12" typed by a person → 1250 cents; null when it is not an amount. */
export function parseCents(text: string): number | null {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, fraction = ''] = cleaned.split('.');
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}

export function compact(n: number | null | undefined): string {
  return count.format(n ?? 0);
}

/** 75 seconds → "1:15"; under ten seconds "0:07". */
export function clockText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '';
}

export function day(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '';
}

export function time(iso: string | null | undefined): string {
  return iso ? timeOnly.format(new Date(iso)) : '';
}

/** "in 3 h", "in 12 min", "now" for upcoming shows. */
export function fromNow(iso: string, now = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (minutes <= 0) return 'starting now';
  if (minutes < 60) return `in ${minutes} min`;
  if (minutes < 48 * 60) return `in ${Math.round(minutes / 60)} h`;
  return `in ${Math.round(minutes / 1440)} days`;
}

export function titleCase(slug: string): string {
  return slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Seconds into a show → "4:05" or "1:02:09". */
export function offsetText(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
