/**
 * Knowledge (issue 4): search while the desk server is down, suggestions while typing a
 * ticket, feedback and "used for this ticket" given offline reaching the server once it is
 * back, an article edited on the server showing changed after sync, and a hostile article
 * that stays inert.
 */
import { CapturePage, KnowledgePage, Shell, SignInPage, TicketDetailPage } from './pages/workstation';
import { DeskApi } from './support/api';
import { expect, openSeat, test, waitForOfflineShell } from './support/fixtures';

type Article = { id: string; slug: string; title: string; body: string; revision: number; category: string; language: string; tags: string[]; touchpoints: string[]; status: string };
type UsageRow = { action: string; articleTitle: string | null; ticketId: string | null; helpful: boolean | null; comment: string | null; user: { workNumber: string } };

test('searches offline, suggests while typing, and feedback and use given offline reach the server', async ({ desk }) => {
  const seat = await openSeat(desk.url);
  const page = seat.page;
  await new SignInPage(page).signIn('1001', 'agent1001');
  const shell = new Shell(page);
  await shell.expectSync(/Online/);
  await waitForOfflineShell(page);
  const kb = new KnowledgePage(page);
  await shell.goKnowledge();
  await expect(page.getByText(/articles on this workstation/)).toContainText(/1\d\d articles/);

  await desk.kill();
  await shell.expectSync(/Offline/);

  // Search as you type, from the keyboard, in Chinese, with the server down.
  await shell.goTickets();
  await kb.search('打印机脱机');
  await expect(page.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  await expect(kb.results().first()).toBeVisible();
  await expect(kb.results().first()).toContainText('脱机');
  await expect(kb.results().first().locator('mark').first()).toBeVisible();
  const article = await kb.open(/^Open .*脱机/);
  await expect(article.locator('.article-body')).not.toBeEmpty();
  await kb.feedback(article, true, '步骤清楚，重启后恢复');
  await shell.expectSync(/Offline, [1-9]\d* waiting/);

  // A filter by business type and language.
  await kb.searchBox().fill('password');
  await page.getByLabel('Article language').selectOption('en');
  await expect(kb.results().first()).toBeVisible();
  for (const r of await kb.results().all()) await expect(r).toContainText('English');

  // Suggestions appear while typing a ticket's description, without searching.
  await shell.goNewTicket();
  const capture = new CapturePage(page);
  await capture.fill({ subject: 'VPN 连不上', description: '在家用VPN一直连接失败，提示证书错误' });
  await expect(kb.suggestions().getByRole('button', { name: /^Open .*VPN/ }).first()).toBeVisible();
  await capture.save();
  await expect(page.getByRole('heading', { name: /^Ticket/ })).toBeVisible();

  // On the ticket: open a suggested article and record it as used for this ticket.
  const suggested = kb.suggestions().getByRole('button', { name: /^Open .*VPN/ }).first();
  const usedTitle = ((await suggested.getAttribute('aria-label')) ?? '').replace(/^Open /, '');
  await suggested.click();
  const inPanel = kb.suggestions().locator('article.kb-article');
  await inPanel.getByRole('button', { name: 'Used for this ticket' }).click();
  await expect(inPanel.getByText('Recorded as used for this ticket.')).toBeVisible();
  await new TicketDetailPage(page).addNote('按文章步骤重新导入证书');

  // The server comes back: everything reaches it.
  await desk.up();
  await shell.expectSync(/^Sync status: Online$/);
  const sup = await DeskApi.signIn(desk.url, '9001', 'super9001');
  const rows = (await sup.get<{ rows: UsageRow[] }>('/api/knowledge/usage?workNumber=1001')).rows;
  const fb = rows.filter((r) => r.action === 'feedback');
  expect(fb).toHaveLength(1);
  expect(fb[0]).toMatchObject({ helpful: true, comment: '步骤清楚，重启后恢复' });
  expect(fb[0]!.articleTitle).toContain('脱机');
  const used = rows.filter((r) => r.action === 'used');
  expect(used).toHaveLength(1);
  expect(used[0]!.articleTitle).toBe(usedTitle);
  const api = await DeskApi.signIn(desk.url, '1001', 'agent1001');
  const ticket = (await api.tickets()).find((t) => t.subject === 'VPN 连不上')!;
  expect(used[0]!.ticketId).toBe(ticket.id);
  expect(rows.filter((r) => r.action === 'opened').length).toBeGreaterThanOrEqual(2);
});

test('an article edited on the server shows changed in the results after sync; a hostile article stays inert', async ({ desk }) => {
  const seat = await openSeat(desk.url);
  const page = seat.page;
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  await new SignInPage(page).signIn('1001', 'agent1001');
  const shell = new Shell(page);
  await shell.expectSync(/Online/);
  const kb = new KnowledgePage(page);
  await kb.search('mailbox full');
  await expect(kb.results().first()).toBeVisible();

  const admin = await DeskApi.signIn(desk.url, 'admin', 'admin1234');
  const list = (await admin.get<{ articles: Article[] }>('/api/knowledge/articles')).articles;
  const target = list.find((a) => a.language === 'en' && a.category === 'email' && a.status === 'published')!;
  const full = await admin.get<Article>(`/api/knowledge/articles/${target.id}`);
  const { id: _id, revision, ...rest } = full;
  const saved = await admin.post<Article>(`/api/knowledge/articles/${target.id}`, { ...pick(rest), title: 'Mailbox full: archive to the Zebra folder', baseRevision: revision }, 'PUT');
  expect(saved.status).toBe(200);

  // The poke brings the change; the index updates; the results show the new title.
  await kb.searchBox().fill('zebra');
  await expect(kb.results().first()).toHaveAccessibleName('Open Mailbox full: archive to the Zebra folder');

  // A hostile article: script, handlers, javascript: links, frames, forms and images are all gone.
  const hostile = [
    '# Printer reset (hostile test)',
    '',
    'Reset the printer. <script>window.__pwned = "script"</script>',
    '',
    '<img src="x" onerror="window.__pwned = \'img\'"> <iframe src="javascript:window.__pwned=\'frame\'"></iframe>',
    '',
    '[click me](javascript:window.__pwned=%22link%22) <a href="javascript:window.__pwned=1" onclick="window.__pwned=2">second</a>',
    '',
    '<form action="https://evil.example/"><input name="pw"><button>Send</button></form> <svg onload="window.__pwned=3"></svg> <div style="position:fixed" onmouseover="window.__pwned=4">hover me</div>',
  ].join('\n');
  const imported = await admin.post<{ created: number }>('/api/knowledge/import', { markdown: [{ name: 'hostile-zebra-printer.md', text: `---\ncategory: printing\nlanguage: en\ntags: [zebra]\n---\n${hostile}\n` }] });
  expect(imported.body.created).toBe(1);
  await kb.searchBox().fill('hostile zebra');
  const article = await kb.open('Printer reset (hostile test)');
  const body = article.locator('.article-body');
  await expect(body).toContainText('Reset the printer.');
  await body.getByText('hover me').hover();
  await body.getByText('second').click({ modifiers: [] }).catch(() => undefined);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await body.locator('script, img, iframe, form, input, svg, [style], [onerror], [onclick], [onmouseover]').count()).toBe(0);
  for (const a of await body.locator('a').all()) expect((await a.getAttribute('href')) ?? '').not.toMatch(/^javascript:/i);
  expect(failures).toEqual([]);
});

const pick = (a: Omit<Article, 'id' | 'revision'>) => ({ slug: a.slug, title: a.title, body: a.body, category: a.category, language: a.language, tags: a.tags, touchpoints: a.touchpoints, status: a.status });
