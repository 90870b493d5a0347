import { describe, expect, it, vi } from 'vitest';
import { addressFingerprint, watchNetwork, type NetProbe } from './netwatch';

describe('network watch', () => {
  const setup = (states: ReturnType<NetProbe>[]) => {
    let i = 0;
    const probe: NetProbe = () => states[Math.min(i, states.length - 1)] ?? { online: false, fingerprint: '' };
    let tick = () => {};
    const stop = vi.fn();
    const emit = vi.fn();
    watchNetwork(probe, emit, (_ms, fn) => ((tick = fn), stop));
    return { emit, stop, step: () => (i++, tick()) };
  };

  it('emits only when the online flag or the addresses change', () => {
    const { emit, step } = setup([
      { online: true, fingerprint: 'eth0=10.0.0.2' },
      { online: true, fingerprint: 'eth0=10.0.0.2' },
      { online: true, fingerprint: 'wlan0=192.168.1.7' },
      { online: false, fingerprint: '' },
      { online: false, fingerprint: '' },
    ]);
    step();
    expect(emit).not.toHaveBeenCalled();
    step();
    expect(emit).toHaveBeenLastCalledWith({ online: true });
    step();
    expect(emit).toHaveBeenLastCalledWith({ online: false });
    step();
    expect(emit).toHaveBeenCalledTimes(2);
  });

  it('fingerprints external addresses only, in a stable order', () => {
    const a = addressFingerprint({
      lo: [{ address: '127.0.0.1', internal: true }],
      wlan0: [{ address: '192.168.1.7', internal: false }],
      eth0: [{ address: '10.0.0.2', internal: false }, { address: 'fe80::1', internal: false }],
    });
    expect(a).toBe('eth0=10.0.0.2,eth0=fe80::1,wlan0=192.168.1.7');
    expect(addressFingerprint({ lo: [{ address: '127.0.0.1', internal: true }], eth0: undefined })).toBe('');
  });
});
