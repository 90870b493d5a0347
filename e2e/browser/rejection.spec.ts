/**
 * Bad input and refused mutations (issue 2): the capture form explains mistakes in the
 * agent's language and keeps what was typed; a mutation the server refuses stays visible on
 * its ticket with the reason, editable and resubmittable — nothing the agent typed is lost.
 */
import { CapturePage, Shell, SignInPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test } from './support/fixtures';
import { DEFAULT_TOUCHPOINTS } from '../../src-shared/desk/touchpoint';

test('a ticket refused by the server stays on screen with the reason and is resubmitted after an edit', async ({ desk }) => {
  const seat = await openSeat(desk.url);
  const page = seat.page;
  await new SignInPage(page).signIn('1001', 'agent1001');
  const shell = new Shell(page);
  await shell.expectSync(/Online/);

  // While the agent is offline, the admin withdraws business 4002 (network consultation).
  await seat.context.setOffline(true);
  await shell.expectSync(/Offline/);
  const admin = await DeskApi.signIn(desk.url, 'admin', 'admin1234');
  const withdrawn = { ...DEFAULT_TOUCHPOINTS, businesses: DEFAULT_TOUCHPOINTS.businesses.filter((b) => b.code !== '4002') };
  expect((await admin.post('/api/admin/settings/touchpoints', withdrawn, 'PUT')).status).toBe(200);

  await shell.goNewTicket();
  await new CapturePage(page).create({ subject: '5G signal weak at home', callerName: '周敏', business: /^4002/, description: '家里 5G 信号只有一格' });
  await seat.context.setOffline(false);
  await shell.expectSync(/Online, 1 rejected/);

  // The refusal is on the ticket with the server's reason; what the agent typed is all there.
  const rejected = page.getByRole('region', { name: 'Rejected changes' });
  await expect(rejected).toContainText('UNKNOWN_TOUCHPOINT');
  await expect(rejected.getByLabel('Subject')).toHaveValue('5G signal weak at home');
  await expect(rejected.getByLabel('Caller name')).toHaveValue('周敏');
  await expect(rejected.getByLabel('Description')).toHaveValue('家里 5G 信号只有一格');

  // The agent picks a business the desk still has and resubmits.
  const business = rejected.getByLabel('Business');
  await business.selectOption((await business.locator('option').filter({ hasText: /^4001/ }).first().getAttribute('value')) ?? '');
  await rejected.getByRole('button', { name: 'Resubmit' }).click();
  await shell.expectSync(/^Sync status: Online$/);

  const api = await DeskApi.signIn(desk.url, '1001', 'agent1001');
  const found = (await api.tickets()).filter((t) => t.subject === '5G signal weak at home');
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ touchpoint: 'AA4001', callerName: '周敏', description: '家里 5G 信号只有一格' });
  await seat.close();
});

test('the capture form explains mistakes in Chinese and keeps what was typed', async ({ desk }) => {
  const seat = await openSeat(desk.url, 'zh-CN');
  const page = seat.page;
  await page.getByLabel('工号').fill('1002');
  await page.getByLabel('密码').fill('agent1002');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('status', { name: /^同步状态：在线/ })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('navigation').getByRole('link', { name: '新建工单' }).click();
  await page.getByLabel('姓名').fill('刘强');
  await page.getByLabel('电子邮箱').fill('liuqiang-at-example');
  await page.getByLabel('描述').fill('笔记本无法连接无线网络');
  await page.getByRole('button', { name: '保存工单' }).click();

  // Two mistakes, each explained next to its field in Chinese; nothing typed is lost, nothing saved.
  await expect(page.getByLabel('电子邮箱')).toBeFocused();
  await expect(page.getByLabel('电子邮箱')).toHaveAccessibleDescription('电子邮箱格式不正确。');
  await expect(page.getByLabel('主题')).toHaveAccessibleDescription('必填。');
  await expect(page.getByLabel('姓名')).toHaveValue('刘强');
  await expect(page.getByLabel('描述')).toHaveValue('笔记本无法连接无线网络');
  await expect(page.getByRole('status', { name: /^同步状态：在线$/ })).toBeVisible();

  await page.getByLabel('主题').fill('无线网络连接失败');
  await page.getByLabel('电子邮箱').fill('liuqiang@example.com');
  await page.getByRole('button', { name: '保存工单' }).click();
  await expect(page.getByRole('heading', { name: /^工单/ })).toBeVisible();
  await seat.close();
});
