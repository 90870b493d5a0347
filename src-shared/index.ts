/** Public surface of src-shared: the domain model, its rules and the sync protocol. */
export * from './result';
export * from './ids';
export * from './api';
export * from './desk/directory';
export * from './desk/touchpoint';
export * from './ticket/model';
export * from './ticket/priority';
export * from './ticket/status';
export * from './ticket/apply';
export * from './sync/mutations';
export * from './sync/protocol';
export * from './sync/status';
