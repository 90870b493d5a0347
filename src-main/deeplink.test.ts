import { describe, expect, it } from 'vitest';
import { dialFromArgv, parseDialUrl } from './deeplink';

describe('tel: links', () => {
  it.each([
    ['tel:+49-30-1234567', '+49301234567'],
    ['tel:+1 (201) 555-0123', '+12015550123'],
    ['tel:+86%20010%206123%204567', '+8601061234567'],
    ['TEL:010.6123.4567', '01061234567'],
    ['tel:+1-201-555-0123;ext=1234', '+12015550123'],
    ['tel:7042;phone-context=example.com', '7042'],
    ['tel://12345', '12345'],
    ['tel:*67#', '*67#'],
    ['tel:%2B4930123', '+4930123'],
  ])('%s → %s', (url, number) => {
    expect(parseDialUrl(url)).toEqual({ scheme: 'tel', number });
  });

  it.each([
    'tel:',
    'tel:+',
    'tel:1-800-FLOWERS',
    'tel:abc',
    'tel:12 34\n56',
    'tel:123%0a456',
    'tel:%E0%A4%A',
    'tel:++4930',
    'tel:49+30',
    `tel:${'1'.repeat(33)}`,
    'tel:<script>',
    'tel:javascript:alert(1)',
  ])('rejects %j', (url) => {
    expect(parseDialUrl(url)).toBeNull();
  });
});

describe('sip: links', () => {
  it('keeps user and host, drops parameters and headers', () => {
    expect(parseDialUrl('sip:1001@PBX.example.com;transport=ws?subject=hi')).toEqual({
      scheme: 'sip',
      uri: 'sip:1001@pbx.example.com',
      user: '1001',
      host: 'pbx.example.com',
    });
  });

  it.each([
    ['sip:alice@example.com', 'sip:alice@example.com'],
    ['sip:+4930123@10.0.0.5:5060', 'sip:+4930123@10.0.0.5:5060'],
    ['sip:bob@[2001:db8::1]', 'sip:bob@[2001:db8::1]'],
    ['sip:%2A98@pbx', 'sip:*98@pbx'],
    ['sip:%23123@pbx', 'sip:%23123@pbx'],
    ['sip:1001;user=phone@pbx.example.com', 'sip:1001@pbx.example.com'],
  ])('%s → %s', (url, uri) => {
    expect(parseDialUrl(url)).toMatchObject({ scheme: 'sip', uri });
  });

  it.each([
    'sip:',
    'sip:pbx.example.com',
    'sip:@pbx.example.com',
    'sip:alice:secret@example.com',
    'sip:al ice@example.com',
    'sip:alice@',
    'sip:alice@exa mple.com',
    'sip:alice@-bad-.com',
    'sip:alice@example.com:99999',
    'sip:alice%0d%0aVia:evil@example.com',
    'sip:<b>@example.com',
  ])('rejects %j', (url) => {
    expect(parseDialUrl(url)).toBeNull();
  });
});

describe('other input', () => {
  it.each(['https://example.com/tel:123', 'callto:123', 'sips:1@x', 'file:///tel:1', '', `tel:${'1'.repeat(600)}`])('rejects %j', (url) => {
    expect(parseDialUrl(url)).toBeNull();
  });
});

describe('argv (Windows/Linux protocol launch)', () => {
  it('finds the link among the arguments', () => {
    expect(dialFromArgv(['C:\\Program Files\\Firstline\\Firstline.exe', '--allow-file-access-from-files', 'tel:+4930123'])).toEqual({
      scheme: 'tel',
      number: '+4930123',
    });
    expect(dialFromArgv(['/usr/bin/electron', '/app/out/main/index.js', 'sip:1001@pbx'])).toMatchObject({ uri: 'sip:1001@pbx' });
  });

  it('returns null without a link or with a junk one', () => {
    expect(dialFromArgv(['/opt/Firstline/firstline', '--no-sandbox'])).toBeNull();
    expect(dialFromArgv(['/opt/Firstline/firstline', 'tel:call-me-maybe'])).toBeNull();
  });
});
