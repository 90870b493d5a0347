/**
 * Electron accelerators for the global shortcuts, checked before they reach the
 * OS: `Modifier+…+Key`, one key, known names only, and at least one modifier
 * other than Shift (a bare `A` or `Shift+A` registered globally would swallow
 * typing in every application). Media keys and F13–F24 may stand alone: headset
 * buttons and spare function keys are what they are for.
 * See https://www.electronjs.org/docs/latest/api/accelerator.
 */
import { z } from 'zod';
import { HOTKEY_ACTIONS, type HotkeyAction, type HotkeyBindings } from '../src-shared/host/contract';

/** Modifier names Electron accepts, mapped to one spelling so aliases compare equal. */
const MODIFIERS: Readonly<Record<string, string>> = {
  command: 'command',
  cmd: 'command',
  control: 'control',
  ctrl: 'control',
  commandorcontrol: 'commandorcontrol',
  cmdorctrl: 'commandorcontrol',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

const NAMED_KEYS = new Set(
  [
    'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
    'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
    'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ].concat(Array.from({ length: 10 }, (_, i) => `num${i}`)),
);
const MEDIA_KEYS = new Set(['volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause']);
const PUNCTUATION = new Set([...')!@#$%^&*(:;+=<,_->.?/~`{]}[|\\}"\'']);

const keyKind = (key: string): 'plain' | 'standalone' | null => {
  const k = key.toLowerCase();
  if (/^[a-z0-9]$/.test(k) || PUNCTUATION.has(key) || NAMED_KEYS.has(k)) return 'plain';
  const f = /^f([0-9]{1,2})$/.exec(k);
  if (f) {
    const n = Number(f[1]);
    if (n >= 1 && n <= 12) return 'plain';
    if (n >= 13 && n <= 24) return 'standalone';
    return null;
  }
  return MEDIA_KEYS.has(k) ? 'standalone' : null;
};

/**
 * The canonical form of an accelerator (lower case, modifier aliases folded,
 * modifiers sorted), or null when it is not one we accept.
 */
export const normalizeAccelerator = (raw: string): string | null => {
  if (raw.length === 0 || raw.length > 64 || /\s/.test(raw)) return null;
  // "Ctrl++" is Ctrl and the plus key; split keeps an empty part for it.
  const parts = raw.endsWith('++') ? [...raw.slice(0, -2).split('+'), '+'] : raw.split('+');
  const key = parts.pop();
  if (key === undefined || key === '') return null;
  const kind = keyKind(key);
  if (!kind) return null;
  const modifiers = new Set<string>();
  for (const part of parts) {
    const m = MODIFIERS[part.toLowerCase()];
    if (!m || modifiers.has(m)) return null;
    modifiers.add(m);
  }
  const strong = [...modifiers].some((m) => m !== 'shift');
  if (!strong && kind !== 'standalone') return null;
  return [...[...modifiers].sort(), key.toLowerCase()].join('+');
};

/** One accelerator as the settings screen may send it. */
export const acceleratorSchema = z
  .string()
  .max(64)
  .refine((a) => normalizeAccelerator(a) !== null, {
    message: 'not a global shortcut we accept: Modifier+Key, with a modifier other than Shift',
  });

/** The whole set of bindings: every action present, null for none, no accelerator used twice. */
export const hotkeyBindingsSchema = z
  .strictObject({
    answer: acceleratorSchema.nullable(),
    hangup: acceleratorSchema.nullable(),
    mute: acceleratorSchema.nullable(),
    'ready-toggle': acceleratorSchema.nullable(),
  } satisfies Record<HotkeyAction, z.ZodType>)
  .superRefine((bindings, ctx) => {
    const seen = new Map<string, HotkeyAction>();
    for (const action of HOTKEY_ACTIONS) {
      const accelerator = bindings[action];
      if (accelerator === null) continue;
      const key = normalizeAccelerator(accelerator);
      if (key === null) continue;
      const other = seen.get(key);
      if (other) ctx.addIssue({ code: 'custom', path: [action], message: `the same shortcut as ${other}` });
      else seen.set(key, action);
    }
  }) satisfies z.ZodType<HotkeyBindings>;
