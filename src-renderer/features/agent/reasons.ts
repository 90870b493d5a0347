/**
 * The desk's Not Ready reasons and after-call-work policy, until the desk defines its own
 * (the telephony config may carry `notReadyReasons` and `afterCallWork`; see calls/desk.ts).
 */
import type { AcwPolicy } from '../../../src-shared/agent';

/** A Not Ready reason the agent can choose: an id kept in presence and reports, names for the screen. */
export type NotReadyReason = { id: string; name: string; nameZh?: string };

/** The usual reasons of a service desk: 小休, 用餐, 培训, 会议. */
export const DEFAULT_REASONS: readonly NotReadyReason[] = [
  { id: 'break', name: 'Break', nameZh: '小休' },
  { id: 'meal', name: 'Meal', nameZh: '用餐' },
  { id: 'training', name: 'Training', nameZh: '培训' },
  { id: 'meeting', name: 'Meeting', nameZh: '会议' },
];

/** Thirty seconds of after-call work, which the agent may end sooner ("After-call work done"). */
export const DEFAULT_ACW: AcwPolicy = { kind: 'fixed', seconds: 30 };
