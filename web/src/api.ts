/**
 * The one way the app talks HTTP to the platform: JSON in and out, the caller's bearer token, one
 * silent refresh when the token has expired, and problem+json errors turned into ApiProblem.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail || title);
    this.name = 'ApiProblem';
  }
}

export interface AuthHooks {
  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  token(): Promise<string | null>;
  /** Called once after a 401: try to rotate the session; true when a retry makes sense. */
  recover(): Promise<boolean>;
}

let auth: AuthHooks = { token: async () => null, recover: async () => false };

export function setAuthHooks(hooks: AuthHooks) {
  auth = hooks;
}

export interface RequestOptions {
  body?: unknown;
  /** Send this form as multipart/form-data (photo uploads); the browser sets the boundary. */
  form?: FormData;
  /** Send this text as is (CSV import) instead of JSON. */
  text?: string;
  contentType?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** false: send no token even when signed in (login, sign-up). */
  authenticated?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const first = await send(method, path, options);
  if (first.status === 401 && options.authenticated !== false && (await auth.recover())) {
    return read<T>(await send(method, path, options));
  }
  return read<T>(first);
}

/**
 * A random id for this browser, kept in localStorage and sent as X-Device-Id: the server stores only
 * its hash, an owner signal for the market's wash-trade surveillance (docs/MARKET.md, shared_device).
 */
function deviceId(): string | undefined {
  try {
    let id = localStorage.getItem('sf_device');
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem('sf_device', id);
    }
    return id;
  } catch {
    return undefined; // storage refused (private mode): no device signal
  }
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | FormData | undefined;
  if (options.form !== undefined) {
    body = options.form;
  } else if (options.text !== undefined) {
    body = options.text;
    headers['Content-Type'] = options.contentType ?? 'text/plain';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const device = deviceId();
  if (device) headers['X-Device-Id'] = device;
  if (options.authenticated !== false) {
    const token = await auth.token();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  try {
    return await fetch(path, { method, headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblem(0, 'network', 'Offline', "We can't reach Showfloor right now. Check your connection and try again.");
  }
}

async function read<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  const text = await response.text();
  const json = type.includes('json') && text ? safeJson(text) : undefined;
  if (response.ok) return (json ?? text) as T;
  const problem = (json ?? {}) as { code?: string; title?: string; detail?: string };
  const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  throw new ApiProblem(response.status, problem.code ?? `http_${response.status}`,
    problem.title ?? response.statusText, problem.detail, retryAfter);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** A file as multipart/form-data: the part `file`, plus any text fields. */
  upload: <T>(path: string, file: Blob, fields: Record<string, string> = {}, options?: RequestOptions) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file);
    return request<T>('POST', path, { ...options, form });
  },
};

const FALLBACK: Record<number, string> = {
  400: 'Something in the form is not right. Check it and try again.',
  401: 'Please log in to do that.',
  403: "You don't have permission to do that.",
  404: "We couldn't find that. It may have been removed.",
  409: 'That changed in the meantime. Reload and try again.',
  413: 'That is too large to upload.',
  422: "That can't be done in its current state.",
  429: "You're going a little fast. Wait a moment and try again.",
};

/** An error as a sentence for people: the API's own `detail` first, which is written for them. */
export function plainWords(error: unknown): string {
  if (error instanceof ApiProblem) {
    if (error.code === 'email_not_verified') {
      return 'Please verify your email first: open the link we mailed you.';
    }
    let sentence = error.detail || FALLBACK[error.status] || error.title || 'Something went wrong on our side. Try again in a moment.';
    if (error.status >= 500 && !error.detail) sentence = 'Something went wrong on our side. Try again in a moment.';
    if (error.retryAfterSeconds && error.status === 429) sentence += ` (try again in ${error.retryAfterSeconds} s)`;
    return sentence;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'Cancelled.';
  return 'Something unexpected went wrong. Reload the page and try again.';
}

/** A fresh key for writes a client may retry (bids, checkout, orders). */
export function idempotencyKey(): string {
  // randomUUID exists only in secure contexts; plain-HTTP LAN installs fall back to random bytes
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
