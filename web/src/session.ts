import { api, ApiProblem, setAuthHooks } from './api';
import { store, useStore } from './store';

export type Role = 'viewer' | 'creator' | 'seller' | 'moderator' | 'admin';

export interface Me {
  id: number;
  email: string;
  displayName: string;
  roles: Role[];
  emailVerified: boolean;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** epoch ms when the access token stops working */
  expiresAt: number;
  user: Me;
}

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Me;
}

const KEY = 'showfloor.session';
export const session = store<Session | null>(load());

function load(): Session | null {
  try {
    const saved = localStorage.getItem(KEY);
    return saved ? (JSON.parse(saved) as Session) : null;
  } catch {
    return null;
  }
}

session.subscribe((value) => {
  try {
    if (value) localStorage.setItem(KEY, JSON.stringify(value));
    else localStorage.removeItem(KEY);
  } catch {
    // private mode without storage: the session lives for this tab only
  }
});

// another tab logged in or out: follow it
window.addEventListener('storage', (event) => {
  if (event.key === KEY) session.set(load());
});

function fromPair(pair: TokenPair): Session {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
}

export async function logIn(email: string, password: string): Promise<Me> {
  const pair = await api.post<TokenPair>('/api/auth/login', { email, password }, { authenticated: false });
  session.set(fromPair(pair));
  return pair.user;
}

export async function logOut(): Promise<void> {
  const current = session.get();
  session.set(null);
  if (current) {
    await api.post('/api/auth/logout', { refreshToken: current.refreshToken }, { authenticated: false }).catch(() => undefined);
  }
}

let refreshing: Promise<boolean> | null = null;

/** Rotates the refresh token once for every caller waiting at the same moment. */
export function refreshSession(): Promise<boolean> {
  const current = session.get();
  if (!current) return Promise.resolve(false);
  if (!refreshing) {
    refreshing = api.post<TokenPair>('/api/auth/refresh', { refreshToken: current.refreshToken }, { authenticated: false })
      .then((pair) => {
        session.set(fromPair(pair));
        return true;
      })
      .catch((error) => {
        // a refused refresh token (expired, reused, revoked) ends the session; a network error does not
        if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) session.set(null);
        return false;
      })
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
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
  recover: refreshSession,
});

export function useSession(): Session | null {
  return useStore(session);
}

export function hasRole(current: Session | null, role: Role): boolean {
  return !!current && (current.user.roles.includes(role) || current.user.roles.includes('admin'));
}
