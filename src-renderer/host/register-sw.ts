/**
 * Registers `/sw.js` (src-renderer/public/sw.js) so an agent can reload the page while the
 * desk server is down. Both hosts load the page from the desk server over http(s), so the
 * Electron window needs it as much as a browser tab does; not in the Vite dev server (it
 * would cache modules).
 */
export type SwRegistration = { registered: true; scope: string } | { registered: false; reason: string };

export const registerServiceWorker = async (): Promise<SwRegistration> => {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return { registered: false, reason: 'no window' };
  if (!/^https?:$/.test(location.protocol)) return { registered: false, reason: `not served over http(s): ${location.protocol}` };
  if (import.meta.env.DEV) return { registered: false, reason: 'dev server' };
  if (!('serviceWorker' in navigator)) return { registered: false, reason: 'service workers unavailable (needs https or localhost)' };
  try {
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return { registered: true, scope: reg.scope };
  } catch (e) {
    return { registered: false, reason: e instanceof Error ? e.message : String(e) };
  }
};
