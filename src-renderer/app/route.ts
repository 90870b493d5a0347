import { useSyncExternalStore } from 'react';

/** The screens of the shell. Kept in the URL hash so reload, back and forward work in both hosts. */
export type Route =
  | { name: 'tickets' }
  | { name: 'new' }
  | { name: 'ticket'; id: string }
  | { name: 'conflicts' }
  | { name: 'calls' }
  | { name: 'knowledge' }
  | { name: 'articles' }
  | { name: 'usage' };

/** The route a hash names; anything unknown is the ticket list. */
export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (path[0] === 'new') return { name: 'new' };
  if (path[0] === 'conflicts') return { name: 'conflicts' };
  if (path[0] === 'calls') return { name: 'calls' };
  if (path[0] === 'knowledge') return { name: 'knowledge' };
  if (path[0] === 'articles') return { name: 'articles' };
  if (path[0] === 'knowledge-usage') return { name: 'usage' };
  if (path[0] === 'tickets' && path[1]) return { name: 'ticket', id: decodeURIComponent(path[1]) };
  return { name: 'tickets' };
};

/** The hash of a route (for links). */
export const hrefOf = (r: Route): string =>
  r.name === 'ticket' ? `#/tickets/${encodeURIComponent(r.id)}` : r.name === 'tickets' ? '#/tickets' : r.name === 'usage' ? '#/knowledge-usage' : `#/${r.name}`;

/** Goes to a route (a new history entry). */
export const navigate = (r: Route): void => {
  window.location.hash = hrefOf(r);
};

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current route; re-renders on navigation. */
export const useRoute = (): Route => {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
};
