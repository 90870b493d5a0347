/** The browser host's engine frame: which origin it comes from, and the page's side of the handshake. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameEngine, siblingLoopbackOrigin, type FrameDocument, type FrameWindow } from './engine-frame';

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
});
