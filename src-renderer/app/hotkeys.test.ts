import { describe, expect, it } from 'vitest';
import type { HotkeyAction } from '../../src-shared/host/contract';
import { listenHotkeys, pageHotkey } from './hotkeys';

const key = (code: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean; repeat: boolean }> = {}) => ({
  code,
  ctrlKey: true,
  altKey: true,
  shiftKey: false,
  metaKey: false,
  repeat: false,
  ...mods,
});

describe('page hotkeys', () => {
  it('maps Ctrl+Alt+A/H/M/R to answer, hang up, mute and Ready toggle', () => {
    expect(pageHotkey(key('KeyA'))).toBe('answer');
    expect(pageHotkey(key('KeyH'))).toBe('hangup');
    expect(pageHotkey(key('KeyM'))).toBe('mute');
    expect(pageHotkey(key('KeyR'))).toBe('ready-toggle');
  });

  it('ignores other keys, other modifiers and auto-repeat', () => {
    expect(pageHotkey(key('KeyX'))).toBeNull();
    expect(pageHotkey(key('KeyA', { altKey: false }))).toBeNull();
    expect(pageHotkey(key('KeyA', { ctrlKey: false }))).toBeNull();
    expect(pageHotkey(key('KeyA', { shiftKey: true }))).toBeNull();
    expect(pageHotkey(key('KeyA', { repeat: true }))).toBeNull();
  });

  it('uses the host’s shortcuts when it has them, else listens in the page', () => {
    const seen: HotkeyAction[] = [];
    let hostListener: ((a: HotkeyAction) => void) | null = null;
    const added: string[] = [];
    const target = { addEventListener: (t: string) => void added.push(t), removeEventListener: () => undefined };
    const off = listenHotkeys({ onHotkey: (l) => ((hostListener = l), () => (hostListener = null)) }, target, (a) => seen.push(a));
    hostListener!('ready-toggle');
    expect(seen).toEqual(['ready-toggle']);
    expect(added).toEqual([]);
    off();
    expect(hostListener).toBeNull();
    listenHotkeys({}, target, () => undefined);
    expect(added).toEqual(['keydown']);
  });
});
