import { api, ApiProblem, setAuthHooks } from './api';
import { store, useStore } from './store';

export type Role = 'viewer' | 'creator' | 'seller' | 'moderator' | 'admin';

export interface Me {
  id: number;
  email: string;
  displayName: string;
  roles: Role[];
  emailVerified: boolean;
  /** an /api/media/… picture set by POST /api/me/avatar */
  avatarUrl?: string | null;
  bio?: string | null;
}

/**
 * The signed-in person as this tab knows them. The access token lives in memory only; the refresh
 * token is an HttpOnly cookie (Path=/api/auth, SameSite=Strict) that no script can read, so an
 * injected script cannot carry a session away. A page load restores the session through that
 * cookie ({@link restoreSession}).
 */
export interface Session {
  accessToken: string;
  /** epoch ms when the access token stops working */
  expiresAt: number;
  user: Me;
}

/** What login and refresh answer; a refresh token, if any, is for API clients and never kept here. */
interface TokenPair {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

/**
 * Not a secret: only that this browser may hold a refresh cookie, so a visitor who never logged in
 * does not ask for a refresh that must fail, and other tabs hear about logins and logouts.
 */
const SIGNED_IN = 'showfloor.signedIn';
export const session = store<Session | null>(null);

session.subscribe((value) => {
  try {
    if (value) localStorage.setItem(SIGNED_IN, '1');
    else localStorage.removeItem(SIGNED_IN);
  } catch {
    // private mode without storage: other tabs simply do not follow
  }
});

function maySignIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return true;
  }
}

// another tab logged in or out: follow it
window.addEventListener('storage', (event) => {
  if (event.key !== SIGNED_IN) return;
  if (event.newValue === '1' && !session.get()) void refreshSession();
  if (event.newValue === null && session.get()) session.set(null);
});

function fromPair(pair: TokenPair): Session {
  return {
    accessToken: pair.accessToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
}

/** On page load: the session from the refresh cookie, when this browser may have one. */
export async function restoreSession(): Promise<void> {
  if (maySignIn()) await refreshSession();
}

export async function logIn(email: string, password: string): Promise<Me> {
  const pair = await api.post<TokenPair>('/api/auth/login', { email, password }, { authenticated: false });
  session.set(fromPair(pair));
  return pair.user;
}

export async function logOut(): Promise<void> {
  session.set(null);
  // the cookie goes along by itself; the answer clears it
  await api.post('/api/auth/logout', {}, { authenticated: false }).catch(() => undefined);
}

let refreshing: Promise<boolean> | null = null;

/**
 * Rotates the refresh cookie once for every caller waiting at the same moment, and one tab at a
 * time: two tabs presenting the same cookie at once would look like a stolen token replayed, and
 * the server would end the session.
 */
export function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = oneTabAtATime(() => api.post<TokenPair>('/api/auth/refresh', {}, { authenticated: false }))
      .then((pair) => {
        session.set(fromPair(pair));
        return true;
      })
      .catch((error) => {
        // a refused refresh cookie (missing, expired, reused, revoked) ends the session; a network error does not
        if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) session.set(null);
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  return navigator.locks ? (navigator.locks.request('showfloor.refresh', work) as Promise<T>) : work();
}

/** Replaces the access token and user after the server handed out a new one (a new role). */
export function updateSession(accessToken: string, expiresIn: number, user: Me) {
  session.set((current) => current && { ...current, accessToken, expiresAt: Date.now() + expiresIn * 1000, user });
}

export async function reloadMe(): Promise<void> {
  if (!session.get()) return;
  const user = await api.get<Me>('/api/me');
  session.set((current) => current && { ...current, user });
}

setAuthHooks({
  async token() {
    const current = session.get();
    if (!current) return null;
    if (current.expiresAt - Date.now() < 30_000) {
      await refreshSession();
    }
    return session.get()?.accessToken ?? null;
  },
  // after a 401: rotate the session, if there is one (a signed-out visitor has no cookie to try)
  recover: () => (session.get() ? refreshSession() : Promise.resolve(false)),
});

export function useSession(): Session | null {
  return useStore(session);
}

export function hasRole(current: Session | null, role: Role): boolean {
  return !!current && (current.user.roles.includes(role) || current.user.roles.includes('admin'));
}
