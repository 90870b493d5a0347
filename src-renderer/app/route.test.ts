import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route';

describe('routes', () => {
  it('round-trips every screen through the hash', () => {
    const routes: Route[] = [{ name: 'tickets' }, { name: 'new' }, { name: 'conflicts' }, { name: 'calls' }, { name: 'knowledge' }, { name: 'articles' }, { name: 'usage' }, { name: 'ticket', id: '0190f0f0-0000-7000-8000-000000000001' }];
    for (const r of routes) expect(parseRoute(hrefOf(r))).toEqual(r);
  });

  it('falls back to the ticket list', () => {
    expect(parseRoute('')).toEqual({ name: 'tickets' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'tickets' });
    expect(parseRoute('#/tickets/')).toEqual({ name: 'tickets' });
  });
});
