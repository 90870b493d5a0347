/**
 * Knowledge articles (the process query platform of BRIEF: find a process by business type
 * and by keyword, evaluate it after use). An article is Markdown with metadata; only
 * `published` ones reach workstations. Every save makes a new revision (kept on the server
 * with its author and time).
 */
import { z } from 'zod';
import { TOUCHPOINT_RE } from '../desk/touchpoint';

export const ARTICLE_LANGUAGES = ['zh-CN', 'en'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** A knowledge category (business type). Desks can add their own; these are the defaults. */
export type KnowledgeCategory = { key: string; name: string; nameZh: string };

export const DEFAULT_CATEGORIES: KnowledgeCategory[] = [
  { key: 'accounts', name: 'Accounts and passwords', nameZh: '账号与密码' },
  { key: 'email', name: 'E-mail', nameZh: '电子邮件' },
  { key: 'network', name: 'Network and VPN', nameZh: '网络与VPN' },
  { key: 'printing', name: 'Printers and scanners', nameZh: '打印与扫描' },
  { key: 'desktop', name: 'Computers and software', nameZh: '电脑与软件' },
  { key: 'phone', name: 'Phones and mobile devices', nameZh: '电话与移动设备' },
  { key: 'billing', name: 'Bills and payments', nameZh: '账单与缴费' },
  { key: 'plans', name: 'Plans and services', nameZh: '套餐与业务' },
  { key: 'mobile-network', name: 'Mobile network quality', nameZh: '移动网络质量' },
  { key: 'complaints', name: 'Complaints and service', nameZh: '投诉与服务' },
  { key: 'desk-process', name: 'Desk procedures', nameZh: '服务台规程' },
];

/** A stable, human-readable key for an article (a file name on import): lowercase letters, digits, dashes. */
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const tag = z.string().trim().min(1).max(40);

/** What an author gives for an article (import and the editor). */
export const articleInputSchema = z.object({
  slug: z.string().regex(SLUG_RE, 'lowercase letters, digits and dashes').max(120),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(200_000),
  category: z.string().trim().min(1).max(60),
  /** Touchpoint codes (channel + brand + business, e.g. AA2001) the article serves. */
  touchpoints: z.array(z.string().regex(TOUCHPOINT_RE, 'a touchpoint code such as AA2001')).max(50).default([]),
  language: z.enum(ARTICLE_LANGUAGES),
  tags: z.array(tag).max(30).default([]),
  status: z.enum(ARTICLE_STATUSES).default('published'),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** An article as stored and synced. `revision` counts saves from 1; `version` is the desk version of the last write. */
export type Article = ArticleInput & {
  id: string;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  version: number;
};

/** The name of a category in the interface language (the key itself when the desk does not know it). */
export const categoryName = (key: string, lang: string, list: readonly KnowledgeCategory[] = DEFAULT_CATEGORIES): string => {
  const c = list.find((x) => x.key === key);
  if (!c) return key;
  return lang.startsWith('zh') ? c.nameZh : c.name;
};
