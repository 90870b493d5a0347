import { describe, expect, it } from 'vitest';
import { knownPhoneError, queueName, routeLabel } from './labels';

const queues = [
  { number: '8001', name: 'Consultation', nameZh: '咨询' },
  { number: '8000', name: 'General', nameZh: '综合' },
];
const words = { direct: 'Direct', outgoing: 'Outgoing' };

describe('call labels', () => {
  it('names queues in the interface language', () => {
    expect(queueName('8001', queues, 'zh-CN')).toBe('咨询 8001');
    expect(queueName('8000', queues, 'en')).toBe('General 8000');
    expect(queueName('9000', queues, 'en')).toBe('9000');
  });

  it('says Direct or Outgoing when no queue applies', () => {
    expect(routeLabel({ direction: 'inbound', queue: '8001' }, queues, 'zh-CN', words)).toBe('咨询 8001');
    expect(routeLabel({ direction: 'inbound' }, queues, 'en', words)).toBe('Direct');
    expect(routeLabel({ direction: 'outbound' }, queues, 'en', words)).toBe('Outgoing');
  });

  it('knows the engine’s error codes', () => {
    expect(knownPhoneError('TRANSFER_FAILED')).toBe('TRANSFER_FAILED');
    expect(knownPhoneError('NOPE')).toBeNull();
  });
});
