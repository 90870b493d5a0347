/** Signing in (online, or offline after one online sign-in) and the session. Other features import only from here. */
export { signIn, signOut, restoreSession, useSession, getSessionToken, createAuth, type Auth, type AuthDeps, type ActiveSession, type SignedIn } from './session';
export { getSession, type Session } from './store';
export {
  sealOffline,
  openOffline,
  saveOfflineRecord,
  loadOfflineRecord,
  forgetOfflineRecord,
  PBKDF2_ITERATIONS,
  type OfflineRecord,
  type KeyValueStorage,
} from './offline-unlock';
export { SignIn } from './SignIn';
