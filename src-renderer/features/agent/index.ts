/**
 * The agent state (Ready / Not Ready with a reason / On call / After-call work / Offline):
 * driven by the phone and the agent's choices, reported to the desk as presence; and its
 * switcher. Other features import only from here.
 */
export { startAgent, stopAgent, requestState, finishAfterCallWork, toggleReady, checkDevices } from './agent';
export { StateSwitcher } from './StateSwitcher';
export { DEFAULT_REASONS, DEFAULT_ACW, type NotReadyReason } from './reasons';
export type { PresenceReport } from './wiring';
