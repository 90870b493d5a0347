#!/usr/bin/env node
// `npm start`: runs Firstline on its embedded defaults — the desk server on PGlite with demo
// data (in .data/desk), and the workstation in Electron where an Electron binary exists,
// otherwise in the browser: the URL to open is printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const port = process.env.FIRSTLINE_PORT ?? '4780';
const url = `http://127.0.0.1:${port}/`;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const electronBinary = () => {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
};

console.log('Building the workstation web page…');
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);

const server = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', port, '--static', 'out/web'], { stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));

const waitForServer = async () => {
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}api/health`).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

if (!(await waitForServer())) {
  console.error('The desk server did not start; see its output above.');
  stop();
} else {
  const electron = electronBinary();
  if (electron) {
    run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']);
    const app = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, FIRSTLINE_DESK_URL: url } });
    app.on('exit', stop);
  } else {
    console.log(`\nElectron is not available on this machine: open the workstation in your browser at\n\n    ${url}\n`);
    console.log('Demo accounts: 1001 / agent1001, 1002 / agent1002 (agents), 2001 / expert2001 (expert), 9001 / super9001 (supervisor), admin / admin1234.');
  }
}
