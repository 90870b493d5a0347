/**
 * Global shortcuts for the phone: answer, hang up, mute, ready/not ready. Each
 * pressed shortcut calls `dispatch(action)` (engine-link.ts turns it into an
 * engine command). Bindings come from the saved settings (hotkey-store.ts) or
 * the defaults, and are re-registered whenever they change.
 *
 * Registering can fail without any fault of ours: another application owns the
 * key (`register` answers false; a Chinese desk's QQ/WeChat screenshot key is
 * Ctrl+Alt+A), or the accelerator is not one the OS knows (`register` throws).
 * Either is reported per action (`taken`, `invalid`) and never stops the others.
 * Only the shortcuts registered here are ever unregistered.
 */
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyBindings, type HotkeySettings, type HotkeyState } from '../src-shared/host/contract';
import { createLogger } from './log';

const log = createLogger('hotkeys');

/** The defaults: Ctrl+Alt (⌘+⌥ on macOS) with A, H, M, R. */
export const DEFAULT_HOTKEYS: HotkeyBindings = Object.freeze({
  answer: 'CommandOrControl+Alt+A',
  hangup: 'CommandOrControl+Alt+H',
  mute: 'CommandOrControl+Alt+M',
  'ready-toggle': 'CommandOrControl+Alt+R',
});

/** The part of Electron's `globalShortcut` used here. */
export type GlobalShortcutPort = {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
};

export type Hotkeys = {
  /** Replaces the bindings: unregisters ours, registers the new ones; answers how each fared. */
  apply(bindings: HotkeyBindings): HotkeySettings;
  settings(): HotkeySettings;
  /** Unregisters every shortcut of ours (app quitting). */
  dispose(): void;
};

export const createHotkeys = (shortcuts: GlobalShortcutPort, dispatch: (action: HotkeyAction) => void): Hotkeys => {
  let bindings: HotkeyBindings = { answer: null, hangup: null, mute: null, 'ready-toggle': null };
  const status: Record<HotkeyAction, HotkeyState> = { answer: 'off', hangup: 'off', mute: 'off', 'ready-toggle': 'off' };

  const unregisterOurs = (): void => {
    for (const action of HOTKEY_ACTIONS) {
      const accelerator = bindings[action];
      const ours = accelerator !== null && status[action] === 'registered';
      status[action] = 'off';
      if (!ours) continue;
      try {
        shortcuts.unregister(accelerator);
      } catch (error) {
        log.warn('could not unregister', { action, accelerator, error: String(error) });
      }
    }
  };

  const register = (action: HotkeyAction, accelerator: string | null): HotkeyState => {
    if (accelerator === null) return 'off';
    try {
      const done = shortcuts.register(accelerator, () => {
        log.info('hotkey', { action });
        dispatch(action);
      });
      if (!done) log.warn('shortcut taken by another application', { action, accelerator });
      return done ? 'registered' : 'taken';
    } catch (error) {
      log.warn('shortcut refused', { action, accelerator, error: String(error) });
      return 'invalid';
    }
  };

  const settings = (): HotkeySettings => ({ bindings: { ...bindings }, status: { ...status } });

  return {
    apply(next) {
      unregisterOurs();
      bindings = { ...next };
      for (const action of HOTKEY_ACTIONS) status[action] = register(action, bindings[action]);
      return settings();
    },
    settings,
    dispose: unregisterOurs,
  };
};
