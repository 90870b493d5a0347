/**
 * Where the agent's global shortcuts are kept: `<userData>/settings/hotkeys.json`,
 * written whole to a temporary file and renamed (a crash leaves the old file or
 * the new one, never half of one). A missing or unreadable file gives the
 * defaults; a file that fails validation is logged and gives the defaults too.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HotkeyBindings } from '../src-shared/host/contract';
import { hotkeyBindingsSchema } from './accelerator';
import { DEFAULT_HOTKEYS } from './hotkeys';
import { createLogger } from './log';

const log = createLogger('hotkey-store');

export type HotkeyStore = {
  load(): Promise<HotkeyBindings>;
  save(bindings: HotkeyBindings): Promise<void>;
};

export const openHotkeyStore = (dir: string): HotkeyStore => {
  const file = join(dir, 'hotkeys.json');
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        return { ...DEFAULT_HOTKEYS };
      }
      try {
        const parsed = hotkeyBindingsSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
        log.warn('saved shortcuts invalid; using the defaults', { issues: parsed.error.issues.map((i) => i.message) });
      } catch {
        log.warn('saved shortcuts unreadable; using the defaults');
      }
      return { ...DEFAULT_HOTKEYS };
    },
    async save(bindings) {
      await mkdir(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(bindings, null, 2)}\n`, 'utf8');
      await rename(tmp, file);
    },
  };
};
