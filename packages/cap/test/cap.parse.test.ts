import { describe, expect, it } from 'vitest';
import { type CapErrorCode, parseCap } from '../src/index.ts';
import { BASE_ALERT, BASE_ALERT_ELEMENT, edxl } from './alert-xml.ts';

const change = (from: string | RegExp, to: string): string => {
  const xml = BASE_ALERT.replace(from, to);
  if (xml === BASE_ALERT) throw new Error(`test setup: ${String(from)} not found`);
  return xml;
};

function expectRejected(xml: string | Uint8Array, code: CapErrorCode, message?: RegExp): void {
  let error: unknown;
  try {
    parseCap(xml);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a CapError').toMatchObject({ name: 'CapError', code });
  if (message) expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('\n');
}

describe('parseCap: the alert', () => {
  it('reads a minimal alert into the documented JSON shape', () => {
    expect(parseCap(BASE_ALERT)).toEqual([
      {
        identifier: 'HW-2024-0001',
        sender: 'alerts@homeward.example',
        sent: '2024-05-01T10:00:00+02:00',
        status: 'Actual',
        msgType: 'Alert',
        scope: 'Public',
        addresses: [],
        code: [],
        references: [],
        incidents: [],
        signed: false,
        info: [
          {
            language: 'en-US',
            category: ['Safety'],
            event: 'Civil unrest',
            responseType: [],
            urgency: 'Expected',
            severity: 'Severe',
            certainty: 'Likely',
            eventCode: [],
            parameter: [],
            resource: [],
            area: [
              {
                areaDesc: 'Old town',
                polygon: ['38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14'],
                circle: ['38.5,-120.0 5.5'],
                geocode: [],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('splits quoted address lists and references', () => {
    const [alert] = parseCap(
      change('<scope>Public</scope>', '<scope>Private</scope><addresses>a@x "Crisis Cell" b@y</addresses>')
        .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
        .replace(
          '<info>',
          '<references>s@x,ID-1,2024-05-01T09:00:00+02:00  s@x,ID-2,2024-05-01T09:30:00+02:00</references><info>',
        ),
    );
    expect(alert?.addresses).toEqual(['a@x', 'Crisis Cell', 'b@y']);
    expect(alert?.references.map((r) => r.identifier)).toEqual(['ID-1', 'ID-2']);
  });

  it('keeps text exactly, including CDATA, comments between text and character references', () => {
    const [alert] = parseCap(
      change('<event>Civil unrest</event>', '<event> Riots &amp; <![CDATA[<looting>]]><!-- c -->&#233;</event>'),
    );
    expect(alert?.info[0]?.event).toBe(' Riots & <looting>é');
  });

  it('reads numbers, and collapses whitespace where the XSD does', () => {
    const area = '<circle> 38.5,-120.0\n 5.5 </circle><altitude> +100 </altitude><ceiling>250.50</ceiling>';
    const [alert] = parseCap(change('<circle>38.5,-120.0 5.5</circle>', area));
    expect(alert?.info[0]?.area[0]).toMatchObject({ circle: ['38.5,-120.0 5.5'], altitude: 100, ceiling: 250.5 });
  });

  it('accepts an empty <references/> on a new alert (real ECCC feeds send it)', () => {
    expect(parseCap(change('<scope>Public</scope>', '<scope>Public</scope><references/>'))[0]?.references).toEqual([]);
  });
});

describe('parseCap: spec rules the XSD cannot check', () => {
  it.each([
    [
      'Update without references',
      change('<msgType>Alert</msgType>', '<msgType>Update</msgType>'),
      /Update requires <references>/,
    ],
    ['Cancel without references', change('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>'), /Cancel requires/],
    [
      'a malformed reference',
      change('<scope>Public</scope>', '<scope>Public</scope><references>s@x,ID-1</references>'),
      /sender,identifier,sent/,
    ],
    [
      'a reference with a Z time',
      change('<scope>Public</scope>', '<scope>Public</scope><references>s@x,I,2024-05-01T09:00:00Z</references>'),
      /"Z"/,
    ],
    [
      'Private scope without addresses',
      change('<scope>Public</scope>', '<scope>Private</scope>'),
      /Private requires <addresses>/,
    ],
    [
      'Restricted scope without restriction',
      change('<scope>Public</scope>', '<scope>Restricted</scope>'),
      /Restricted requires/,
    ],
    ['an identifier with a space', change('HW-2024-0001', 'HW 2024'), /identifier/],
    ['a sender with a comma', change('alerts@homeward.example', 'a,b'), /sender/],
    ['a polygon of three pairs', change(/<polygon>[^<]*/, '<polygon>1,1 2,2 1,1'), /at least 4/],
    ['an open polygon', change(/<polygon>[^<]*/, '<polygon>1,1 2,2 3,1 1,2'), /not closed/],
    ['a polygon with a trailing comma', change(/<polygon>[^<]*/, '<polygon>1,1 2,2, 3,1 1,1'), /lat,lon/],
    ['a latitude beyond 90', change(/<polygon>[^<]*/, '<polygon>91,1 2,2 3,1 91,1'), /latitude/],
    ['a circle without radius', change('<circle>38.5,-120.0 5.5', '<circle>38.5,-120.0'), /circle/],
    ['a circle with a negative radius', change('<circle>38.5,-120.0 5.5', '<circle>38.5,-120.0 -1'), /radius/],
    [
      'a ceiling without altitude',
      change('</area>', '<ceiling>10</ceiling></area>'),
      /only be used together with <altitude>/,
    ],
    ['a relative web address', change('</certainty>', '</certainty><web>www.example.org</web>'), /absolute URI/],
    [
      'a mimeType that is not type/subtype',
      change('<area>', '<resource><resourceDesc>map</resourceDesc><mimeType>map</mimeType></resource><area>'),
      /mimeType/,
    ],
  ])('rejects %s', (_name, xml, message) => expectRejected(xml, 'rule', message));
});

describe('parseCap: what the XSD checks', () => {
  it.each([
    ['a Z time', change('+02:00</sent>', 'Z</sent>'), /numeric offset/],
    ['fractional seconds', change('10:00:00+02:00</sent>', '10:00:00.5+02:00</sent>'), /fractional/],
    ['a time without offset', change('10:00:00+02:00</sent>', '10:00:00</sent>'), /YYYY-MM-DD/],
    ['a 30th of February', change('2024-05-01T', '2024-02-30T'), /not a real date/],
    ['an offset beyond 14 hours', change('+02:00</sent>', '+15:00</sent>'), /not a real date/],
    ['an unknown status', change('<status>Actual</status>', '<status>actual</status>'), /not one of/],
    ['padding around an enumeration', change('<status>Actual</status>', '<status> Actual</status>'), /not one of/],
    ['an unknown category', change('<category>Safety</category>', '<category>Weather</category>'), /category/],
    ['a missing scope', change('<scope>Public</scope>', ''), /missing the required element <scope>/],
    ['a missing info category', change('<category>Safety</category>', ''), /missing the required element <category>/],
    [
      'elements out of order',
      change('<status>Actual</status>\n  <msgType>Alert</msgType>', '<msgType>Alert</msgType><status>Actual</status>'),
      /out of order/,
    ],
    [
      'a repeated single element',
      change('<event>Civil unrest</event>', '<event>a</event><event>b</event>'),
      /only once/,
    ],
    [
      'an unknown CAP element',
      change('<scope>Public</scope>', '<scope>Public</scope><priority>1</priority>'),
      /unexpected element <priority>/,
    ],
    [
      'a foreign element',
      change('<scope>Public</scope>', '<scope>Public</scope><x:y xmlns:x="urn:x"/>'),
      /unexpected element/,
    ],
    ['an attribute', change('<event>', '<event lang="en">'), /attribute "lang"/],
    ['stray text', change('<info>', 'hello<info>'), /stray text/],
    ['an element inside a text element', change('<event>Civil unrest</event>', '<event><b>x</b></event>'), /text only/],
    [
      'a non-integer size',
      change(
        '<area>',
        '<resource><resourceDesc>m</resourceDesc><mimeType>image/png</mimeType><size>1.5</size></resource><area>',
      ),
      /integer/,
    ],
    ['an empty language', change('<category>', '<language></language><category>'), /language/],
    [
      'a signature before info',
      change('<info>', '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/><info>'),
      /after the signature/,
    ],
  ])('rejects %s', (_name, xml, message) => expectRejected(xml, 'schema', message));

  it('accepts xsi:schemaLocation without following it', () => {
    const xml = change(
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:oasis:names:tc:emergency:cap:1.2 http://127.0.0.1:9/cap.xsd">',
    );
    expect(parseCap(xml)).toHaveLength(1);
  });
});

describe('parseCap: envelopes', () => {
  it('returns each alert of an <alerts> wrapper', () => {
    const second = BASE_ALERT_ELEMENT.replace('HW-2024-0001', 'HW-2024-0002');
    const xml = `<alerts xmlns="urn:oasis:names:tc:emergency:cap:1.2">${BASE_ALERT_ELEMENT}${second}</alerts>`;
    expect(parseCap(xml).map((a) => a.identifier)).toEqual(['HW-2024-0001', 'HW-2024-0002']);
  });

  it('returns the CAP alerts of an EDXL-DE envelope and skips other content', () => {
    const second = BASE_ALERT_ELEMENT.replace('HW-2024-0001', 'HW-2024-0002');
    expect(parseCap(edxl(BASE_ALERT_ELEMENT, second)).map((a) => a.identifier)).toEqual([
      'HW-2024-0001',
      'HW-2024-0002',
    ]);
  });

  it('refuses the whole envelope when one alert is invalid', () => {
    const bad = BASE_ALERT_ELEMENT.replace('<status>Actual</status>', '<status>Real</status>');
    expectRejected(edxl(BASE_ALERT_ELEMENT, bad), 'schema', /EDXLDistribution\/alert\[1\]/);
  });

  it.each([
    ['an EDXL-DE envelope without CAP', edxl(), /carries no CAP 1.2 alert/],
    ['CAP 1.1', BASE_ALERT.replace('cap:1.2', 'cap:1.1'), /older CAP version/],
    ['a wrong namespace', BASE_ALERT.replace('emergency:cap:1.2', 'emergency:alerts:1.2'), /not the CAP 1.2 namespace/],
    ['another document', '<html><body/></html>', /root element <html>/],
    [
      'an <alerts> wrapper with something else',
      `<alerts xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note/></alerts>`,
      /only <alert>/,
    ],
  ])('rejects %s', (_name, xml, message) => expectRejected(xml, 'not-cap', message));
});

describe('parseCap: hostile and broken input', () => {
  it('refuses DOCTYPEs and entities before parsing, so nothing is fetched', () => {
    const xxe = BASE_ALERT.replace(
      '<alert ',
      '<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % r SYSTEM "http://127.0.0.1:9/x">%r;]>\n<alert ',
    ).replace('Civil unrest', 'Civil unrest&xxe;');
    expectRejected(xxe, 'doctype-forbidden', /DOCTYPE/);
    expectRejected(`<!-- hi --><?pi x?>\n<!doctype alert SYSTEM "x.dtd">${BASE_ALERT_ELEMENT}`, 'doctype-forbidden');
    // Billion laughs never gets to expand.
    expectRejected(`<!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><a>&b;</a>`, 'doctype-forbidden');
  });

  it.each([
    ['an undefined entity', change('Civil unrest', 'Civil &nbsp; unrest')],
    ['a mismatched tag', change('</event>', '</evnt>')],
    ['an unbound prefix', change('<scope>Public</scope>', '<scope>Public</scope><x:a/>')],
    ['text after the root', `${BASE_ALERT}trailing`],
    ['an empty document', ''],
    ['a truncated document', BASE_ALERT.slice(0, 300)],
  ])('rejects %s as malformed', (_name, xml) => expectRejected(xml, 'malformed-xml'));

  it('bounds size, depth and time', () => {
    expect(() => parseCap(BASE_ALERT, { maxBytes: 100 })).toThrow(/larger than the 100-byte limit/);
    expectRejected(new Uint8Array(6 * 1024 * 1024), 'input-too-large');
    const deep = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`;
    expectRejected(deep, 'too-deep');
    expect(() => parseCap(BASE_ALERT, { timeoutMs: -1 })).toThrow(expect.objectContaining({ code: 'timeout' }));
  });
});
