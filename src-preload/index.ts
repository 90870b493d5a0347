/**
 * The sandboxed preload of UI windows: exposes the one typed, allow-listed
 * bridge at `window.firstline` (FirstlineBridge in src-shared/host/contract.ts)
 * and relays the phone engine's ports into the page as window messages.
 * Never exposes ipcRenderer itself. Runs with sandbox + contextIsolation, so it
 * may require only `electron` at run time (checked by bundle.test.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './expose';
import { postToOwnWindow, relayUiPorts } from './port-relay';

relayUiPorts(ipcRenderer, postToOwnWindow(window));
exposeBridge(contextBridge, ipcRenderer);
