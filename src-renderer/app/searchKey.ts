/**
 * The knowledge search shortcut: `/` (when the agent is not typing in a field) or Ctrl+K
 * (anywhere) puts the keyboard in the knowledge search box — one keystroke, on any screen.
 */
type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'repeat'> & { target: EventTarget | null };

const isEditable = (t: EventTarget | null): boolean => {
  if (!t || typeof (t as Element).tagName !== 'string') return false;
  const el = t as HTMLElement;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable === true;
};

/** Whether a key press asks for the knowledge search. */
export const isSearchKey = (e: KeyLike): boolean => {
  if (e.repeat || e.altKey || e.metaKey) return false;
  if (e.ctrlKey && !e.shiftKey && e.code === 'KeyK') return true;
  return !e.ctrlKey && e.key === '/' && !isEditable(e.target);
};

/** Listens for the shortcut; answers the unsubscribe. */
export const listenSearchKey = (target: Pick<Window, 'addEventListener' | 'removeEventListener'>, run: () => void): (() => void) => {
  const onKey = (e: KeyboardEvent) => {
    if (!isSearchKey(e)) return;
    e.preventDefault();
    run();
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
};
