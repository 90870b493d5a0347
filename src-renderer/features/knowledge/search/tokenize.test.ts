import { describe, expect, it } from 'vitest';
import { fold, queryTerms, stem, tokenize } from './tokenize';

describe('tokenize', () => {
  it('keeps desk words whole where the segmenter splits them', () => {
    expect(tokenize('打印机无法连接')).toEqual(expect.arrayContaining(['打印机', '打印', '无法', '连接']));
    expect(tokenize('携号转网需要什么条件')).toEqual(expect.arrayContaining(['携号转网']));
    expect(tokenize('停机保号')).toEqual(expect.arrayContaining(['停机保号', '停机']));
    expect(tokenize('流量包退订')).toEqual(expect.arrayContaining(['流量包', '退订']));
  });

  it('adds bigrams where the segmenter left single characters, so unknown words still match', () => {
    // 脱机 is not one ICU word: 提示|脱|机
    expect(tokenize('提示脱机')).toContain('脱机');
    // a word neither the dictionary nor the segmenter knows
    expect(tokenize('硒鼓更换')).toContain('硒鼓');
  });

  it('joins a lone character to the word before it (优先|级 → 优先级)', () => {
    expect(tokenize('身份证')).toContain('身份证');
  });

  it('folds case and width, and cuts mixed Chinese and English', () => {
    expect(tokenize('ＶＰＮ连接失败 Error 809')).toEqual(['vpn', 'error', '809', '连接', '失败']);
    expect(tokenize('Outlook邮箱密码')).toEqual(expect.arrayContaining(['outlook', '邮箱', '密码']));
    expect(fold('ＡＢＣ')).toBe('abc');
  });

  it('stems English lightly, to prefixes of the word', () => {
    expect(stem('printers')).toBe('printer');
    expect(stem('locked')).toBe('lock');
    expect(stem('setting')).toBe('set');
    expect(stem('batteries')).toBe(stem('battery'));
    for (const w of ['printers', 'locked', 'crashing', 'passwords', 'expired', 'queries']) expect(w.startsWith(stem(w))).toBe(true);
  });

  it('drops function words and joins hyphenated words', () => {
    expect(tokenize('How do I reset my password?')).toEqual(['reset', 'password']);
    expect(tokenize('Wi-Fi')).toEqual(['wi', 'wifi', 'fi']);
    expect(tokenize('怎么办理')).toEqual(['办理']);
  });

  it('keeps addresses and versions whole', () => {
    expect(tokenize('ping 192.168.1.10 on outlook.com v2.1')).toEqual(['ping', '192.168.1.10', 'outlook.com', 'v2.1']);
  });

  it('gives queries a lone character too, which the index leaves out', () => {
    expect(queryTerms('账号被锁了')).toEqual(expect.arrayContaining(['账号', '锁']));
    expect(tokenize('账号被锁了')).not.toContain('锁');
  });

  it('gives distinct query terms', () => {
    expect(queryTerms('vpn VPN Vpn')).toEqual(['vpn']);
    expect(queryTerms('')).toEqual([]);
    expect(queryTerms('，。！')).toEqual([]);
  });
});
