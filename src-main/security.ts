/**
 * The window's security invariants, as plain functions the Electron wiring in
 * index.ts plugs in (each has a test in security.test.ts):
 * - renderers are sandboxed and context-isolated, with no Node integration;
 * - navigation never leaves our origin (http(s)/mailto links open in the OS
 *   instead), window.open never opens a window, webviews never attach;
 * - `media` (microphone) and `notifications` are granted to our origin only;
 *   every other permission, and every other origin, is denied.
 * "Our origin" is `MainConfig.appOrigin` (see config.ts).
 */
import type { WebPreferences } from 'electron';
import { createLogger } from './log';

const log = createLogger('security');

/** The session partition the renderer's IndexedDB lives in (persistent, explicit). */
export const SESSION_PARTITION = 'persist:firstline';

/** webPreferences for every window we create. Do not relax: see src-main/README.md. */
export const secureWebPreferences = (preload: string) =>
  ({
    preload,
    partition: SESSION_PARTITION,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  }) satisfies WebPreferences;

/**
 * webPreferences for the hidden phone-engine window: the same invariants, plus
 * no background throttling (a hidden window's timers and audio would otherwise
 * be slowed: SIP keep-alives, ring timing, the media clock) and autoplay without
 * a user gesture (nobody clicks in a hidden window; the ringtone and the far
 * end's audio must play).
 */
export const engineWebPreferences = (preload: string) =>
  ({
    ...secureWebPreferences(preload),
    backgroundThrottling: false,
    autoplayPolicy: 'no-user-gesture-required',
  }) satisfies WebPreferences;

/** The origin of `url`, or null when it is not a URL or has an opaque origin. */
export const originOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** What to do with a navigation or window.open to `url`. */
export type NavigationVerdict = 'stay' | 'open-externally' | 'deny';

/** Our origin stays in the window; web and mail links go to the OS; anything else is refused. */
export const judgeNavigation = (url: string, appOrigin: string): NavigationVerdict => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  if (parsed.origin === appOrigin) return 'stay';
  return EXTERNAL_SCHEMES.has(parsed.protocol) ? 'open-externally' : 'deny';
};

/** Anything whose default action can be cancelled (Electron's events). */
export type Preventable = { preventDefault(): void };
/** Opens a URL in the OS (the default browser or mail client): `shell.openExternal`. */
export type OpenExternal = (url: string) => void;

/** The few web-contents hooks the guard needs; index.ts adapts Electron's WebContents to it. */
export type GuardedContents = {
  onWillNavigate(handler: (event: Preventable, url: string) => void): void;
  onWillRedirect(handler: (event: Preventable, url: string, isMainFrame: boolean) => void): void;
  onWillAttachWebview(handler: (event: Preventable) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/** Installs the navigation, window.open and webview guards on one web contents. */
export const guardContents = (contents: GuardedContents, appOrigin: string, openExternal: OpenExternal): void => {
  contents.onWillNavigate((event, url) => {
    const verdict = judgeNavigation(url, appOrigin);
    if (verdict === 'stay') return;
    event.preventDefault();
    if (verdict === 'open-externally') openExternal(url);
    else log.warn('navigation blocked', { url });
  });
  contents.onWillRedirect((event, url, isMainFrame) => {
    // A server redirect is not the agent's click: leave our origin never, open nothing.
    if (isMainFrame && judgeNavigation(url, appOrigin) !== 'stay') {
      event.preventDefault();
      log.warn('redirect blocked', { url });
    }
  });
  contents.onWillAttachWebview((event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // New windows are made by main only; links meant for the OS go there.
    if (judgeNavigation(url, appOrigin) === 'open-externally') openExternal(url);
    else log.warn('window.open blocked', { url });
    return { action: 'deny' };
  });
};

/**
 * The permissions our origin may have. `media` is restricted further to audio:
 * a voice desk needs no camera (widen here when a feature does).
 */
const ALLOWED_PERMISSIONS = new Set(['media', 'notifications']);
const ALLOWED_MEDIA = new Set(['audio']);

/** One permission request or check, reduced to what the decision needs. */
export type PermissionAsk = {
  permission: string;
  /** The requesting frame's URL or origin. */
  requestedBy: string | undefined;
  /** For `media` requests: the devices asked for; for checks: the one device kind (or `unknown`). */
  mediaTypes?: readonly string[];
};

/** Grants `media` (audio) and `notifications` to our origin; denies everything else. */
export const decidePermission = (ask: PermissionAsk, appOrigin: string): boolean => {
  if (originOf(ask.requestedBy) !== appOrigin) return false;
  if (!ALLOWED_PERMISSIONS.has(ask.permission)) return false;
  if (ask.permission === 'media') {
    const types = ask.mediaTypes ?? [];
    return types.every((t) => ALLOWED_MEDIA.has(t) || t === 'unknown');
  }
  return true;
};

/** For `session.setPermissionRequestHandler`. */
export const permissionRequestHandler =
  (appOrigin: string) =>
  (
    _contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string; mediaTypes?: readonly string[] },
  ): void => {
    const ask: PermissionAsk = { permission, requestedBy: details.requestingUrl, mediaTypes: details.mediaTypes ?? [] };
    const granted = decidePermission(ask, appOrigin);
    if (!granted) log.warn('permission denied', ask);
    callback(granted);
  };

/** For `session.setPermissionCheckHandler`. */
export const permissionCheckHandler =
  (appOrigin: string) =>
  (_contents: unknown, permission: string, requestingOrigin: string, details: { mediaType?: string }): boolean =>
    decidePermission(
      { permission, requestedBy: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : [] },
      appOrigin,
    );
