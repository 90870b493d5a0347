/**
 * The desk server dies after committing a push but before answering it (issue 2): the
 * workstation resends when the server is back and the server answers "duplicate" from its
 * stored result — the ticket exists once, created once.
 */
import { CapturePage, Shell, SignInPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { DeskServer } from './support/desk-server';
import { expect, openSeat, test } from './support/fixtures';

test('a server killed after committing a push but before replying leaves no duplicate', async () => {
  // Test-only fault hook: the server process exits right after the first push that applied something commits.
  const desk = await DeskServer.start({ FIRSTLINE_FAULT: 'exit-after-commit' });
  try {
    const seat = await openSeat(desk.url);
    await new SignInPage(seat.page).signIn('1001', 'agent1001');
    const shell = new Shell(seat.page);
    await shell.expectSync(/Online/);

    const exited = desk.exited();
    await shell.goNewTicket();
    await new CapturePage(seat.page).create({ subject: 'Committed but never answered' });
    expect(await exited).toBe(137);

    // The workstation never got the answer: the mutation is still waiting.
    await shell.expectSync(/Offline, 1 waiting/);

    await desk.up();
    await shell.expectSync(/^Sync status: Online$/);

    const api = await DeskApi.signIn(desk.url, '1001', 'agent1001');
    const found = (await api.tickets()).filter((t) => t.subject === 'Committed but never answered');
    expect(found).toHaveLength(1);
    const d = await api.ticket(found[0]!.id);
    expect(d.history.filter((h) => h.field === 'created')).toHaveLength(1);
    await seat.close();
  } finally {
    await desk.stop();
  }
});
