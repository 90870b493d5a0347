/**
 * Knowledge for the desk's managers: an admin edits an article in the web UI (each save a
 * revision; a stale save is refused and keeps the text), imports a Markdown file; a supervisor
 * searches usage by work number and content; agents see neither screen; the admin has no phone bar.
 */
import { randomUUID } from 'node:crypto';
import { Shell, SignInPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test } from './support/fixtures';

type Article = { id: string; slug: string; title: string; body: string; revision: number; category: string; language: string; tags: string[]; touchpoints: string[]; status: string };

test('an admin edits and imports articles with revisions kept; a supervisor searches usage; agents see neither', async ({ desk }) => {
  const admin = await DeskApi.signIn(desk.url, 'admin', 'admin1234');
  const target = (await admin.get<{ articles: Article[] }>('/api/knowledge/articles')).articles.find((a) => a.language === 'en' && a.status === 'published')!;

  const seat = await openSeat(desk.url);
  const page = seat.page;
  await new SignInPage(page).signIn('admin', 'admin1234');
  await new Shell(page).expectSync(/Online/);
  // An admin takes no calls: no phone bar, no agent state reported to the desk.
  await expect(page.getByRole('region', { name: 'Telephony' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Articles' }).click();
  await expect(page.getByRole('heading', { name: 'Knowledge articles', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: `Edit ${target.title}` }).click();
  const editor = page.getByRole('form', { name: `Edit ${target.title}` });
  await editor.getByLabel('Title').fill(`${target.title} (checked)`);
  await editor.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByText('Saved as revision 2.')).toBeVisible();

  // Someone else saves meanwhile: this save is refused, and what the admin typed stays.
  const full = await admin.get<Article>(`/api/knowledge/articles/${target.id}`);
  const { id: _id, revision, ...rest } = full;
  expect((await admin.post(`/api/knowledge/articles/${target.id}`, { ...rest, body: `${rest.body}\nEdited elsewhere.`, baseRevision: revision }, 'PUT')).status).toBe(200);
  await page.getByLabel('Body (Markdown)').fill('Our own steps, typed here.');
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('alert')).toContainText('Someone saved this article meanwhile');
  await expect(page.getByLabel('Body (Markdown)')).toHaveValue('Our own steps, typed here.');
  await page.getByRole('button', { name: 'Reload article' }).click();
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByText('Saved as revision 4.')).toBeVisible();
  const saved = await admin.get<Article & { revisions: { revision: number }[] }>(`/api/knowledge/articles/${target.id}`);
  expect(saved.body).toBe('Our own steps, typed here.');
  expect(saved.revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4]);
  await expect(page.getByLabel('Preview').or(page.locator('.kb-preview'))).toContainText('Our own steps, typed here.');

  // Import a Markdown file from the screen.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Files to import').setInputFiles({ name: 'toner-low-en.md', mimeType: 'text/markdown', buffer: Buffer.from('---\ncategory: printing\nlanguage: en\n---\n# Toner low on the 3F printer\n\nOrder a cartridge.\n') });
  await expect(page.getByText('Imported: 1 new, 0 updated, 0 unchanged.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Toner low on the 3F printer' })).toBeVisible();
  await seat.close();

  // An agent used and rated an article (as its workstation would push it).
  const agent = await DeskApi.signIn(desk.url, '1001', 'agent1001');
  const at = new Date().toISOString();
  const records = [
    { id: randomUUID(), kind: 'articleUse', at, action: 'used', articleId: target.id, revision: 4, ticketId: null },
    { id: randomUUID(), kind: 'articleFeedback', at, articleId: target.id, revision: 4, helpful: false, comment: '步骤不适用于新型号', ticketId: null },
  ];
  expect((await agent.post('/api/sync/records', { clientId: randomUUID(), records })).status).toBe(200);

  const sup = await openSeat(desk.url);
  await new SignInPage(sup.page).signIn('9001', 'super9001');
  await new Shell(sup.page).expectSync(/Online/);
  await expect(sup.page.getByRole('link', { name: 'Articles' })).toHaveCount(0);
  await sup.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge usage' }).click();
  await sup.page.getByLabel('Work number').fill('1001');
  await sup.page.getByRole('button', { name: 'Search usage' }).click();
  const table = sup.page.getByRole('table', { name: 'Knowledge usage' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Used for a ticket');
  await expect(table).toContainText('Feedback: Not helpful');
  await sup.page.getByLabel('Work number').fill('');
  await sup.page.getByLabel('Content (article or comment)').fill('新型号');
  await sup.page.getByRole('button', { name: 'Search usage' }).click();
  await expect(table.getByRole('row')).toHaveCount(2);
  await sup.close();

  const ag = await openSeat(desk.url);
  await new SignInPage(ag.page).signIn('1001', 'agent1001');
  await new Shell(ag.page).expectSync(/Online/);
  await expect(ag.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Articles|Knowledge usage/ })).toHaveCount(0);
  await ag.close();
});
