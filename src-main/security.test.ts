import { describe, expect, it, vi } from 'vitest';
import {
  SESSION_PARTITION,
  decidePermission,
  guardContents,
  judgeNavigation,
  permissionCheckHandler,
  permissionRequestHandler,
  engineWebPreferences,
  secureWebPreferences,
  type GuardedContents,
  type Preventable,
} from './security';
import { APP_ORIGIN, APP_URL, captureLogs } from './test-fixtures';

const logs = captureLogs();

/** A fake web contents that keeps the handlers the guard installs, so a test can fire them. */
const fakeContents = () => {
  const h: {
    navigate?: (e: Preventable, url: string) => void;
    redirect?: (e: Preventable, url: string, isMainFrame: boolean) => void;
    webview?: (e: Preventable) => void;
    open?: (d: { url: string }) => { action: 'deny' };
  } = {};
  const contents: GuardedContents = {
    onWillNavigate: (fn) => void (h.navigate = fn),
    onWillRedirect: (fn) => void (h.redirect = fn),
    onWillAttachWebview: (fn) => void (h.webview = fn),
    setWindowOpenHandler: (fn) => void (h.open = fn),
  };
  const openExternal = vi.fn<(url: string) => void>();
  guardContents(contents, APP_ORIGIN, openExternal);
  const event = () => ({ preventDefault: vi.fn() });
  return { h, openExternal, event };
};

describe('window options', () => {
  it('sandbox and context isolation on, Node integration off everywhere, web security on', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('uses the explicit persistent session partition for the cache', () => {
    expect(SESSION_PARTITION).toBe('persist:firstline');
    expect(secureWebPreferences('/p').partition).toBe(SESSION_PARTITION);
  });

  it('the engine window keeps every invariant, in the same partition, unthrottled, with autoplay', () => {
    const prefs = engineWebPreferences('/app/out/preload/engine.cjs');
    expect(prefs).toEqual({
      ...secureWebPreferences('/app/out/preload/engine.cjs'),
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, partition: SESSION_PARTITION });
  });
});

describe('navigation', () => {
  it('stays on our own origin', () => {
    const { h, openExternal, event } = fakeContents();
    const e = event();
    h.navigate?.(e, `${APP_ORIGIN}/tickets?id=1`);
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks another origin and opens it externally instead', () => {
    const { h, openExternal, event } = fakeContents();
    for (const url of ['https://evil.example/login', 'http://127.0.0.1:9999/', 'https://127.0.0.1:4780/']) {
      const e = event();
      h.navigate?.(e, url);
      expect(e.preventDefault).toHaveBeenCalledOnce();
      expect(openExternal).toHaveBeenLastCalledWith(url);
    }
  });

  it('blocks non-web schemes without handing them to the OS', () => {
    const { h, openExternal, event } = fakeContents();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'chrome://settings', 'not a url']) {
      const e = event();
      h.navigate?.(e, url);
      expect(e.preventDefault).toHaveBeenCalledOnce();
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks a main-frame redirect off our origin and opens nothing', () => {
    const { h, openExternal, event } = fakeContents();
    const away = event();
    h.redirect?.(away, 'https://evil.example/', true);
    expect(away.preventDefault).toHaveBeenCalledOnce();
    const home = event();
    h.redirect?.(home, `${APP_ORIGIN}/signin`, true);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('never attaches a webview', () => {
    const { h, event } = fakeContents();
    const e = event();
    h.webview?.(e);
    expect(e.preventDefault).toHaveBeenCalledOnce();
  });

  it('judges URLs: ours stays, web and mail links go out, the rest is refused', () => {
    expect(judgeNavigation(APP_URL, APP_ORIGIN)).toBe('stay');
    expect(judgeNavigation('https://kb.example.com/a', APP_ORIGIN)).toBe('open-externally');
    expect(judgeNavigation('mailto:desk@example.com', APP_ORIGIN)).toBe('open-externally');
    expect(judgeNavigation('file:///C:/Windows', APP_ORIGIN)).toBe('deny');
    expect(judgeNavigation('', APP_ORIGIN)).toBe('deny');
  });
});

describe('window.open', () => {
  it('is always denied, also for our own origin', () => {
    const { h, openExternal } = fakeContents();
    expect(h.open?.({ url: `${APP_ORIGIN}/popup` })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('is denied for another origin, which opens externally instead', () => {
    const { h, openExternal } = fakeContents();
    expect(h.open?.({ url: 'https://kb.example.com/article/7' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://kb.example.com/article/7');
  });

  it('is denied for other schemes, which are not handed to the OS', () => {
    const { h, openExternal } = fakeContents();
    expect(h.open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  const request = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
    const callback = vi.fn<(granted: boolean) => void>();
    permissionRequestHandler(APP_ORIGIN)(null, permission, callback, mediaTypes ? { requestingUrl, mediaTypes } : { requestingUrl });
    expect(callback).toHaveBeenCalledOnce();
    return callback.mock.calls[0]?.[0];
  };
  const check = (permission: string, origin: string, mediaType?: string) =>
    permissionCheckHandler(APP_ORIGIN)(null, permission, origin, mediaType ? { mediaType } : {});

  it('grants the microphone to our own origin', () => {
    expect(request('media', `${APP_ORIGIN}/calls`, ['audio'])).toBe(true);
    expect(check('media', APP_ORIGIN, 'audio')).toBe(true);
  });

  it('denies the microphone to any other origin', () => {
    expect(request('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(request('media', 'http://127.0.0.1:4781/', ['audio'])).toBe(false);
    expect(request('media', 'file:///tmp/x.html', ['audio'])).toBe(false);
    expect(check('media', 'https://evil.example', 'audio')).toBe(false);
    expect(check('media', 'null', 'audio')).toBe(false);
  });

  it('denies the camera even to our origin (a voice desk needs none)', () => {
    expect(request('media', APP_URL, ['audio', 'video'])).toBe(false);
    expect(check('media', APP_ORIGIN, 'video')).toBe(false);
  });

  it('grants notifications to our origin only', () => {
    expect(request('notifications', APP_URL)).toBe(true);
    expect(check('notifications', APP_ORIGIN)).toBe(true);
    expect(request('notifications', 'https://evil.example/')).toBe(false);
  });

  it('denies every other permission, even to our origin', () => {
    for (const permission of ['geolocation', 'clipboard-read', 'display-capture', 'midiSysex', 'openExternal', 'fileSystem', 'hid', 'usb', 'serial', 'pointerLock', 'unknown']) {
      expect(request(permission, APP_URL)).toBe(false);
      expect(check(permission, APP_ORIGIN)).toBe(false);
    }
  });

  it('logs each denied request', () => {
    logs.length = 0;
    request('geolocation', APP_URL);
    expect(logs.join('')).toContain('permission denied');
  });

  it('denies when the requester cannot be told', () => {
    expect(decidePermission({ permission: 'media', requestedBy: undefined, mediaTypes: ['audio'] }, APP_ORIGIN)).toBe(false);
    expect(decidePermission({ permission: 'media', requestedBy: '::junk::', mediaTypes: ['audio'] }, APP_ORIGIN)).toBe(false);
  });
});
