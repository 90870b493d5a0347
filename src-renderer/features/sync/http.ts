/**
 * Compatibility name for `desk-api.ts` (bench/sync imports it by this path). Renderer code
 * cannot import a module called `http` (the lint layering treats it as the Node built-in),
 * so import from './desk-api' or the feature's index instead.
 */
export * from './desk-api';
