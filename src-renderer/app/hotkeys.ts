/**
 * The phone's keyboard shortcuts. Where the host has global shortcuts (`host.onHotkey`,
 * Electron: main owns them and carries out answer / hang up / mute itself), the page does
 * what the host hands it; elsewhere the page listens for its own shortcuts, which work only
 * while the page has the focus: Ctrl+Alt+A answer, Ctrl+Alt+H hang up, Ctrl+Alt+M mute,
 * Ctrl+Alt+R Ready / Not Ready.
 */
import type { HotkeyAction } from '../../src-shared/host/contract';
import type { Host } from '../host';

type KeyLike = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'repeat'>;

const KEYS: Readonly<Record<string, HotkeyAction>> = { KeyA: 'answer', KeyH: 'hangup', KeyM: 'mute', KeyR: 'ready-toggle' };

/** The in-page shortcut a key press means (by physical key, so any layout works), or null. */
export const pageHotkey = (e: KeyLike): HotkeyAction | null => {
  if (!e.ctrlKey || !e.altKey || e.shiftKey || e.metaKey || e.repeat) return null;
  return KEYS[e.code] ?? null;
};

/** Listens for the phone's shortcuts the way the host allows; answers the unsubscribe. */
export const listenHotkeys = (host: Pick<Host, 'onHotkey'>, target: Pick<Window, 'addEventListener' | 'removeEventListener'>, run: (a: HotkeyAction) => void): (() => void) => {
  if (host.onHotkey) return host.onHotkey(run);
  const onKey = (e: KeyboardEvent) => {
    const action = pageHotkey(e);
    if (!action) return;
    e.preventDefault();
    run(action);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
};
