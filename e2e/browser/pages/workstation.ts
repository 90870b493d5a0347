import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-in screen. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async signIn(workNumber: string, password: string): Promise<void> {
    await this.page.getByLabel('Work number').fill(workNumber);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  error(): Locator {
    return this.page.getByRole('alert');
  }
}

/** The shell around every screen: the sync indicator and the navigation. */
export class Shell {
  constructor(readonly page: Page) {}

  /** The sync indicator (role status, named "Sync status: …"). */
  sync(): Locator {
    return this.page.getByRole('status', { name: /^(Sync status|同步状态)/ });
  }

  async expectSync(pattern: RegExp): Promise<void> {
    await expect(this.sync()).toHaveAccessibleName(pattern, { timeout: 30_000 });
  }

  async goTickets(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
  }

  async goNewTicket(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New ticket' }).click();
  }

  async goConflicts(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Conflicts/ }).click();
  }

  async goKnowledge(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Knowledge' }).click();
  }
}

export type NewTicket = { subject: string; callerName?: string; organisation?: string; phone?: string; email?: string; description?: string; group?: string; business?: RegExp };

/** The capture form ("New ticket"). */
export class CapturePage {
  constructor(readonly page: Page) {}

  async fill(t: NewTicket): Promise<void> {
    const p = this.page;
    await p.getByLabel('Caller name').fill(t.callerName ?? '陈静');
    await p.getByLabel('Organisation').fill(t.organisation ?? '财务部');
    await p.getByLabel('Phone').fill(t.phone ?? '010-61234567');
    await p.getByLabel('E-mail').fill(t.email ?? '');
    await p.getByLabel('Subject').fill(t.subject);
    await p.getByLabel('Description').fill(t.description ?? '打印机每页都卡纸');
    if (t.group) await p.getByLabel('Group').selectOption({ label: t.group });
    if (t.business) {
      const business = p.getByLabel('Business');
      const option = business.locator('option').filter({ hasText: t.business });
      await business.selectOption(await option.first().getAttribute('value') ?? '');
    }
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save ticket' }).click();
  }

  /** Captures a ticket and waits for its detail screen. */
  async create(t: NewTicket): Promise<void> {
    await this.fill(t);
    await this.save();
    await expect(this.page.getByRole('heading', { name: /^Ticket/ })).toBeVisible();
  }
}

/** The ticket list. */
export class TicketListPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByRole('table', { name: 'Tickets' });
  }

  row(subject: string): Locator {
    return this.table().getByRole('row').filter({ has: this.page.getByRole('button', { name: subject, exact: true }) });
  }

  async open(subject: string): Promise<void> {
    await this.table().getByRole('button', { name: subject, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: /^Ticket/ })).toBeVisible();
  }
}

/** One ticket's detail screen. */
export class TicketDetailPage {
  constructor(readonly page: Page) {}

  async addNote(body: string): Promise<void> {
    await this.page.getByLabel('New note').fill(body);
    await this.page.getByRole('button', { name: 'Add note' }).click();
    await expect(this.page.getByLabel('New note')).toHaveValue('');
  }

  worklog(): Locator {
    return this.page.getByRole('region', { name: 'Worklog' });
  }

  async assign(group: string, assignee: string): Promise<void> {
    const section = this.page.getByRole('region', { name: 'Assignment' });
    await section.getByLabel('Group').selectOption({ label: group });
    await section.getByLabel('Assignee').selectOption({ label: assignee });
    await section.getByRole('button', { name: 'Assign' }).click();
  }

  rejected(): Locator {
    return this.page.getByRole('region', { name: 'Rejected changes' });
  }
}

/** The phone bar under the top bar: agent state, telephony status, calls, dial box. */
export class PhoneBar {
  constructor(readonly page: Page) {}

  region(): Locator {
    return this.page.getByRole('region', { name: 'Telephony' });
  }

  agentState(): Locator {
    return this.page.getByRole('status', { name: /^Agent state:/ });
  }

  telephony(): Locator {
    return this.page.getByRole('status', { name: /^Telephony:/ });
  }

  async chooseState(option: string): Promise<void> {
    await this.page.getByLabel(/^(Change state|After this call)$/).selectOption({ label: option });
  }
}

/** The Calls screen (#/calls): call log, "Log a call taken on another phone", devices. */
export class CallsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click();
    await expect(this.page.getByRole('heading', { name: 'Calls', level: 1 })).toBeVisible();
  }

  log(): Locator {
    return this.page.getByRole('table', { name: 'Call log' });
  }

  async logOtherPhoneCall(c: { number: string; direction?: 'In' | 'Out'; minutes?: string; notes?: string }): Promise<void> {
    const form = this.page.getByRole('region', { name: 'Log a call taken on another phone' });
    await form.getByLabel('Number').fill(c.number);
    if (c.direction) await form.getByLabel('Direction').selectOption({ label: c.direction });
    if (c.minutes !== undefined) await form.getByLabel('Duration (minutes)').fill(c.minutes);
    if (c.notes !== undefined) await form.getByLabel('Notes').fill(c.notes);
    await form.getByRole('button', { name: 'Add to call log' }).click();
  }
}

/** The Knowledge screen and the suggestions panel beside tickets. */
export class KnowledgePage {
  constructor(readonly page: Page) {}

  /** Puts the keyboard in the search box with the one-key shortcut, from wherever the agent is. */
  async focusSearch(): Promise<void> {
    await this.page.locator('body').press('/');
    await expect(this.searchBox()).toBeFocused();
  }

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search knowledge' });
  }

  async search(text: string): Promise<void> {
    await this.focusSearch();
    await this.page.keyboard.type(text);
  }

  /** The result buttons, in order (each named "Open <title>"). */
  results(): Locator {
    return this.page.locator('.kb-list').getByRole('button', { name: /^Open / });
  }

  async open(title: string | RegExp): Promise<Locator> {
    await this.page.getByRole('button', { name: typeof title === 'string' ? `Open ${title}` : title }).first().click();
    const article = this.page.locator('article.kb-article').first();
    await expect(article).toBeVisible();
    return article;
  }

  suggestions(): Locator {
    return this.page.getByRole('complementary', { name: 'Suggested articles' });
  }

  async feedback(article: Locator, helpful: boolean, comment: string): Promise<void> {
    await article.getByLabel('Comment (optional)').fill(comment);
    await article.getByRole('button', { name: helpful ? 'Helpful' : 'Not helpful', exact: true }).click();
    await expect(article.getByText('Thank you — your feedback is kept')).toBeVisible();
  }
}
