/**
 * An agent in an outage (issue 2): the desk server dies; the agent keeps capturing tickets
 * and notes, reloads, even closes and reopens the browser — everything is still there and
 * shown as waiting; when the server is back, everything reaches it exactly once.
 */
import { CapturePage, Shell, SignInPage, TicketDetailPage, TicketListPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test, waitForOfflineShell } from './support/fixtures';

const SUBJECTS = ['打印机卡纸 3F', 'VPN cannot connect', '邮箱容量已满'];

test('tickets and notes captured during an outage survive reload and browser restart, then sync exactly once', async ({ desk }) => {
  const seat = await openSeat(desk.url);
  let page = seat.page;
  await new SignInPage(page).signIn('1001', 'agent1001');
  const shell = new Shell(page);
  await shell.expectSync(/Online/);
  await waitForOfflineShell(page);

  await desk.kill();
  await shell.expectSync(/Offline/);

  for (const [i, subject] of SUBJECTS.entries()) {
    await shell.goNewTicket();
    await new CapturePage(page).create({ subject, callerName: `来电人${i}` });
    await new TicketDetailPage(page).addNote(`note for ${subject}`);
  }
  await shell.expectSync(/Offline, 6 waiting/);

  // Reload while the server is down: the service worker serves the app, Dexie holds the work.
  await page.reload();
  await shell.expectSync(/Offline, 6 waiting/);
  // The phone engine's own frame cannot load with the desk down: the page runs the engine itself,
  // its code from the cache, and says why there is no telephony (not that the engine is missing).
  await expect(page.getByRole('status', { name: /^Telephony: settings unavailable/ })).toBeVisible({ timeout: 15_000 });
  await shell.goTickets();
  const list = new TicketListPage(page);
  for (const s of SUBJECTS) await expect(list.row(s)).toContainText('waiting to sync');

  // Close the browser and open it again on the same profile, still offline: the session is gone
  // with the browser, and the agent unlocks the workstation with the same password.
  page = await seat.reopen();
  await new SignInPage(page).signIn('1001', 'agent1001');
  await expect(page.getByText('Working offline')).toBeVisible();
  const shell2 = new Shell(page);
  await shell2.expectSync(/Offline, 6 waiting/);
  await shell2.goTickets();
  const list2 = new TicketListPage(page);
  for (const s of SUBJECTS) await expect(list2.row(s)).toContainText('waiting to sync');
  await list2.open(SUBJECTS[1]!);
  await expect(new TicketDetailPage(page).worklog()).toContainText(`note for ${SUBJECTS[1]}`);

  // The server comes back: everything syncs by itself.
  await desk.up();
  await shell2.expectSync(/^Sync status: Online$/);
  await shell2.goTickets();
  for (const s of SUBJECTS) await expect(list2.row(s)).not.toContainText('waiting to sync');

  // On the server exactly once: three tickets, one note each.
  const api = await DeskApi.signIn(desk.url, '1001', 'agent1001');
  const mine = (await api.tickets()).filter((t) => SUBJECTS.includes(t.subject));
  expect(mine.map((t) => t.subject).sort()).toEqual([...SUBJECTS].sort());
  for (const t of mine) {
    const d = await api.ticket(t.id);
    expect(d.worklog.map((w) => w.body)).toEqual([`note for ${t.subject}`]);
    expect(t.number).not.toBeNull();
  }
  await seat.close();
});
