import { describe, expect, it } from 'vitest';
import { type CapAlert, emitCap, parseCap } from '../src/index.ts';
import { BASE_ALERT } from './alert-xml.ts';

const base = (): CapAlert => {
  const [alert] = parseCap(BASE_ALERT);
  if (!alert) throw new Error('test setup: base alert did not parse');
  return alert;
};

describe('emitCap', () => {
  it('writes a CAP 1.2 document in the schema order, escaping what XML needs', () => {
    const alert = base();
    const info = alert.info[0];
    if (!info) throw new Error('test setup');
    info.description = 'A & B < C ]]> D\r\nline two';
    info.area[0] = { ...(info.area[0] ?? { areaDesc: '', polygon: [], circle: [], geocode: [] }), altitude: 1e-7 };
    const xml = emitCap(alert);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/,
    );
    expect(xml).toContain('<description>A &amp; B &lt; C ]]&gt; D&#13;\nline two</description>');
    expect(xml.indexOf('<identifier>')).toBeLessThan(xml.indexOf('<sender>'));
    expect(xml).toContain('<language>en-US</language>');
    expect(xml).toContain('<altitude>0.0000001</altitude>');
    expect(parseCap(xml)[0]?.info[0]?.description).toBe('A & B < C ]]> D\r\nline two');
  });

  it('writes lists with CAP quoting and references as sender,identifier,sent groups', () => {
    const alert: CapAlert = {
      ...base(),
      msgType: 'Cancel',
      scope: 'Private',
      addresses: ['a@x', 'Crisis Cell'],
      references: [{ sender: 's@x', identifier: 'ID-1', sent: '2024-05-01T09:00:00-00:00' }],
    };
    const xml = emitCap(alert);
    expect(xml).toContain('<addresses>a@x "Crisis Cell"</addresses>');
    expect(xml).toContain('<references>s@x,ID-1,2024-05-01T09:00:00-00:00</references>');
  });

  it('never writes a signature', () => {
    expect(emitCap({ ...base(), signed: true })).not.toContain('Signature');
  });

  it.each<[string, (a: CapAlert) => unknown, RegExp]>([
    ['a missing field', ({ sent: _sent, ...rest }) => rest, /sent/],
    ['an unknown field', (a) => ({ ...a, priority: 1 }), /priority|additional/i],
    ['a bad enumeration', (a) => ({ ...a, status: 'Real' }), /status/],
    ['a Z time', (a) => ({ ...a, sent: '2024-05-01T10:00:00Z' }), /sent/],
    ['Update without references', (a) => ({ ...a, msgType: 'Update' }), /requires <references>/],
    ['an open polygon', (a) => withArea(a, { polygon: ['1,1 2,2 3,3 4,4'] }), /not closed/],
    ['a ceiling below the altitude', (a) => withArea(a, { altitude: 10, ceiling: 5 }), /below altitude/],
    ['an altitude of 1e300', (a) => withArea(a, { altitude: 1e300 }), /at most 18/],
    ['a control character', (a) => ({ ...a, note: 'bell \u0007' }), /XML 1.0 cannot carry/],
    ['a lone surrogate', (a) => ({ ...a, note: 'half \uD800' }), /XML 1.0 cannot carry/],
    ['an address with a quote and a space', (a) => ({ ...a, addresses: ['say "hi" there'] }), /double quote/],
    ['not an object', () => 'alert', /not a CAP alert object/],
  ])('refuses %s with CapError invalid-alert', (_name, mutate, message) => {
    expect(() => emitCap(mutate(base()) as CapAlert)).toThrow(
      expect.objectContaining({ code: 'invalid-alert', message: expect.stringMatching(message) }),
    );
  });
});

function withArea(alert: CapAlert, patch: Partial<CapAlert['info'][number]['area'][number]>): CapAlert {
  return {
    ...alert,
    info: alert.info.map((info) => ({ ...info, area: info.area.map((area) => ({ ...area, ...patch })) })),
  };
}
