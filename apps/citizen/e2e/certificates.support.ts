import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/src/modules/demo/demo.accounts.ts';

/** The demo health issuer, signed in over HTTP (password, then the authenticator code), issuing through the API. */
export class HealthIssuer {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  /** Signs in a staff account with the demo authenticator: the health issuer, or another (e.g. HQ's admin). */
  static async signIn(baseUrl: string, email = 'health@demo.homeward.example'): Promise<HealthIssuer> {
    const post = (url: string, body: unknown) =>
      fetch(new URL(url, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward' },
        body: JSON.stringify(body),
      });
    const first = await post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    const { challenge } = (await first.json()) as { challenge: string };
    const second = await post('/api/v1/auth/totp', { challenge, code: await generate({ secret: DEMO_TOTP_SECRET }) });
    if (second.status !== 200) throw new Error(`sign-in failed: ${second.status} ${await second.text()}`);
    const cookie = second.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return new HealthIssuer(baseUrl, cookie);
  }

  async post<T>(url: string, body: unknown): Promise<T> {
    const response = await fetch(new URL(url, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward', cookie: this.cookie },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A completed vaccination course for 张三丰, optionally for a registered person (their wallet shows it). */
  issueVaccination(personId?: string): Promise<{ id: string; hc1: string }> {
    return this.post('/api/v1/certificates', {
      type: 'v',
      ...(personId ? { personId } : {}),
      holder: {
        familyName: '张',
        givenName: '三丰',
        familyNameLatin: 'Zhang',
        givenNameLatin: 'Sanfeng',
        birthDate: '1980-04-12',
      },
      vaccination: { vp: 'J07BX03', mp: 'EU/1/20/1528', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2026-10-01', co: 'CN' },
    });
  }

  revoke(id: string, reason: string): Promise<unknown> {
    return this.post(`/api/v1/certificates/${id}/revoke`, { reason });
  }
}
