/**
 * The phone engine window's sandboxed preload: exposes `window.firstlineEngine`
 * (`ready()` only) and relays the client ports main brokers into the page as
 * window messages. Not the UI's bridge: the engine page gets no journal, no
 * cache, no hotkeys. At run time it may require only `electron` (bundle.test.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ENGINE_BRIDGE_KEY, createEngineBridge } from './engine-bridge';
import { postToOwnWindow, relayEngineClients } from './port-relay';

relayEngineClients(ipcRenderer, postToOwnWindow(window));
contextBridge.exposeInMainWorld(ENGINE_BRIDGE_KEY, createEngineBridge(ipcRenderer));
