/**
 * sipp (Debian `sip-tester`) with the lab's own scenarios: one call from
 * 127.0.0.1 through Kamailio, waited for, stopped by PID on timeout.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab } from '../lab';
import { freePorts, startProcess, stopProcess } from '../proc';

export const SIPP_BIN = '/usr/bin/sipp';

export const scenario = (name: string): string => fileURLToPath(new URL(`./${name}.xml`, import.meta.url));

export type SippResult = { exitCode: number | string; output: string; logPath: string };

/**
 * Runs `scenarioFile` once against the lab's proxy, calling `service` (the
 * R-URI user) in the lab's domain; `keys` become `-key NAME VALUE` ([NAME] in the XML).
 */
export async function runSipp(lab: Lab, scenarioFile: string, service: string, keys: Record<string, string> = {}, timeoutMs = 20_000): Promise<SippResult> {
  const [sipPort, mediaPort] = (await freePorts(2)) as [number, number];
  const args = [
    lab.sipAddress,
    '-sf', scenarioFile,
    '-s', service,
    '-key', 'domain', lab.domain,
    ...Object.entries(keys).flatMap(([k, v]) => ['-key', k, v]),
    '-i', '127.0.0.1',
    '-p', String(sipPort),
    '-mi', '127.0.0.1',
    '-mp', String(mediaPort),
    '-m', '1',
    '-nostdin',
    '-timeout', `${Math.ceil(timeoutMs / 1000)}s`,
    '-timeout_error',
  ];
  const proc = startProcess('sipp', SIPP_BIN, args, join(lab.runDir, `sipp-${Date.now()}.log`), { cwd: lab.runDir });
  const timer = setTimeout(() => void stopProcess(proc), timeoutMs + 5000);
  const exitCode = await proc.exited;
  clearTimeout(timer);
  return { exitCode, output: proc.output(), logPath: proc.logPath };
}
