/** Test data shared by the sync tests. */
import type { EditableFields } from '../../../../src-shared/ticket/model';

/** A valid ticket capture, with overrides. */
export const fields = (over: Partial<EditableFields> = {}): EditableFields => ({
  type: 'incident',
  touchpoint: 'AA4001',
  impact: 'medium',
  urgency: 'medium',
  callerName: 'Li Lei',
  organisation: 'Finance',
  phone: '+86 10 1234 5678',
  email: '',
  deviceModel: '',
  deviceSerial: '',
  subject: 'Printer jams',
  description: 'Paper jams on every page',
  ...over,
});
