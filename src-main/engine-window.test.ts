import { describe, expect, it } from 'vitest';
import { ENGINE_IPC } from '../src-shared/host/contract';
import { restartDelay, STABLE_RUN_MS } from '../src-shared/host/restart';
import { createEngineHost, type EngineHostDeps, type EngineWindow, type EngineWindowEvents } from './engine-window';
import { captureLogs } from './test-fixtures';

captureLogs();

/** A fake MessagePortMain: knows its channel and whether it was closed. */
class FakePort {
  closed = false;
  constructor(readonly channel: number, readonly end: 1 | 2) {}
  close(): void {
    this.closed = true;
  }
}

type Posted = { channel: string; payload: unknown; ports: FakePort[] };

/** A fake engine window: records what main posts to it. */
class FakeEngineWindow implements EngineWindow<FakePort> {
  readonly posted: Posted[] = [];
  loads = 1; // createWindow starts the first load
  destroyed = false;
  constructor(
    readonly contentsId: number,
    readonly events: EngineWindowEvents,
  ) {}
  load(): void {
    this.loads++;
  }
  post(channel: string, payload: unknown, ports: FakePort[] = []): void {
    this.posted.push({ channel, payload, ports });
  }
  destroy(): void {
    this.destroyed = true;
  }
  clients(role?: 'main' | 'ui') {
    return this.posted.filter((p) => p.channel === ENGINE_IPC.client && (!role || (p.payload as { role: string }).role === role));
  }
}

/** A manual clock and timer queue. */
const fakeTimers = () => {
  let now = 0;
  let seq = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const id = ++seq;
        queue.set(id, { at: now + ms, fn });
        return id;
      },
      clearTimeout: (id: unknown) => void queue.delete(id as number),
    },
    now: () => now,
    pending: () => [...queue.values()].map((t) => t.at - now),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...queue].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        queue.delete(id);
        t.fn();
      }
    },
  };
};

const setup = (opts: { uiAlive?: (id: number) => boolean } = {}) => {
  const clock = fakeTimers();
  const windows: FakeEngineWindow[] = [];
  const toUi: { contentsId: number; clientId: string; port: FakePort }[] = [];
  const restarted: { ids: readonly number[]; generation: number }[] = [];
  const ups: { port: FakePort; generation: number }[] = [];
  const downs: string[] = [];
  let channels = 0;
  let ids = 0;
  const deps: EngineHostDeps<FakePort> = {
    createWindow: (events) => {
      const win = new FakeEngineWindow(100 + windows.length, events);
      windows.push(win);
      return win;
    },
    createChannel: () => {
      const n = ++channels;
      return { port1: new FakePort(n, 1), port2: new FakePort(n, 2) };
    },
    sendToUi: (contentsId, connection, port) => {
      if (opts.uiAlive && !opts.uiAlive(contentsId)) return false;
      toUi.push({ contentsId, clientId: connection.clientId, port });
      return true;
    },
    notifyRestarted: (list, generation) => void restarted.push({ ids: list, generation }),
    up: (port, generation) => void ups.push({ port, generation }),
    down: (reason) => void downs.push(reason),
    timers: clock.timers,
    now: clock.now,
    newId: () => `client-${++ids}`,
  };
  const host = createEngineHost(deps);
  const win = (i = windows.length - 1) => {
    const w = windows[i];
    if (!w) throw new Error(`no window ${i}`);
    return w;
  };
  return { host, windows, win, toUi, restarted, ups, downs, clock };
};

const UI = 1;
const UI2 = 2;

describe('engine window: one, kept alive', () => {
  it('is created once, however often it is started or UI pages connect', () => {
    const t = setup();
    t.host.start();
    t.host.start();
    t.host.connectUi(UI);
    t.host.connectUi(UI2);
    t.host.ready(t.win().contentsId);
    t.host.connectUi(UI);
    expect(t.windows).toHaveLength(1);
    expect(t.host.state()).toMatchObject({ windows: 1, ready: true, generation: 1 });
  });

  it('a second UI window gets its own connection to the same engine, not a second engine', () => {
    const t = setup();
    t.host.start();
    t.host.ready(t.win().contentsId);
    const a = t.host.connectUi(UI);
    const b = t.host.connectUi(UI2);
    expect(a?.clientId).not.toEqual(b?.clientId);
    expect(t.windows).toHaveLength(1);
    expect(t.win().clients('ui').map((p) => p.payload)).toEqual([
      { clientId: a?.clientId, role: 'ui' },
      { clientId: b?.clientId, role: 'ui' },
    ]);
    // each page holds one end of a channel whose other end went to the engine
    for (const [i, sent] of t.toUi.entries()) {
      const engineEnd = t.win().clients('ui')[i]?.ports[0];
      expect(engineEnd?.channel).toBe(sent.port.channel);
      expect([sent.port.end, engineEnd?.end]).toEqual([1, 2]);
    }
  });

  it('hands main its control port at each engine generation', () => {
    const t = setup();
    t.host.start();
    expect(t.ups).toEqual([]);
    expect(t.host.ready(t.win().contentsId)).toBe(true);
    expect(t.ups).toHaveLength(1);
    expect(t.ups[0]?.generation).toBe(1);
    const mainClient = t.win().clients('main')[0];
    expect(mainClient?.ports[0]?.channel).toBe(t.ups[0]?.port.channel);
  });

  it('takes engine:ready only from the engine window itself', () => {
    const t = setup();
    t.host.start();
    expect(t.host.ready(UI)).toBe(false);
    expect(t.host.isEngine(t.win().contentsId)).toBe(true);
    expect(t.host.isEngine(UI)).toBe(false);
    expect(t.ups).toEqual([]);
  });

  it('holds UI connections made before the engine is ready and delivers them when it is', () => {
    const t = setup();
    t.host.start();
    const c = t.host.connectUi(UI);
    expect(t.toUi).toHaveLength(1); // the page has its end at once
    expect(t.win().clients('ui')).toEqual([]);
    t.host.ready(t.win().contentsId);
    expect(t.win().clients('ui').map((p) => p.payload)).toEqual([{ clientId: c?.clientId, role: 'ui' }]);
  });

  it('refuses a connection for a page that is gone, and closes both ends', () => {
    const t = setup({ uiAlive: () => false });
    t.host.start();
    t.host.ready(t.win().contentsId);
    expect(t.host.connectUi(UI)).toBeNull();
    expect(t.win().clients('ui')).toEqual([]);
  });
});

describe('engine window: UI reloads', () => {
  it('a UI reload drops that page’s ports on the engine side; the engine window and its generation stay; the reloaded page gets a new port', () => {
    const t = setup();
    t.host.start();
    t.host.ready(t.win().contentsId);
    const first = t.host.connectUi(UI);
    const other = t.host.connectUi(UI2);
    t.host.uiGone(UI); // did-start-navigation on the UI window
    expect(t.win().posted.filter((p) => p.channel === ENGINE_IPC.clientGone).map((p) => p.payload)).toEqual([{ clientId: first?.clientId }]);
    const second = t.host.connectUi(UI);
    expect(second?.clientId).not.toEqual(first?.clientId);
    expect(t.windows).toHaveLength(1);
    expect(t.win().destroyed).toBe(false);
    expect(t.host.state()).toMatchObject({ generation: 1, ready: true });
    expect(t.ups).toHaveLength(1); // main's own connection untouched
    expect(t.toUi.filter((s) => s.contentsId === UI)).toHaveLength(2);
    expect(other).not.toBeNull();
  });

  it('a page that goes away before the engine is ready: its held port is closed, never delivered', () => {
    const t = setup();
    t.host.start();
    t.host.connectUi(UI);
    t.host.uiGone(UI);
    t.host.ready(t.win().contentsId);
    expect(t.win().clients('ui')).toEqual([]);
  });
});

describe('engine window: crashes', () => {
  it('is recreated after render-process-gone, once, after a short delay; main is told it went down and gets a new port', () => {
    const t = setup();
    t.host.start();
    t.host.ready(t.win().contentsId);
    t.win(0).events.gone('crashed');
    expect(t.win(0).destroyed).toBe(true);
    expect(t.downs).toEqual(['crashed']);
    expect(t.host.state()).toMatchObject({ ready: false, restartPending: true });
    // nothing may create a second window while the restart waits
    t.host.start();
    t.host.connectUi(UI);
    expect(t.windows).toHaveLength(1);
    t.clock.advance(restartDelay(0));
    expect(t.windows).toHaveLength(2);
    t.host.ready(t.win(1).contentsId);
    expect(t.ups.map((u) => u.generation)).toEqual([1, 2]);
    expect(t.host.isEngine(t.win(0).contentsId)).toBe(false);
  });

  it('ignores late events from the old window', () => {
    const t = setup();
    t.host.start();
    t.win(0).events.gone('crashed');
    t.win(0).events.gone('closed'); // destroy() makes Electron emit 'closed' too
    t.clock.advance(restartDelay(0));
    t.win(0).events.gone('crashed');
    expect(t.windows).toHaveLength(2);
    expect(t.host.state().restartPending).toBe(false);
  });

  it('backs off when it keeps crashing, capped, and starts over after a stable run', () => {
    const t = setup();
    t.host.start();
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      t.host.ready(t.win().contentsId);
      t.win().events.gone('crashed');
      delays.push(t.clock.pending()[0] ?? -1);
      t.clock.advance(delays.at(-1) ?? 0);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    t.host.ready(t.win().contentsId);
    t.clock.advance(STABLE_RUN_MS);
    t.win().events.gone('oom');
    expect(t.clock.pending()).toEqual([500]);
  });

  it('pages that had ports to the dead engine are told to connect again; a page that already reconnected is not', () => {
    const t = setup();
    t.host.start();
    t.host.ready(t.win().contentsId);
    t.host.connectUi(UI);
    t.host.connectUi(UI2);
    t.win().events.gone('crashed');
    t.host.connectUi(UI2); // UI2 reloaded meanwhile and asked again
    t.clock.advance(restartDelay(0));
    t.host.ready(t.win().contentsId);
    expect(t.restarted).toEqual([{ ids: [UI], generation: 2 }]);
    expect(t.win(1).clients('ui')).toHaveLength(1); // UI2's new connection went to the new engine
  });

  it('a reload of the engine page (ready again from the same window) is a new generation too', () => {
    const t = setup();
    t.host.start();
    t.host.ready(t.win().contentsId);
    t.host.connectUi(UI);
    t.host.ready(t.win().contentsId);
    expect(t.ups.map((u) => u.generation)).toEqual([1, 2]);
    expect(t.restarted).toEqual([{ ids: [UI], generation: 2 }]);
    expect(t.windows).toHaveLength(1);
  });

  it('retries a failed page load with backoff, in the same window', () => {
    const t = setup();
    t.host.start();
    t.win().events.loadFailed('-102 ERR_CONNECTION_REFUSED');
    t.win().events.loadFailed('-102 ERR_CONNECTION_REFUSED'); // one retry at a time
    expect(t.clock.pending()).toEqual([500]);
    t.clock.advance(500);
    expect(t.win().loads).toBe(2);
    t.win().events.loadFailed('-102 ERR_CONNECTION_REFUSED');
    expect(t.clock.pending()).toEqual([1000]);
    expect(t.windows).toHaveLength(1);
  });

  it('stops recreating once the app quits', () => {
    const t = setup();
    t.host.start();
    t.host.stop();
    t.win().events.gone('closed');
    t.clock.advance(60_000);
    expect(t.windows).toHaveLength(1);
    expect(t.host.state().restartPending).toBe(false);
  });
});
