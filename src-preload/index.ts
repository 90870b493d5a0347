/**
 * The sandboxed preload: exposes the one typed, allow-listed bridge at
 * `window.firstline` (FirstlineBridge in src-shared/host/contract.ts).
 * Never exposes ipcRenderer itself. Runs with sandbox + contextIsolation, so it
 * may require only `electron` at run time (checked by bundle.test.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './expose';

exposeBridge(contextBridge, ipcRenderer);
