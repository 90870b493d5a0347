/** Calls: the call-state machine, the phone's policies, the call log record and the engine's message protocol. */
export * from './state';
export * from './policy';
export * from './record';
export * from './protocol';
export * from './view';
