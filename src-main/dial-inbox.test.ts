import { describe, expect, it, vi } from 'vitest';
import type { DialRequest } from '../src-shared/host/contract';
import { createDialInbox } from './dial-inbox';

const tel = (number: string): DialRequest => ({ scheme: 'tel', number });

describe('dial inbox', () => {
  it('holds links until the page takes them, then pushes', () => {
    const push = vi.fn(() => true);
    const inbox = createDialInbox(push);
    inbox.offer(tel('1'));
    inbox.offer(tel('2'));
    expect(push).not.toHaveBeenCalled();
    expect(inbox.take()).toEqual([tel('1'), tel('2')]);
    expect(inbox.take()).toEqual([]);
    inbox.offer(tel('3'));
    expect(push).toHaveBeenCalledWith(tel('3'));
    expect(inbox.take()).toEqual([]);
  });

  it('holds links again while the page reloads', () => {
    const push = vi.fn(() => true);
    const inbox = createDialInbox(push);
    inbox.take();
    inbox.pageLoading();
    inbox.offer(tel('4'));
    expect(push).not.toHaveBeenCalled();
    expect(inbox.take()).toEqual([tel('4')]);
  });

  it('keeps a link it could not push', () => {
    const inbox = createDialInbox(() => false);
    inbox.take();
    inbox.offer(tel('5'));
    expect(inbox.take()).toEqual([tel('5')]);
  });

  it('keeps only the newest ten', () => {
    const inbox = createDialInbox(() => true);
    for (let i = 1; i <= 15; i++) inbox.offer(tel(String(i)));
    expect(inbox.take().map((d) => (d.scheme === 'tel' ? d.number : ''))).toEqual(['6', '7', '8', '9', '10', '11', '12', '13', '14', '15']);
  });
});
