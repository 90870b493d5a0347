/**
 * The Electron host, over the preload's bridge (`window.firstline`). Bridge calls answer a
 * `Result`; here a failed journal write becomes a rejected promise (the caller decides what
 * a missing disaster copy means: the outbox still has the mutation).
 */
import type { FirstlineBridge } from '../../src-shared/host/contract';
import { connectEnginePort } from './engine-port';
import type { Host } from './types';
import { browserLocale, pageServerUrl, webNotify } from './web-host';

export const createElectronHost = (bridge: FirstlineBridge): Host => {
  let locale: string | null = null;
  void bridge.app
    .info()
    .then((r) => {
      if (r.ok) locale = r.value.locale;
    })
    .catch(() => undefined);
  return {
    kind: 'electron',
    journal: {
      append: async (mutation) => {
        const r = await bridge.journal.append(mutation);
        if (!r.ok) throw new Error(`journal: ${r.error.message}`);
      },
    },
    cache: {
      signedOut: async () => {
        const r = await bridge.cache.signedOut();
        if (!r.ok) throw new Error(`cache: ${r.error.message}`);
      },
    },
    // The OS locale from main once known; Electron's navigator.language until then.
    locale: () => locale ?? browserLocale(),
    // Electron shows HTML5 notifications natively; main grants the permission to our origin only.
    notify: webNotify,
    // Main loads the renderer from the desk server (src-main/config.ts): same origin.
    serverUrl: pageServerUrl,
    engine: {
      connect: () => connectEnginePort(bridge, window),
      onRestarted: (listener) => bridge.on('engine:restarted', () => listener()),
    },
    onHotkey: (listener) => bridge.on('hotkeys:pressed', (p) => listener(p.action)),
    onAnswerPrompt: (listener) => bridge.on('calls:answer-prompt', (p) => listener(p.callId)),
    onWake: (listener) => {
      const offResume = bridge.on('power:resume', () => listener());
      const offNet = bridge.on('net:changed', (s) => {
        if (s.online) listener();
      });
      return () => {
        offResume();
        offNet();
      };
    },
  };
};
