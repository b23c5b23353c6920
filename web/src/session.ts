// The signed-in session: the access token and the account it belongs to, kept in localStorage so that a reload
// or an address typed in keeps the user signed in until sign-out or until the API refuses the token.
import { useSyncExternalStore } from 'react';
import type { Role } from './api/schema.generated';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  regionCode?: string | null;
  institutionId?: string | null;
  evaluationBodyId?: string | null;
  mustChangePassword: boolean;
}

export interface Session {
  token: string;
  user: SessionUser;
}

/** Why the last session ended, shown once on the sign-in page. */
export type EndReason = 'expired' | 'signedOut';

interface State {
  session: Session | null;
  ended: EndReason | null;
}

const STORAGE_KEY = 'eldercare.session';

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Session;
    return typeof value?.token === 'string' && typeof value.user?.role === 'string' ? value : null;
  } catch {
    return null;
  }
}

let state: State = { session: load(), ended: null };
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  try {
    if (next.session) localStorage.setItem(STORAGE_KEY, JSON.stringify(next.session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts until the page is closed.
  }
  listeners.forEach((l) => l());
}

// Another tab signing out (or in) is followed here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) {
      const session = load();
      state = { session, ended: session ? null : 'signedOut' };
      listeners.forEach((l) => l());
    }
  });
}

export const sessionStore = {
  get: (): State => state,
  token: (): string | null => state.session?.token ?? null,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(token: string, user: SessionUser): void {
    set({ session: { token, user }, ended: null });
  },
  /** The account as `me` reports it now (its role or the password-change flag may have changed). */
  update(user: SessionUser): void {
    if (state.session) set({ session: { ...state.session, user }, ended: state.ended });
  },
  signOut(): void {
    set({ session: null, ended: 'signedOut' });
  },
  /** The API refused the token: expired, or ended by a password change, reset or deactivation. */
  expire(token: string): void {
    if (state.session?.token === token) set({ session: null, ended: 'expired' });
  },
  /** The sign-in page has shown why the last session ended. */
  acknowledge(): void {
    if (state.ended) state = { ...state, ended: null };
  },
};

export function useSession(): State {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

/** Where each role starts (shared/contract/pages.md). */
export const HOME: Record<Role, string> = {
  MUNICIPAL_PLANNER: '/planning',
  DISTRICT_PLANNER: '/planning',
  INSTITUTION_ADMIN: '/institution',
  EVALUATION_BODY: '/body',
  VOLUNTEER: '/volunteer',
  ADMIN: '/admin',
};

export function homeOf(user: SessionUser): string {
  return user.mustChangePassword ? '/change-password' : HOME[user.role];
}
