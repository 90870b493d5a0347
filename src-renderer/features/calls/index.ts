/**
 * Calls: this window's phone (a client of the workstation's phone engine, which lives in
 * engine/), the call bar, the dial box, click-to-dial, the call log and the devices; plus
 * the desk's telephony endpoints (desk.ts). Other features import only from here.
 */
export { startSoftphone, stopSoftphone, deskDeps, runPreflight, answerRinging, hangupCurrent, toggleMuteCurrent, callInProgress, type SoftphoneOptions } from './phone';
export { getPhoneView, getTelephony, getDeskExtras, subscribePhoneView, subscribeTelephony, useRegistration, useTelephonyStatus, useCallInProgress, type TelephonyStatus } from './store';
export { postPresence, fetchTelephonyConfig, type DeskAnswer, type DeskDeps, type DeskQueue, type DeskReason, type DeskAcwPolicy, type TelephonyConfig } from './desk';
export { PhoneStatusChip } from './PhoneStatusChip';
export { CallBar } from './CallBar';
export { DialBox } from './DialBox';
export { CallButton } from './CallButton';
export { CallsScreen } from './CallsScreen';
export type { PhoneClient } from './engine/port';
export { linkCurrentCall, linkCallToTicket } from './log-store';
