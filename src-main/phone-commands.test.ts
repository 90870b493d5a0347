import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandFor } from './phone-commands';
import { EMPTY_PHONE, fromSnapshot, type CallSummary } from './phone-state';
import { trayTooltip } from './tray-state';

const c = (id: string, state: CallSummary['state'], over: Partial<CallSummary> = {}): CallSummary => ({
  id,
  direction: state === 'dialing' || state === 'early' ? 'outbound' : 'inbound',
  number: '1001',
  state,
  muted: false,
  startedAt: Number(id.replace(/\D/g, '')) || 0,
  ...over,
});
const phone = (...calls: CallSummary[]) => fromSnapshot(calls, 'registered');

describe('what each hotkey does to the phone', () => {
  it('answer: the oldest ringing call; nothing when none rings', () => {
    expect(commandFor('answer', phone(c('c2', 'ringing'), c('c1', 'ringing'), c('c3', 'active')))).toEqual({
      to: 'engine',
      channel: 'call:answer',
      arg: { callId: 'c1' },
    });
    expect(commandFor('answer', phone(c('c1', 'active')))).toMatchObject({ to: 'none' });
  });

  it('hang up: the call being talked on; never a held caller or a ringing call', () => {
    expect(commandFor('hangup', phone(c('c1', 'held'), c('c2', 'active'), c('c3', 'ringing')))).toEqual({
      to: 'engine',
      channel: 'call:hangup',
      arg: { callId: 'c2' },
    });
    expect(commandFor('hangup', phone(c('c1', 'dialing')))).toMatchObject({ channel: 'call:hangup', arg: { callId: 'c1' } });
    expect(commandFor('hangup', phone(c('c1', 'held'), c('c2', 'ringing')))).toMatchObject({ to: 'none' });
    expect(commandFor('hangup', EMPTY_PHONE)).toMatchObject({ to: 'none' });
  });

  it('hang up during a consultation: the consult call (active), not the waiting caller (consulting)', () => {
    expect(commandFor('hangup', phone(c('c1', 'consulting'), c('c2', 'active', { direction: 'outbound' })))).toMatchObject({ arg: { callId: 'c2' } });
  });

  it('mute toggles mute on the current call', () => {
    expect(commandFor('mute', phone(c('c1', 'active')))).toEqual({ to: 'engine', channel: 'call:mute', arg: { callId: 'c1', muted: true } });
    expect(commandFor('mute', phone(c('c1', 'active', { muted: true })))).toMatchObject({ arg: { muted: false } });
    expect(commandFor('mute', phone(c('c1', 'ringing')))).toMatchObject({ to: 'none' });
  });

  it('ready/not ready goes to the UI pages (agent state lives there)', () => {
    expect(commandFor('ready-toggle', EMPTY_PHONE)).toEqual({ to: 'ui', action: 'ready-toggle' });
  });
});

describe('tray tooltip', () => {
  it('says registration and calls, in the agent’s language', () => {
    expect(trayTooltip(EMPTY_PHONE, 'en-US')).toBe('Firstline — phone starting');
    expect(trayTooltip(phone(c('c1', 'active'), c('c2', 'ringing')), 'en-US')).toBe('Firstline — phone ready · on a call · 1 call ringing');
    expect(trayTooltip({ ...phone(), registration: 'down' }, 'zh-CN')).toBe('Firstline — 话机离线');
  });
});

describe('tel:/sip: links never dial on their own', () => {
  it('no main-process module sends call:dial: a link is only ever proposed to the agent (deeplink:dial / deeplink:take)', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const product = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'fake-electron.ts' && f !== 'test-fixtures.ts');
    expect(product.length).toBeGreaterThan(10);
    const dialling = product.filter((f) => /['"`]call:dial['"`]/.test(readFileSync(join(here, f), 'utf8')));
    expect(dialling).toEqual([]);
  });
});

