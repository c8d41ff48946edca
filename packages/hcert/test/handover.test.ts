import { describe, expect, it } from 'vitest';
import { fromPem, toBase64 } from '../src/bytes.ts';
import { CSCA_HANDOVER_FORMAT, followCscaHandovers, type SigningKey } from '../src/index.ts';
import { buildSigner } from './signer.factory.ts';

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

interface Ca {
  der: string;
  key: SigningKey;
}

async function buildCa(): Promise<Ca> {
  const signer = await buildSigner('ES256');
  const der = fromPem(signer.certificatePem, 'CERTIFICATE');
  if (!der) throw new Error('no certificate');
  return { der: toBase64(der), key: signer.signingKey };
}

/** A compact JWS as the server writes one: ES256, the signer's certificate in x5c. */
async function jws(signer: Ca, content: unknown): Promise<string> {
  const header = { alg: 'ES256', typ: 'JOSE', x5c: [signer.der] };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(content))}`;
  return `${input}.${base64url(await signer.key.sign(new TextEncoder().encode(input)))}`;
}

const handover = (from: Ca, to: Ca) =>
  jws(from, { format: CSCA_HANDOVER_FORMAT, previous: from.der, next: to.der, issuedAt: '2026-11-28T00:00:00Z' });

describe('followCscaHandovers', () => {
  it('moves from the pinned CSCA to a new one along signed statements, in any order, over several rotations', async () => {
    const [a, b, c] = [await buildCa(), await buildCa(), await buildCa()];
    const chain = [await handover(b, c), await handover(a, b)];
    expect(await followCscaHandovers(chain, a.der, c.der)).toBe(true);
    expect(await followCscaHandovers(chain, b.der, c.der)).toBe(true);
    expect(await followCscaHandovers([], c.der, c.der)).toBe(true);
  });

  it('refuses without a statement from the pinned CSCA, or with one a stranger signed or altered', async () => {
    const [a, b, stranger] = [await buildCa(), await buildCa(), await buildCa()];
    expect(await followCscaHandovers([], a.der, b.der)).toBe(false);
    // The stranger claims the pinned CSCA handed over to it, but signs with its own key.
    const forged = await jws(stranger, { format: CSCA_HANDOVER_FORMAT, previous: a.der, next: stranger.der });
    expect(await followCscaHandovers([forged], a.der, stranger.der)).toBe(false);
    // A genuine statement with its content swapped keeps its signature, which then no longer checks.
    const [header, , signature] = (await handover(a, b)).split('.');
    const swapped = base64url(JSON.stringify({ format: CSCA_HANDOVER_FORMAT, previous: a.der, next: stranger.der }));
    expect(await followCscaHandovers([`${header}.${swapped}.${signature}`], a.der, stranger.der)).toBe(false);
    // A statement by the pinned CSCA that names another predecessor, or another format, is no step.
    const wrongPrevious = await jws(a, { format: CSCA_HANDOVER_FORMAT, previous: b.der, next: b.der });
    const wrongFormat = await jws(a, { format: 'homeward-signed-trust-list/1', previous: a.der, next: b.der });
    expect(await followCscaHandovers([wrongPrevious, wrongFormat, 'not a jws', 42], a.der, b.der)).toBe(false);
    // Statements that lead elsewhere, even in a cycle, end the walk.
    expect(await followCscaHandovers([await handover(a, b), await handover(b, a)], a.der, stranger.der)).toBe(false);
  });
});
