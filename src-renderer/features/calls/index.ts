/**
 * Calls: the phone engine (one per workstation, behind a message port) and its
 * client. UI code talks to the engine only through `createPhoneClient`; the
 * shared protocol, call-state machine and call record live in src-shared/calls.
 */
export { createPhoneClient, servePhonePort, startPhoneEngine, type CallMedia, type EngineHooks, type PhoneClient, type PortLike, type RunningPhoneEngine } from './engine';
