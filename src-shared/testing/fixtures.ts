import { DEFAULT_PRIORITY_MATRIX } from '../ticket/priority';
import { DEFAULT_TOUCHPOINTS } from '../desk/touchpoint';
import type { ApplyContext } from '../ticket/apply';
import type { EditableFields } from '../ticket/model';
import type { Conflict } from '../ticket/model';

/** Test fixtures shared by unit tests (not imported by product code). */
export const FIELDS: EditableFields = {
  type: 'incident',
  touchpoint: 'AA4001',
  impact: 'medium',
  urgency: 'high',
  callerName: '陈静',
  organisation: '财务部',
  phone: '010-6123 4567',
  email: 'chen.jing@example.com',
  deviceModel: 'HP LaserJet M404',
  deviceSerial: 'PHB8K12345',
  subject: '打印机卡纸',
  description: '三楼财务部打印机持续卡纸',
};

export const IDS = {
  client: '0190a0a0-0000-7000-8000-000000000001',
  ticket: '0190a0a0-0000-7000-8000-000000000002',
  l1: '0190a0a0-0000-7000-8000-0000000000a1',
  l2: '0190a0a0-0000-7000-8000-0000000000a2',
  agentA: '0190a0a0-0000-7000-8000-0000000000b1',
  agentB: '0190a0a0-0000-7000-8000-0000000000b2',
  expert: '0190a0a0-0000-7000-8000-0000000000b3',
  note: '0190a0a0-0000-7000-8000-0000000000c1',
} as const;

let n = 0;
/** A context like the server's: groups l1 (A, B) and l2 (expert), desk defaults. */
export const serverContext = (actorId: string, version: number, conflicts: Conflict[] = []): ApplyContext => ({
  actorId,
  now: new Date(Date.UTC(2026, 10, 23, 9, 0, version)).toISOString(),
  version,
  settings: { deskName: 'Desk', deskNameZh: '服务台', priorityMatrix: DEFAULT_PRIORITY_MATRIX, touchpoints: DEFAULT_TOUCHPOINTS },
  groupExists: (g) => g === IDS.l1 || g === IDS.l2,
  isMember: (u, g) => (g === IDS.l1 ? u === IDS.agentA || u === IDS.agentB : u === IDS.expert),
  conflict: (id) => conflicts.find((c) => c.id === id),
  newId: () => `0190a0a0-0000-7000-8000-${String(++n).padStart(12, '0')}`,
});
