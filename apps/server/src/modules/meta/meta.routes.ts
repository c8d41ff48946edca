import { CountrySchema, LOCALES, MetaSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { PUBLIC } from '../../policy/route-policy.ts';
import { listCountries } from './countries.service.ts';

const VERSION = '0.1.0';

export async function metaRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/meta',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['meta'],
        summary: 'Who runs this service and how to call for help',
        response: { 200: MetaSchema },
      },
    },
    async () => {
      const { state } = app.ctx.config;
      return {
        sendingState: { code: state.code, name: state.name, ministry: state.ministry },
        hotline: {
          e164: state.hotline.e164,
          display: state.hotline.display,
          ...(state.hotlineGuidance ? { guidance: state.hotlineGuidance } : {}),
          ...(state.spareHotline
            ? { spareE164: state.spareHotline.e164, spareDisplay: state.spareHotline.display }
            : {}),
        },
        locales: [...LOCALES],
        version: VERSION,
      };
    },
  );

  app.get(
    '/api/v1/countries',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['meta'],
        summary: 'Every ISO 3166-1 country with its zh-CN and en name',
        response: { 200: Type.Array(CountrySchema) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return listCountries();
    },
  );
}
