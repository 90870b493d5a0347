/** The browser host's engine frame: which origin it comes from, and the page's side of the handshake. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restartDelay, STABLE_RUN_MS } from '../../src-shared/host/restart';
import { answerFramePings, createFrameEngine, DEAD_AFTER_MISSES, HEARTBEAT_MS, siblingLoopbackOrigin, type FrameDocument, type FrameWindow } from './engine-frame';

const ENGINE = 'http://localhost:4780';

describe('the engine frame\'s origin', () => {
  it('is the same desk server under its other loopback name (another site: a process of its own)', () => {
    expect(siblingLoopbackOrigin({ protocol: 'http:', hostname: '127.0.0.1', port: '4780' })).toBe('http://localhost:4780');
    expect(siblingLoopbackOrigin({ protocol: 'http:', hostname: 'localhost', port: '4780' })).toBe('http://127.0.0.1:4780');
    expect(siblingLoopbackOrigin({ protocol: 'https:', hostname: 'localhost', port: '' })).toBe('https://127.0.0.1');
  });

  it('is none for a desk under any other name, or a page not served over http(s)', () => {
    expect(siblingLoopbackOrigin({ protocol: 'https:', hostname: 'desk.example.com', port: '' })).toBeNull();
    expect(siblingLoopbackOrigin({ protocol: 'http:', hostname: '10.0.0.5', port: '4780' })).toBeNull();
    expect(siblingLoopbackOrigin({ protocol: 'file:', hostname: '', port: '' })).toBeNull();
  });
});

/** A page with one body; `fromFrame` plays the frame's page posting to its parent. */
const fakePage = () => {
  const listeners: ((e: MessageEvent) => void)[] = [];
  type Fake = { src: string; allow: string; hidden: boolean; tabIndex: number; title: string; removed: boolean; loaded: () => void; contentWindow: { postMessage: ReturnType<typeof vi.fn> } };
  const frames: Fake[] = [];
  const doc = {
    createElement: () => {
      const f = { src: '', allow: '', hidden: false, tabIndex: 0, title: '', removed: false, loaded: () => undefined, attrs: {} as Record<string, string>, contentWindow: { postMessage: vi.fn() } };
      const onLoad: Array<() => void> = [];
      Object.assign(f, {
        setAttribute: (k: string, v: string) => void (f.attrs[k] = v),
        remove: () => void (f.removed = true),
        addEventListener: (_t: string, l: () => void) => void onLoad.push(l),
        loaded: () => onLoad.splice(0).forEach((l) => l()),
      });
      frames.push(f);
      return f;
    },
    body: { append: () => undefined },
  } as unknown as FrameDocument;
  const win = { addEventListener: (_t: string, l: (e: MessageEvent) => void) => void listeners.push(l) } as unknown as FrameWindow;
  const fromFrame = (data: unknown, o: { origin?: string; source?: unknown } = {}) => {
    for (const l of listeners) l({ data, origin: o.origin ?? ENGINE, source: o.source ?? frames.at(-1)?.contentWindow } as unknown as MessageEvent);
  };
  return { doc, win, frames, fromFrame };
};

afterEach(() => vi.useRealTimers());

describe('the page\'s side of the engine frame', () => {
  it('makes one hidden frame from the engine origin, with the microphone, autoplay and speaker choice allowed, and nothing to tab to', async () => {
    const { doc, win, frames, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE);
    const connecting = engine.connect();
    expect(frames).toHaveLength(1);
    const f = frames[0]!;
    expect(f.src).toBe(`${ENGINE}/engine.html`);
    expect(f.allow.split(/;\s*/)).toEqual(['microphone', 'autoplay', 'speaker-selection']);
    expect(f.hidden).toBe(true);
    expect(f.tabIndex).toBe(-1);
    fromFrame({ firstline: 'engine-frame-ready' });
    const port = await connecting;
    expect(port).toBeInstanceOf(MessagePort);
    const [msg, target, transfer] = f.contentWindow.postMessage.mock.calls[0]! as [{ firstline: string; clientId: string }, string, MessagePort[]];
    expect(msg.firstline).toBe('engine-client');
    expect(target).toBe(ENGINE);
    expect(transfer).toHaveLength(1);
    // a second connection: the first one's port is dropped on the engine's side; still one frame
    await engine.connect();
    expect(frames).toHaveLength(1);
    expect(f.contentWindow.postMessage.mock.calls[1]![0]).toEqual({ firstline: 'engine-client-gone', clientId: msg.clientId });
    port.close();
  });

  it('believes a ready only from its own frame on the engine origin', async () => {
    vi.useFakeTimers();
    const { doc, win, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE, 1000);
    const connecting = engine.connect();
    fromFrame({ firstline: 'engine-frame-ready' }, { origin: 'http://evil.example' });
    fromFrame({ firstline: 'engine-frame-ready' }, { source: {} });
    fromFrame({ firstline: 'something-else' });
    const failed = expect(connecting).rejects.toThrow(/did not start in time/);
    await vi.advanceTimersByTimeAsync(1000);
    await failed;
  });

  it('gives up on a frame that does not start (the desk was down at the reload), says the page may run the engine, and tries a new frame next time', async () => {
    vi.useFakeTimers();
    const { doc, win, frames, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE, 1000);
    expect(engine.pageFallback).toBe(true);
    const first = expect(engine.connect()).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(1000);
    await first;
    expect(frames[0]!.removed).toBe(true);
    const second = engine.connect();
    expect(frames).toHaveLength(2);
    fromFrame({ firstline: 'engine-frame-ready' });
    (await second).close();
  });

  it('fails soon when the frame\'s page loaded without an engine (an error page), not only after the timeout', async () => {
    vi.useFakeTimers();
    const { doc, win, frames } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE, 60_000);
    const failed = expect(engine.connect()).rejects.toThrow(/did not start/);
    frames[0]!.loaded();
    await vi.advanceTimersByTimeAsync(1000);
    await failed;
  });

  it('connections asked for while the frame starts share the one frame and all get a port', async () => {
    const { doc, win, frames, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE);
    const both = Promise.all([engine.connect(), engine.connect()]);
    fromFrame({ firstline: 'engine-frame-ready' });
    const ports = await both;
    expect(frames).toHaveLength(1);
    expect(ports).toHaveLength(2);
    for (const p of ports) p.close();
  });

  it('a second ready is a new engine (the frame was loaded again): connections are dead, listeners connect again', async () => {
    const { doc, win, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE);
    const connecting = engine.connect();
    fromFrame({ firstline: 'engine-frame-ready' });
    (await connecting).close();
    const restarted = vi.fn();
    const off = engine.onRestarted(restarted);
    fromFrame({ firstline: 'engine-frame-ready' });
    expect(restarted).toHaveBeenCalledTimes(1);
    off();
    fromFrame({ firstline: 'engine-frame-ready' });
    expect(restarted).toHaveBeenCalledTimes(1);
  });

  /** The last ping the page posted to frame `f` (its `n`), or undefined. */
  const lastPing = (f: { contentWindow: { postMessage: ReturnType<typeof vi.fn> } }): number | undefined =>
    (f.contentWindow.postMessage.mock.calls.map((c) => c[0] as { firstline: string; n?: number }).filter((m) => m.firstline === 'engine-frame-ping').at(-1)?.n);

  /** With fake timers: an engine whose frame said ready and served one connection, a restart listener on it. */
  const watchedEngine = async () => {
    vi.useFakeTimers();
    const { doc, win, frames, fromFrame } = fakePage();
    const engine = createFrameEngine(doc, win, ENGINE);
    const connecting = engine.connect();
    fromFrame({ firstline: 'engine-frame-ready' });
    (await connecting).close();
    const restarted = vi.fn();
    engine.onRestarted(restarted);
    return { engine, frames, fromFrame, restarted };
  };

  it('a frame that stops answering its pings (its process died) is taken away after a few, listeners are told, and the next connection gets a new frame', async () => {
    const { engine, frames, fromFrame, restarted } = await watchedEngine();
    const f = frames[0]!;
    // alive: every ping answered, for a minute
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      fromFrame({ firstline: 'engine-frame-pong', n: lastPing(f) });
    }
    expect(lastPing(f)).toBe(30);
    expect(restarted).not.toHaveBeenCalled();
    // dead: the pings go unanswered
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * DEAD_AFTER_MISSES);
    expect(restarted).not.toHaveBeenCalled();
    expect(f.removed).toBe(false);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(restarted).toHaveBeenCalledTimes(1);
    expect(f.removed).toBe(true);
    // a late word from the dead frame changes nothing
    fromFrame({ firstline: 'engine-frame-ready' }, { source: f.contentWindow });
    expect(restarted).toHaveBeenCalledTimes(1);
    // the listeners connect again: a new frame (after the first restart's short delay), a new engine; its first client is not told about the old one's
    const again = engine.connect();
    await vi.advanceTimersByTimeAsync(restartDelay(0));
    expect(frames).toHaveLength(2);
    const g = frames[1]!;
    fromFrame({ firstline: 'engine-frame-ready' });
    (await again).close();
    expect(g.contentWindow.postMessage.mock.calls.map((c) => (c[0] as { firstline: string }).firstline)).toEqual(['engine-client']);
    // and it is watched in turn
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS * (DEAD_AFTER_MISSES + 1));
    expect(restarted).toHaveBeenCalledTimes(2);
    expect(g.removed).toBe(true);
  });

  it('a frame that keeps dying soon after it starts is made again ever later (capped at 30 s), and at once again after one that ran a while', async () => {
    const { engine, frames, fromFrame, restarted } = await watchedEngine();
    const dies = () => vi.advanceTimersByTimeAsync(HEARTBEAT_MS * (DEAD_AFTER_MISSES + 1));
    /** Connects after a death: how long until the new frame is made, then its ready. */
    const reconnect = async (): Promise<number> => {
      const before = frames.length;
      const again = engine.connect();
      let waited = 0;
      while (frames.length === before && waited < 60_000) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      fromFrame({ firstline: 'engine-frame-ready' });
      (await again).close();
      return waited;
    };
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await dies();
      expect(restarted).toHaveBeenCalledTimes(i + 1);
      delays.push(await reconnect());
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(frames.filter((f) => !f.removed)).toHaveLength(1);
    // this one runs a while (its pings answered) before it dies: the next comes back at the first delay again
    const f = frames.at(-1)!;
    for (let t = 0; t < STABLE_RUN_MS; t += HEARTBEAT_MS) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      fromFrame({ firstline: 'engine-frame-pong', n: lastPing(f) });
    }
    await dies();
    expect(await reconnect()).toBe(restartDelay(0));
  });

  it('only its own frame\'s pong of the last ping counts; a page that slept (throttled timers) does not take its own sleep for the frame\'s death', async () => {
    const { engine, frames, fromFrame, restarted } = await watchedEngine();
    const f = frames[0]!;
    for (let i = 0; i < DEAD_AFTER_MISSES + 1; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      fromFrame({ firstline: 'engine-frame-pong', n: lastPing(f) }, { origin: 'http://evil.example' });
      fromFrame({ firstline: 'engine-frame-pong', n: lastPing(f) }, { source: {} });
      fromFrame({ firstline: 'engine-frame-pong', n: (lastPing(f) ?? 0) - 1 });
    }
    expect(restarted).toHaveBeenCalledTimes(1);

    // the new frame: the page's timer fires once after a long sleep with a ping outstanding, the frame answers at once
    const again = engine.connect();
    await vi.advanceTimersByTimeAsync(restartDelay(0));
    fromFrame({ firstline: 'engine-frame-ready' });
    (await again).close();
    const g = frames[1]!;
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    vi.setSystemTime(Date.now() + 10 * 60_000);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
      expect(restarted, `tick ${i}`).toHaveBeenCalledTimes(1);
      fromFrame({ firstline: 'engine-frame-pong', n: lastPing(g) });
    }
    expect(g.removed).toBe(false);
  });
});

describe('the engine frame\'s side of the heartbeat', () => {
  it('answers each ping from its parent on the parent\'s origin with the same n, and nobody else\'s', () => {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const win = { addEventListener: (_t: string, l: (e: MessageEvent) => void) => void listeners.push(l) } as unknown as Window;
    const parent = { postMessage: vi.fn() };
    const PAGE = 'http://127.0.0.1:4780';
    answerFramePings(win, parent as unknown as Window, PAGE);
    const send = (data: unknown, origin = PAGE, source: unknown = parent) => {
      for (const l of listeners) l({ data, origin, source } as unknown as MessageEvent);
    };
    send({ firstline: 'engine-frame-ping', n: 7 });
    send({ firstline: 'engine-frame-ping', n: 8 }, 'http://evil.example');
    send({ firstline: 'engine-frame-ping', n: 9 }, PAGE, {});
    send({ firstline: 'engine-client', n: 10 });
    send(null);
    expect(parent.postMessage.mock.calls).toEqual([[{ firstline: 'engine-frame-pong', n: 7 }, PAGE]]);
  });
});
