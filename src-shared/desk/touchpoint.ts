/**
 * Touchpoint codes (接触点编码): channel letter + brand letter + 4-digit business code WXYZ,
 * where W is the business kind. A desk edits its own lists; the defaults are a hotline's.
 */
export type Channel = { letter: string; name: string; nameZh: string };
export type Brand = { letter: string; name: string; nameZh: string };
export type Business = { code: string; name: string; nameZh: string };
export type TouchpointLists = { channels: Channel[]; brands: Brand[]; businesses: Business[] };

/** W of WXYZ: what kind of business it is. */
export const BUSINESS_KINDS = {
  '1': { name: 'handling', nameZh: '受理' },
  '2': { name: 'query', nameZh: '查询' },
  '3': { name: 'verification', nameZh: '查对' },
  '4': { name: 'consultation', nameZh: '咨询' },
  '5': { name: 'complaint', nameZh: '投诉' },
} as const;
export type BusinessKind = keyof typeof BUSINESS_KINDS;

export const TOUCHPOINT_RE = /^[A-Z][A-Z][1-5]\d{3}$/;

export const DEFAULT_TOUCHPOINTS: TouchpointLists = {
  channels: [
    { letter: 'A', name: 'Phone (agent)', nameZh: '人工电话' },
    { letter: 'B', name: 'IVR self-service', nameZh: 'IVR自助' },
    { letter: 'C', name: 'Internet', nameZh: '互联网' },
  ],
  brands: ['A', 'B', 'C', 'D', 'E'].map((l) => ({ letter: l, name: `Brand ${l}`, nameZh: `品牌${l}` })),
  businesses: [
    { code: '1001', name: 'Open a line', nameZh: '开户' },
    { code: '1002', name: 'Suspend service', nameZh: '停机' },
    { code: '1003', name: 'Change plan', nameZh: '套餐变更' },
    { code: '2001', name: 'Bill query', nameZh: '话费查询' },
    { code: '2002', name: 'Usage query', nameZh: '用量查询' },
    { code: '3001', name: 'Bill verification', nameZh: '话费查对' },
    { code: '4001', name: 'Plan consultation', nameZh: '业务咨询' },
    { code: '4002', name: 'Network consultation', nameZh: '网络咨询' },
    { code: '5001', name: 'Service complaint', nameZh: '服务投诉' },
    { code: '5002', name: 'Network quality complaint', nameZh: '网络质量投诉' },
  ],
};

/** Splits a code into its parts, or null when it is not of the form. */
export const parseTouchpoint = (code: string): { channel: string; brand: string; business: string; kind: BusinessKind } | null => {
  if (!TOUCHPOINT_RE.test(code)) return null;
  return { channel: code[0]!, brand: code[1]!, business: code.slice(2), kind: code[2] as BusinessKind };
};

/** Whether `code` names a channel, brand and business that exist in the desk's lists. */
export const isKnownTouchpoint = (code: string, lists: TouchpointLists): boolean => {
  const p = parseTouchpoint(code);
  return (
    p !== null &&
    lists.channels.some((c) => c.letter === p.channel) &&
    lists.brands.some((b) => b.letter === p.brand) &&
    lists.businesses.some((b) => b.code === p.business)
  );
};

/** The default code for a phone call to the hotline: human phone, brand A, the first business. */
export const DEFAULT_TOUCHPOINT = 'AA4001';
