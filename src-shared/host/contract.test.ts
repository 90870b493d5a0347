import { describe, expect, it } from 'vitest';
import {
  ENGINE_IPC,
  ENGINE_WINDOW_CHANNELS,
  EVENT_CHANNELS,
  HOTKEY_ACTIONS,
  REQUEST_CHANNELS,
  isEngineWindowChannel,
  isEventChannel,
  isRequestChannel,
} from './contract';

describe('host contract allow-lists', () => {
  it('keeps the UI bridge and the engine bridge apart', () => {
    expect(REQUEST_CHANNELS.filter((c) => (ENGINE_WINDOW_CHANNELS as readonly string[]).includes(c))).toEqual([]);
    expect(ENGINE_WINDOW_CHANNELS).toEqual(['engine:ready']);
    expect(isRequestChannel('engine:ready')).toBe(false);
    expect(isEngineWindowChannel('engine:connect')).toBe(false);
  });

  it('the channels that carry ports are neither requests nor bridge events (the bridge’s on() cannot subscribe to them)', () => {
    for (const channel of Object.values(ENGINE_IPC)) {
      expect(isRequestChannel(channel)).toBe(false);
      expect(isEventChannel(channel)).toBe(false);
      expect(isEngineWindowChannel(channel)).toBe(false);
    }
  });

  it('names every channel domain:verb, and rejects inherited names', () => {
    for (const c of [...REQUEST_CHANNELS, ...EVENT_CHANNELS, ...ENGINE_WINDOW_CHANNELS]) expect(c).toMatch(/^[a-z]+:[a-z-]+$/);
    for (const c of ['__proto__', 'toString', 'hasOwnProperty']) {
      expect(isRequestChannel(c) || isEventChannel(c) || isEngineWindowChannel(c)).toBe(false);
    }
  });

  it('lists the hotkey actions once each', () => {
    expect([...HOTKEY_ACTIONS]).toEqual(['answer', 'hangup', 'mute', 'ready-toggle']);
  });
});
