import { describe, expect, it, vi } from 'vitest';
import { createBroadcaster, type EventPage } from './events';
import { APP_ORIGIN } from './test-fixtures';

const page = (url: string, destroyed = false) => ({ url, destroyed, send: vi.fn<EventPage['send']>() });

describe('event broadcast', () => {
  it('reaches only live pages on our origin', () => {
    const ours = page(`${APP_ORIGIN}/desk`);
    const foreign = page('https://evil.example/');
    const gone = page(`${APP_ORIGIN}/`, true);
    const blank = page('');
    const broadcast = createBroadcaster(APP_ORIGIN, () => [ours, foreign, gone, blank]);
    expect(broadcast('net:changed', { online: false })).toBe(1);
    expect(ours.send).toHaveBeenCalledWith('net:changed', { online: false });
    for (const p of [foreign, gone, blank]) expect(p.send).not.toHaveBeenCalled();
  });
});
