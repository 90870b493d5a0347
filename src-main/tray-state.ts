/**
 * The tray icon's tooltip: registration, and the calls in progress, in the
 * agent's language. Pure; index.ts sets it on an Electron `Tray` when the OS has
 * a tray (Linux without a status notifier host has none: then nothing shows).
 */
import { activeCount, ringingCalls, type PhoneState } from './phone-state';

const TEXT = {
  en: {
    registration: {
      unknown: 'phone starting',
      stopped: 'phone off',
      connecting: 'connecting',
      registering: 'registering',
      registered: 'phone ready',
      down: 'phone down',
    },
    ringing: (n: number) => (n === 1 ? '1 call ringing' : `${n} calls ringing`),
    active: (n: number) => (n === 1 ? 'on a call' : `on ${n} calls`),
  },
  zh: {
    registration: {
      unknown: '话机启动中',
      stopped: '话机已关闭',
      connecting: '正在连接',
      registering: '正在注册',
      registered: '话机就绪',
      down: '话机离线',
    },
    ringing: (n: number) => `${n} 个来电振铃中`,
    active: (n: number) => `通话中（${n}）`,
  },
} as const;

/** `Firstline — phone ready · on a call`. */
export const trayTooltip = (state: PhoneState, locale: string): string => {
  const t = locale.toLowerCase().startsWith('zh') ? TEXT.zh : TEXT.en;
  const parts: string[] = [t.registration[state.registration]];
  const ringing = ringingCalls(state).length;
  const active = activeCount(state);
  if (active > 0) parts.push(t.active(active));
  if (ringing > 0) parts.push(t.ringing(ringing));
  return `Firstline — ${parts.join(' · ')}`;
};
