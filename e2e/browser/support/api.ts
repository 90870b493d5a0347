import type { SignInResponse, Ticket, WorklogEntry, HistoryEntry, Conflict } from '../../../src-shared';

/** A thin client of the desk server's HTTP API, used to check what actually reached the server. */
export class DeskApi {
  private constructor(readonly base: string, readonly token: string, readonly session: SignInResponse) {}

  static async signIn(base: string, workNumber: string, password: string): Promise<DeskApi> {
    const r = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber, password }) });
    if (!r.ok) throw new Error(`sign-in ${workNumber}: ${r.status} ${await r.text()}`);
    const s = (await r.json()) as SignInResponse;
    return new DeskApi(base, s.token, s);
  }

  async get<T>(path: string): Promise<T> {
    const r = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  async post<T>(path: string, body: unknown, method = 'POST'): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.base}${path}`, { method, headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as T };
  }

  tickets(): Promise<Ticket[]> {
    return this.get<Ticket[] | { tickets: Ticket[] }>('/api/tickets').then((r) => (Array.isArray(r) ? r : r.tickets));
  }

  ticket(id: string): Promise<{ ticket: Ticket; worklog: WorklogEntry[]; history: HistoryEntry[]; conflicts: Conflict[] }> {
    return this.get(`/api/tickets/${id}`);
  }
}
