import {
  CertificateHolderMatchSchema,
  CertificateKindSchema,
  CertificateSignerSchema,
  HealthCertificatePageSchema,
  HealthCertificateSchema,
  IssueCertificateBodySchema,
  RevocationListSchema,
  RevokeCertificateBodySchema,
  TrustListSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import {
  findCertificateHolders,
  issueCertificate,
  listSigners,
  myCertificates,
  revokeCertificateById,
  rotateCountrySigner,
  rotateSigner,
  searchCertificates,
  viewCertificate,
} from './certificates.service.ts';
import {
  type Published,
  publishBusinessRules,
  publishCscaHandovers,
  publishGatewayTrustList,
  publishRevocationList,
  publishSignedTrustList,
  publishTrustList,
} from './certificates.trust-list.ts';

const SignedTrustListSchema = Type.Object({
  format: Type.Literal('homeward-signed-trust-list/1'),
  jws: Type.String({ description: 'Compact JWS: header (alg ES256, kid, x5c) . trust list JSON . signature' }),
});

const CscaHandoversSchema = Type.Object({
  format: Type.Literal('homeward-csca-handovers/1'),
  handovers: Type.Array(
    Type.String({
      description:
        'Compact JWS signed by the replaced CSCA (x5c): { format: "homeward-csca-handover/1", previous, next, issuedAt }',
    }),
  ),
});

const BusinessRulesSchema = Type.Object({
  format: Type.Literal('homeward-business-rules/1'),
  updatedAt: Type.String(),
  destinations: Type.Array(
    Type.Object({
      country: Type.String(),
      name: Type.Record(Type.String(), Type.String()),
      rules: Type.Array(
        Type.Object(
          { id: Type.String(), kind: Type.String() },
          {
            additionalProperties: true,
            description:
              'kind: accepted-types, vaccination-complete, vaccination-age, test-max-age, test-negative, recovery-valid',
          },
        ),
      ),
    }),
  ),
});

const GatewayTrustListItemSchema = Type.Object({
  kid: Type.String(),
  timestamp: Type.String(),
  country: Type.String(),
  certificateType: Type.Literal('DSC'),
  thumbprint: Type.String({ description: 'SHA-256 of the DER, hex' }),
  signature: Type.String({
    description: 'base64 DER of a detached CMS SignedData (RFC 5652) by the CSCA over the DER of rawData',
  }),
  rawData: Type.String({ description: 'Base64 DER' }),
});

// The role gate ran before the handler, so there is an actor; record-level rules are in certificates.policy.ts.
const gated = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const ISSUERS_AND_HQ = rolesOnly('health_issuer', 'hq_admin');

/** Public lists: cacheable by anyone (verifiers keep them offline), 304 when the verifier's copy is current. */
function sendPublished<T>(request: FastifyRequest, reply: FastifyReply, published: Published<T>) {
  reply
    .header('etag', published.etag)
    .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
    .header('access-control-allow-origin', '*');
  if (request.headers['if-none-match'] === published.etag) return reply.code(304).send();
  return reply.send(published.body);
}

export async function certificatesRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/certificates/trust-list',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: 'Signer certificates (CSCA and DSC) a health-certificate verifier must trust; no personal data',
        response: { 200: TrustListSchema, 304: Type.Null() },
      },
    },
    async (request, reply) =>
      sendPublished(request, reply, await publishTrustList(app.ctx.db, app.ctx.config.state.code)),
  );

  app.get(
    '/api/v1/certificates/trust-list/signed',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: 'The trust list as a compact JWS (ES256) signed by the country signing CA, its certificate in x5c',
        response: { 200: SignedTrustListSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => sendPublished(request, reply, await publishSignedTrustList(app.ctx.db, app.ctx.config)),
  );

  app.get(
    '/api/v1/certificates/trust-list/dcc-gateway',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: "Document signers in the EU DCC gateway's /trustList shape, each with the CSCA's CMS signature",
        response: { 200: Type.Array(GatewayTrustListItemSchema), 304: Type.Null() },
      },
    },
    async (request, reply) => sendPublished(request, reply, await publishGatewayTrustList(app.ctx.db, app.ctx.config)),
  );

  app.get(
    '/api/v1/certificates/csca-handovers',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: 'CSCA hand-over statements (oldest first): a verifier that pinned an older CSCA follows them',
        response: { 200: CscaHandoversSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => sendPublished(request, reply, await publishCscaHandovers(app.ctx.db)),
  );

  app.get(
    '/api/v1/certificates/business-rules',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: 'Business rules per destination (e.g. a test no older than 48 h) that the verifier page applies',
        response: { 200: BusinessRulesSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => sendPublished(request, reply, publishBusinessRules()),
  );

  app.get(
    '/api/v1/certificates/revocation-list',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['certificates'],
        summary: 'Hashes of the UCIs of revoked certificates (EU DCC revocation, UCI hash type)',
        response: { 200: RevocationListSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => sendPublished(request, reply, await publishRevocationList(app.ctx.db)),
  );

  app.post(
    '/api/v1/certificates',
    {
      config: { policy: rolesOnly('health_issuer') },
      schema: {
        tags: ['certificates'],
        summary: 'Issue a vaccination, test or recovery certificate (health issuers)',
        body: IssueCertificateBodySchema,
        response: { 201: HealthCertificateSchema },
      },
    },
    async (request, reply) => {
      const created = await issueCertificate(
        app.ctx.db,
        app.ctx.config,
        gated(request.user),
        request.body,
        auditSource(request),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/certificates',
    {
      config: { policy: ISSUERS_AND_HQ },
      schema: {
        tags: ['certificates'],
        summary: 'Search certificates by name or UCI, newest first (health issuers, HQ); audited',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            type: Type.Optional(CertificateKindSchema),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: HealthCertificatePageSchema },
      },
    },
    async (request) => searchCertificates(app.ctx.db, gated(request.user), request.query, auditSource(request)),
  );

  app.get(
    '/api/v1/certificates/holders',
    {
      config: { policy: rolesOnly('health_issuer') },
      schema: {
        tags: ['certificates'],
        summary: 'Registered persons with this passport number, to issue a certificate for (health issuers); audited',
        querystring: Type.Object(
          { passportNumber: Type.String({ minLength: 5, maxLength: 40, pattern: '^[A-Za-z0-9 ]+$' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(CertificateHolderMatchSchema) },
      },
    },
    async (request) =>
      findCertificateHolders(app.ctx.db, gated(request.user), request.query.passportNumber, auditSource(request)),
  );

  app.get(
    '/api/v1/certificates/mine',
    {
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags: ['certificates'],
        summary: 'The certificates issued to the signed-in citizen (their wallet)',
        response: { 200: Type.Array(HealthCertificateSchema) },
      },
    },
    async (request) => myCertificates(app.ctx.db, gated(request.user)),
  );

  app.get(
    '/api/v1/certificates/:id',
    {
      config: { policy: rolesOnly('health_issuer', 'hq_admin', 'citizen') },
      schema: {
        tags: ['certificates'],
        summary: 'One certificate; 404 when it does not exist or is not the caller’s',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: HealthCertificateSchema },
      },
    },
    async (request) => viewCertificate(app.ctx.db, gated(request.user), request.params.id, auditSource(request)),
  );

  app.post(
    '/api/v1/certificates/:id/revoke',
    {
      config: { policy: ISSUERS_AND_HQ },
      schema: {
        tags: ['certificates'],
        summary: 'Revoke a certificate with a reason; its UCI hash joins the revocation list; audited',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: RevokeCertificateBodySchema,
        response: { 200: HealthCertificateSchema },
      },
    },
    async (request) =>
      revokeCertificateById(
        app.ctx.db,
        gated(request.user),
        request.params.id,
        request.body.reason,
        auditSource(request),
      ),
  );

  app.get(
    '/api/v1/certificates/signers',
    {
      config: { policy: rolesOnly('hq_admin') },
      schema: {
        tags: ['certificates'],
        summary: 'The signing keys (CSCA and document signers), the one in use first, with certificates signed (HQ)',
        response: { 200: Type.Array(CertificateSignerSchema) },
      },
    },
    async (request) => listSigners(app.ctx.db, gated(request.user)),
  );

  app.post(
    '/api/v1/certificates/signers/rotate',
    {
      config: { policy: rolesOnly('hq_admin') },
      schema: {
        tags: ['certificates'],
        summary: 'Replace the document signer; the old one stays trusted while its certificates are valid (HQ)',
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ kid: Type.String(), notBefore: Type.String(), notAfter: Type.String() }),
        },
      },
    },
    async (request) =>
      rotateSigner(app.ctx.db, app.ctx.config, gated(request.user), request.body.reason, auditSource(request)),
  );

  app.post(
    '/api/v1/certificates/signers/rotate-csca',
    {
      config: { policy: rolesOnly('hq_admin') },
      schema: {
        tags: ['certificates'],
        summary:
          'Replace the country signing CA and the document signer; the old CSCA signs a hand-over statement (HQ)',
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            csca: Type.Object({ kid: Type.String(), notBefore: Type.String(), notAfter: Type.String() }),
            dsc: Type.Object({ kid: Type.String(), notAfter: Type.String() }),
          }),
        },
      },
    },
    async (request) =>
      rotateCountrySigner(app.ctx.db, app.ctx.config, gated(request.user), request.body.reason, auditSource(request)),
  );
}
