/** Who is signed in: restored from the session cookie at start, set by sign-in, cleared on sign-out or a 401. */
import { ApiError, onUnauthenticated } from '../api/client.ts';
import * as endpoints from '../api/endpoints.ts';
import { createStore } from '../store.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice?: 'expired' }
  | { status: 'signed-in'; user: endpoints.SessionUser; scope: string[] };

export const sessionStore = createStore<SessionState>({ status: 'loading' });

onUnauthenticated(() => {
  if (sessionStore.get().status === 'signed-in') sessionStore.set({ status: 'anonymous', notice: 'expired' });
});

export async function restoreSession(): Promise<void> {
  try {
    const info = await endpoints.me();
    sessionStore.set({ status: 'signed-in', user: info.user, scope: info.scope });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) sessionStore.set({ status: 'anonymous' });
    else throw error;
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  const info = await endpoints.login(username, password);
  sessionStore.set({ status: 'signed-in', user: info.user, scope: info.scope });
}

export async function signOut(): Promise<void> {
  try {
    await endpoints.logout();
  } finally {
    sessionStore.set({ status: 'anonymous' });
  }
}
