import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HotkeyAction } from '../src-shared/host/contract';
import { normalizeAccelerator } from './accelerator';
import { openHotkeyStore } from './hotkey-store';
import { DEFAULT_HOTKEYS, createHotkeys, type GlobalShortcutPort } from './hotkeys';
import { captureLogs } from './test-fixtures';

const logs = captureLogs();

/** A fake globalShortcut: some keys belong to other applications, some names it does not know. */
const fakeShortcuts = (takenByOthers: string[] = [], unknown: string[] = []) => {
  const registered = new Map<string, () => void>();
  const port: GlobalShortcutPort = {
    register: (accelerator, callback) => {
      if (unknown.includes(accelerator)) throw new Error(`Failed to parse accelerator: ${accelerator}`);
      if (takenByOthers.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void registered.delete(accelerator),
  };
  const press = (accelerator: string) => {
    const cb = registered.get(accelerator);
    if (!cb) throw new Error(`${accelerator} is not registered`);
    cb();
  };
  return { port, registered, press };
};

describe('global shortcuts', () => {
  it('registers the defaults Ctrl+Alt+A/H/M/R and each dispatches its own action', () => {
    const s = fakeShortcuts();
    const dispatched: HotkeyAction[] = [];
    const hotkeys = createHotkeys(s.port, (a) => dispatched.push(a));
    const settings = hotkeys.apply(DEFAULT_HOTKEYS);
    expect(settings.status).toEqual({ answer: 'registered', hangup: 'registered', mute: 'registered', 'ready-toggle': 'registered' });
    expect([...s.registered.keys()].sort()).toEqual(
      ['CommandOrControl+Alt+A', 'CommandOrControl+Alt+H', 'CommandOrControl+Alt+M', 'CommandOrControl+Alt+R'].sort(),
    );
    for (const key of ['A', 'H', 'M', 'R']) s.press(`CommandOrControl+Alt+${key}`);
    expect(dispatched).toEqual(['answer', 'hangup', 'mute', 'ready-toggle']);
  });

  it('reports a key another application owns as taken, and still registers the others', () => {
    const s = fakeShortcuts(['CommandOrControl+Alt+A']); // QQ's screenshot key
    const hotkeys = createHotkeys(s.port, () => undefined);
    const settings = hotkeys.apply(DEFAULT_HOTKEYS);
    expect(settings.status).toEqual({ answer: 'taken', hangup: 'registered', mute: 'registered', 'ready-toggle': 'registered' });
    expect(s.registered.has('CommandOrControl+Alt+A')).toBe(false);
    expect(logs.some((l) => l.includes('taken by another application'))).toBe(true);
  });

  it('reports an accelerator the OS refuses as invalid without crashing', () => {
    const s = fakeShortcuts([], ['Super+F13']);
    const hotkeys = createHotkeys(s.port, () => undefined);
    expect(() => hotkeys.apply({ ...DEFAULT_HOTKEYS, mute: 'Super+F13' })).not.toThrow();
    expect(hotkeys.settings().status.mute).toBe('invalid');
    expect(hotkeys.settings().status.answer).toBe('registered');
  });

  it('re-registers on change: the old keys are released, the new ones taken, none is left behind', () => {
    const s = fakeShortcuts();
    const dispatched: HotkeyAction[] = [];
    const hotkeys = createHotkeys(s.port, (a) => dispatched.push(a));
    hotkeys.apply(DEFAULT_HOTKEYS);
    const next = { answer: 'F13', hangup: 'CommandOrControl+Alt+H', mute: null, 'ready-toggle': 'Alt+Shift+R' };
    const settings = hotkeys.apply(next);
    expect([...s.registered.keys()].sort()).toEqual(['Alt+Shift+R', 'CommandOrControl+Alt+H', 'F13']);
    expect(settings).toEqual({ bindings: next, status: { answer: 'registered', hangup: 'registered', mute: 'off', 'ready-toggle': 'registered' } });
    s.press('F13');
    expect(dispatched).toEqual(['answer']);
    expect(() => s.press('CommandOrControl+Alt+A')).toThrow();
  });

  it('unregisters only its own shortcuts, never one it failed to get', () => {
    const s = fakeShortcuts(['CommandOrControl+Alt+A']);
    const unregister = vi.spyOn(s.port, 'unregister');
    const hotkeys = createHotkeys(s.port, () => undefined);
    hotkeys.apply(DEFAULT_HOTKEYS);
    hotkeys.dispose();
    expect(unregister.mock.calls.map((c) => c[0]).sort()).toEqual(['CommandOrControl+Alt+H', 'CommandOrControl+Alt+M', 'CommandOrControl+Alt+R']);
    expect(s.registered.size).toBe(0);
    expect(hotkeys.settings().status).toEqual({ answer: 'off', hangup: 'off', mute: 'off', 'ready-toggle': 'off' });
  });
});

describe('accelerators', () => {
  it('folds aliases and order, so the same shortcut spelled twice is seen as one', () => {
    expect(normalizeAccelerator('CmdOrCtrl+Option+a')).toBe(normalizeAccelerator('Alt+CommandOrControl+A'));
    expect(normalizeAccelerator('Ctrl++')).toBe('control++');
  });

  it('refuses plain keys, Shift alone, unknown names and repeated modifiers; lets media keys and F13-F24 stand alone', () => {
    for (const bad of ['A', 'Shift+A', 'Ctrl+Alt+Banana', 'Ctrl+Ctrl+A', 'Ctrl+', '', 'Ctrl + A', 'Hyper+A', 'F25', 'Alt+F99']) {
      expect(normalizeAccelerator(bad), bad).toBeNull();
    }
    for (const good of ['MediaPlayPause', 'F13', 'F24', 'Ctrl+F1', 'Alt+Shift+num5', 'Super+Space', 'CommandOrControl+Alt+/']) {
      expect(normalizeAccelerator(good), good).not.toBeNull();
    }
  });
});

describe('saved shortcuts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firstline-hotkeys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the defaults when nothing was saved, and what was saved afterwards', async () => {
    const store = openHotkeyStore(join(dir, 'settings'));
    expect(await store.load()).toEqual(DEFAULT_HOTKEYS);
    const mine = { ...DEFAULT_HOTKEYS, answer: 'F13', mute: null };
    await store.save(mine);
    expect(await store.load()).toEqual(mine);
    expect(JSON.parse(await readFile(join(dir, 'settings', 'hotkeys.json'), 'utf8'))).toEqual(mine);
  });

  it('falls back to the defaults for a file that is junk or invalid', async () => {
    const store = openHotkeyStore(dir);
    await writeFile(join(dir, 'hotkeys.json'), '{"answer": "A"');
    expect(await store.load()).toEqual(DEFAULT_HOTKEYS);
    await writeFile(join(dir, 'hotkeys.json'), JSON.stringify({ ...DEFAULT_HOTKEYS, answer: 'A' }));
    expect(await store.load()).toEqual(DEFAULT_HOTKEYS);
  });
});
