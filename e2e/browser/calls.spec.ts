/**
 * The softphone's screens in the browser host on a desk without telephony (issue 3, UI): the
 * phone bar is always there and says why Ready is unavailable; Not Ready reasons reach the desk
 * as presence; the call log takes a call taken on another phone, also while the desk server is
 * down, and each reaches the server exactly once. Real calls are exercised against the lab.
 */
import { CallsPage, PhoneBar, Shell, SignInPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test } from './support/fixtures';

test('the phone bar explains a desk without telephony; Not Ready reasons reach the desk; a call taken elsewhere is logged', async ({ desk }) => {
  const seat = await openSeat(desk.url);
  const page = seat.page;
  await new SignInPage(page).signIn('1001', 'agent1001');
  await new Shell(page).expectSync(/Online/);

  const bar = new PhoneBar(page);
  await expect(bar.region()).toBeVisible();
  await expect(bar.agentState()).toHaveAccessibleName('Agent state: Not Ready — just signed in');
  await expect(bar.telephony()).toHaveAccessibleName('Telephony: not configured');
  await expect(page.getByText('Telephony is not configured for this desk')).toBeVisible();
  await expect(page.getByLabel('Change state').locator('option', { hasText: 'Ready (unavailable)' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeDisabled();

  await bar.chooseState('Not Ready — Meal');
  await expect(bar.agentState()).toHaveAccessibleName('Agent state: Not Ready — Meal');
  const supervisor = await DeskApi.signIn(desk.url, '9001', 'super9001');
  await expect
    .poll(async () => {
      const floor = await supervisor.get<{ agents: { workNumber: string; state: string; reason: string | null }[] }>('/api/presence');
      const me = floor.agents.find((a) => a.workNumber === '1001');
      return me ? `${me.state} ${me.reason}` : 'absent';
    })
    .toBe('not_ready meal');

  const calls = new CallsPage(page);
  await calls.open();
  await expect(page.getByText('No calls yet.')).toBeVisible();
  await calls.logOtherPhoneCall({ number: 'abc' });
  await expect(page.getByText('Only digits, spaces and + - ( ) # * are allowed.')).toBeVisible();
  await calls.logOtherPhoneCall({ number: '13800138000', minutes: '4', notes: '手机接听：打印机卡纸' });
  await expect(page.getByText('The call was added to the call log.')).toBeVisible();
  const row = calls.log().getByRole('row').filter({ hasText: '13800138000' });
  await expect(row).toContainText('Answered');
  await expect(row).toContainText('4:00');
  await expect(row).toContainText('Taken on another phone');
  await expect(row.getByRole('button', { name: 'Call 13800138000' })).toBeDisabled();
  // the whole row reads at 1280 px: the log fits its card, its last column (the notes) is not scrolled out of sight
  await expect(row.getByText('手机接听：打印机卡纸')).toBeInViewport({ ratio: 1 });

  // kept on the workstation across a reload
  await page.reload();
  await new CallsPage(page).open();
  await expect(calls.log().getByRole('row').filter({ hasText: '手机接听：打印机卡纸' })).toBeVisible();

  // The desk server goes down: a call logged now waits, survives a reload, and reaches it once it is back.
  const shell = new Shell(page);
  await shell.expectSync(/^Sync status: Online$/);
  await desk.kill();
  await shell.expectSync(/Offline/);
  await calls.logOtherPhoneCall({ number: '010-61234567', direction: 'Out', minutes: '2', notes: '停电期间回访' });
  await shell.expectSync(/Offline, 1 waiting/);
  await page.reload();
  await shell.expectSync(/Offline, 1 waiting/);
  await desk.up();
  await shell.expectSync(/^Sync status: Online$/);
  const logged = await supervisor.get<{ calls: { number: string; direction: string; talkSeconds: number; notes: string | null; source: string }[] }>('/api/calls?workNumber=1001');
  expect(logged.calls.map((c) => [c.number, c.direction, c.talkSeconds, c.notes, c.source]).sort()).toEqual([
    ['010-61234567', 'outbound', 120, '停电期间回访', 'other_phone'],
    ['13800138000', 'inbound', 240, '手机接听：打印机卡纸', 'other_phone'],
  ]);
  await seat.close();
});
