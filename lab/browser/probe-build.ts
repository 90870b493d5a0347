/**
 * Bundles the page probe (probe/main.ts + the lab's tone detector) into one classic script
 * with Vite, in memory, once per process: Playwright injects it with `addInitScript`, before
 * any script of the workstation runs.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const entry = fileURLToPath(new URL('./probe/main.ts', import.meta.url));
let built: Promise<string> | undefined;

type Chunk = { type: string; code?: string };

/** The probe as script text. */
export function probeScript(): Promise<string> {
  built ??= (async () => {
    const out = await build({
      configFile: false,
      logLevel: 'warn',
      build: { write: false, minify: false, target: 'es2022', lib: { entry, formats: ['iife'], name: 'workstationLabProbe', fileName: 'probe' } },
    });
    const outputs = (Array.isArray(out) ? out : [out]) as Array<{ output?: Chunk[] }>;
    const chunk = outputs.flatMap((o) => o.output ?? []).find((c) => c.type === 'chunk' && c.code);
    if (!chunk?.code) throw new Error('the probe build produced no script');
    return chunk.code;
  })();
  return built;
}
