/** Agent states: Ready, Not Ready with a reason, On call, After-call work, Offline. */
export * from './state';
