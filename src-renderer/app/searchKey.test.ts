import { describe, expect, it } from 'vitest';
import { isSearchKey } from './searchKey';

const key = (over: Partial<Parameters<typeof isSearchKey>[0]>) => ({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, repeat: false, target: null, ...over });
const field = (tagName: string) => ({ tagName, isContentEditable: false }) as unknown as EventTarget;

describe('the knowledge search shortcut', () => {
  it('is / outside fields and Ctrl+K anywhere', () => {
    expect(isSearchKey(key({ key: '/', code: 'Slash' }))).toBe(true);
    expect(isSearchKey(key({ key: '/', code: 'Slash', target: field('DIV') }))).toBe(true);
    expect(isSearchKey(key({ key: 'k', code: 'KeyK', ctrlKey: true, target: field('TEXTAREA') }))).toBe(true);
  });

  it('leaves / to fields the agent types in, and ignores repeats and other chords', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(isSearchKey(key({ key: '/', target: field(tag) }))).toBe(false);
    expect(isSearchKey(key({ key: '/', target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget }))).toBe(false);
    expect(isSearchKey(key({ key: 'k', code: 'KeyK', ctrlKey: true, repeat: true }))).toBe(false);
    expect(isSearchKey(key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchKey(key({ key: 'k', code: 'KeyK', ctrlKey: true, altKey: true }))).toBe(false);
  });
});
