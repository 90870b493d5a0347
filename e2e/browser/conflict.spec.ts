/**
 * Two agents reassign the same ticket while one of them is offline (issue 2): both see the
 * conflict with both sides, one of them resolves it, and the server holds the decision.
 */
import { Shell, SignInPage, CapturePage, TicketDetailPage, TicketListPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test } from './support/fixtures';

test('concurrent reassignment opens a conflict both agents see; one resolves it', async ({ desk }) => {
  const a = await openSeat(desk.url);
  const b = await openSeat(desk.url);
  await new SignInPage(a.page).signIn('1001', 'agent1001');
  await new SignInPage(b.page).signIn('1002', 'agent1002');
  const shellA = new Shell(a.page);
  const shellB = new Shell(b.page);
  await shellA.expectSync(/Online/);
  await shellB.expectSync(/Online/);

  // Wang Fang captures a ticket for the L1 group; Li Na's workstation receives it.
  await shellA.goNewTicket();
  await new CapturePage(a.page).create({ subject: 'Shared printer offline', group: 'L1' });
  await shellB.goTickets();
  await new TicketListPage(b.page).open('Shared printer offline');
  await expect(b.page.getByRole('heading', { name: /^Ticket #\d+/ })).toBeVisible();

  // Li Na loses the network and takes the ticket herself.
  await b.context.setOffline(true);
  await new TicketDetailPage(b.page).assign('L1', '李娜 Li Na (1002)');
  await shellB.expectSync(/Offline, 1 waiting/);

  // Meanwhile Wang Fang hands it to the expert.
  await shellA.goTickets();
  await new TicketListPage(a.page).open('Shared printer offline');
  await new TicketDetailPage(a.page).assign('L1 expert', '张伟 Zhang Wei (2001)');
  await expect(a.page.getByRole('region', { name: 'Assignment' })).toContainText('Now with: L1 expert / 张伟 Zhang Wei (2001)');
  await shellA.expectSync(/^Sync status: Online$/);

  // Li Na comes back: her change is applied and a conflict opens; both of them see it.
  await b.context.setOffline(false);
  await shellB.expectSync(/Online, 1 conflict/);
  await shellA.expectSync(/Online, 1 conflict/);

  await shellB.goConflicts();
  const conflictB = b.page.getByRole('article', { name: /Shared printer offline/ });
  await expect(conflictB).toContainText('张伟 Zhang Wei (2001)');
  await expect(conflictB).toContainText('李娜 Li Na (1002)');

  // Wang Fang decides: the expert keeps it.
  await shellA.goConflicts();
  const conflictA = a.page.getByRole('article', { name: /Shared printer offline/ });
  await conflictA.getByRole('button', { name: /^Keep L1 expert \/ 张伟 Zhang Wei \(2001\)/ }).click();
  await shellA.expectSync(/^Sync status: Online$/);
  await shellB.expectSync(/^Sync status: Online$/);

  const api = await DeskApi.signIn(desk.url, '9001', 'super9001');
  const t = (await api.tickets()).find((x) => x.subject === 'Shared printer offline');
  expect(t).toBeDefined();
  const detail = await api.ticket(t!.id);
  expect(detail.conflicts).toHaveLength(1);
  expect(detail.conflicts[0]!.status).toBe('resolved');
  expect(detail.conflicts[0]!.resolution?.assigneeId).toBe(detail.ticket.assigneeId);
  const expertApi = await DeskApi.signIn(desk.url, '2001', 'expert2001');
  expect(detail.ticket.assigneeId).toBe(expertApi.session.user.id);
  await a.close();
  await b.close();
});
