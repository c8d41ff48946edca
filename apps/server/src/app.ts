import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import helmet from 'helmet';
import type { App, AppContext } from './http/app-types.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerRequestHooks } from './http/hooks.ts';
import { registerIdempotency, withIdempotencyKeyDocumented } from './http/idempotency.ts';
import { fastUuidV7 } from './http/ids.ts';
import { handleError, sendProblem } from './http/problem.ts';
import { validatorCompiler } from './http/validation.ts';
import { nudgeLive } from './live/live.hub.ts';
import { liveRoutes } from './live/live.routes.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { advisoriesRoutes } from './modules/advisories/advisories.routes.ts';
import { alertsRoutes } from './modules/alerts/alerts.routes.ts';
import { appointmentsRoutes } from './modules/appointments/appointments.routes.ts';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { enterprisesRoutes } from './modules/businesses/businesses.enterprises.routes.ts';
import { businessesRoutes } from './modules/businesses/businesses.routes.ts';
import { campaignsCitizenRoutes } from './modules/campaigns/campaigns.citizen.routes.ts';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes.ts';
import { registerCaseAccountHooks } from './modules/cases/cases.account-hooks.ts';
import { casesRoutes } from './modules/cases/cases.routes.ts';
import { certificatesRoutes } from './modules/certificates/certificates.routes.ts';
import { checkinsRoutes } from './modules/checkins/checkins.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { guidanceRoutes } from './modules/guidance/guidance.routes.ts';
import { helpRequestsRoutes } from './modules/help-requests/help-requests.routes.ts';
import { hotlineRoutes } from './modules/hotline/hotline.routes.ts';
import { incidentsRoutes } from './modules/incidents/incidents.routes.ts';
import { metaRoutes } from './modules/meta/meta.routes.ts';
import { missionsRoutes } from './modules/missions/missions.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { passkeysRoutes } from './modules/passkeys/passkeys.routes.ts';
import { placesRoutes } from './modules/places/places.routes.ts';
import { registrantsRoutes } from './modules/registrants/registrants.routes.ts';
import { registerRegistryAccountHooks } from './modules/registry/registry.account-hooks.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { savedViewsRoutes } from './modules/saved-views/saved-views.routes.ts';
import { applicationsRoutes } from './modules/services/applications.routes.ts';
import { servicesRoutes } from './modules/services/services.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { targetingRoutes } from './modules/targeting/targeting.routes.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { WEB_APPS } from './web/web-apps.ts';

export interface BuildAppOptions {
  /** A pino logger; none means silent (tests). */
  logger?: FastifyBaseLogger;
  /** Serve the built browser apps (default: when their dist folders exist). */
  serveWebApps?: boolean;
}

const API_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics'];

/** Assembles the HTTP API around a context; the caller listens and closes. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: true,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,64}$/.test(incoming) ? incoming : fastUuidV7();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(handleError);
  // An empty JSON body (a bodiless POST from fetch with a JSON content type) reads as no body;
  // anything else goes through Fastify's own parser, which also refuses prototype poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined);
    parseJson(request, body as string, done); // parseAs: 'string' above
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  // A change answered by this process is committed: open live streams look for its case events now
  // rather than at the next poll (decision 0012).
  app.addHook('onResponse', (request, reply, done) => {
    if (request.method !== 'GET' && reply.statusCode < 300) nudgeLive(ctx.db);
    done();
  });
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeTable.push({ method, url: route.url, policy: route.config?.policy ?? null });
    const isApi = API_PREFIXES.some((p) => route.url.startsWith(p));
    if (isApi && !route.config?.policy && !route.url.startsWith('/api/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no policy`);
    }
  });

  // Security headers. @fastify/helmet builds helmet's middleware afresh on every request (about 7% of the CPU
  // of a help-request intake, decision 0012); built once here, each request only gets its headers set.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)),
  );
  await app.register(fastifyCookie);
  registerRequestHooks(app);
  registerIdempotency(app);

  await app.register(fastifySwagger, {
    // Routes that accept an Idempotency-Key (decision 0010) say so in the document.
    transform: ({ schema, url, route }) => ({
      schema: route.config?.idempotent && schema ? withIdempotencyKeyDocumented(schema) : schema,
      url,
    }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Homeward API',
        version: '0.1.0',
        description: 'Consular services, protection of nationals abroad and travel health certificates.',
      },
      tags: [
        { name: 'meta', description: 'Service configuration and reference data' },
        { name: 'missions', description: 'Diplomatic missions and consular districts' },
        { name: 'auth', description: 'Sessions' },
        { name: 'audit', description: 'Tamper-evident audit log' },
        { name: 'accounts', description: 'Citizen accounts: sign-up, verification, profile, export, deletion' },
        { name: 'passkeys', description: 'Passkeys (WebAuthn) for citizens' },
        { name: 'cases', description: 'Consular protection and assistance cases' },
        { name: 'incidents', description: 'Major emergencies grouping many cases, with a board' },
        { name: 'dashboard', description: 'Case dashboard for headquarters and mission heads' },
        { name: 'saved-views', description: 'Saved filters of staff lists, private to each person' },
        { name: 'hotline', description: 'The 24/7 hotline: call log, caller lookup, knowledge base, statistics' },
        { name: 'certificates', description: 'Health certificates (EU DCC): issuing, trust list, revocation' },
        { name: 'staff', description: 'Staff accounts, roles and missions (HQ administrators)' },
        { name: 'tokens', description: 'API tokens for other systems' },
        { name: 'organisations', description: 'Organisation accounts of enterprises abroad: sites, staff lists' },
        { name: 'enterprises', description: 'Enterprises abroad as staff see them, per country and site' },
        { name: 'registrants', description: 'Registered nationals for staff: map counts, table, person page, export' },
        { name: 'registry', description: 'A citizen’s own registration: profile, family, contacts, presences' },
        { name: 'places', description: 'Countries’ regions and cities from the offline gazetteer' },
        { name: 'advisories', description: 'Travel advisories: level 1–4 per country and region, with history' },
        { name: 'alerts', description: 'Safety alerts (four eyes, CAP 1.2, Atom), incoming CAP, check-ins' },
        { name: 'notifications', description: 'Inbox, Web Push devices, channel order and the delivery dashboard' },
        { name: 'services', description: 'Online consular services: the catalogue and applications' },
        { name: 'campaigns', description: 'Campaigns such as vaccination abroad: sites, registrations, doses' },
        { name: 'operations', description: 'Health and metrics' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { policy: { access: 'public' } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes);
  await app.register(metaRoutes);
  await app.register(missionsRoutes);
  await app.register(appointmentsRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(accountsRoutes);
  await app.register(passkeysRoutes);
  await app.register(staffRoutes);
  await app.register(tokensRoutes);
  await app.register(casesRoutes);
  await app.register(incidentsRoutes);
  await app.register(dashboardRoutes);
  await app.register(savedViewsRoutes);
  await app.register(helpRequestsRoutes);
  await app.register(attachmentsRoutes);
  await app.register(liveRoutes);
  await app.register(businessesRoutes);
  await app.register(enterprisesRoutes);
  await app.register(certificatesRoutes);
  await app.register(registrantsRoutes);
  await app.register(placesRoutes);
  await app.register(registryRoutes);
  await app.register(targetingRoutes);
  await app.register(hotlineRoutes);
  await app.register(advisoriesRoutes);
  await app.register(alertsRoutes);
  await app.register(checkinsRoutes);
  await app.register(guidanceRoutes);
  await app.register(notificationsRoutes);
  await app.register(servicesRoutes);
  await app.register(applicationsRoutes);
  await app.register(campaignsRoutes);
  await app.register(campaignsCitizenRoutes);
  registerCaseAccountHooks();
  registerRegistryAccountHooks();

  const serveWeb = options.serveWebApps ?? true;
  const webDirs = serveWeb
    ? (['citizen', 'console'] as const).filter((name) => existsSync(path.join(WEB_APPS[name].dist, 'index.html')))
    : [];
  for (const [index, name] of webDirs.entries()) {
    await app.register(fastifyStatic, {
      root: WEB_APPS[name].dist,
      prefix: WEB_APPS[name].prefix,
      decorateReply: index === 0,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        // Hashed assets never change; the shell, manifest and service worker must be revalidated.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    const isApi = API_PREFIXES.some((p) => url.startsWith(p));
    if (wantsPage && !isApi) {
      // Client-side routes of the single-page apps: answer with the app shell, the app shows its own 404.
      const app = url.startsWith('/console') ? 'console' : 'citizen';
      if ((webDirs as readonly string[]).includes(app)) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html', WEB_APPS[app].dist);
      }
    }
    return sendProblem(request, reply, 404, 'route_not_found', { detail: `${request.method} ${url}` });
  });

  return app;
}
