import { SavedViewAreaSchema, SavedViewBodySchema, SavedViewListSchema, SavedViewSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { SAVED_VIEW_ROLES } from '../../policy/saved-views.policy.ts';
import { changeView, mySavedViews, removeView, saveView } from './saved-views.service.ts';

const tags = ['saved-views'];
const STAFF = rolesOnly(...SAVED_VIEW_ROLES);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
// The role gate ran before the handler, so there is an actor; ownership is decided in saved-views.policy.ts.
const actor = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

export async function savedViewsRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/saved-views',
    {
      config: { policy: STAFF },
      schema: {
        tags,
        summary: 'The caller’s own saved views of a list, newest first',
        querystring: Type.Object({ area: SavedViewAreaSchema }, { additionalProperties: false }),
        response: { 200: SavedViewListSchema },
      },
    },
    async (request) => ({ items: await mySavedViews(db, actor(request.user), request.query.area) }),
  );

  app.post(
    '/api/v1/saved-views',
    {
      config: { policy: STAFF },
      schema: {
        tags,
        summary: 'Save the list’s current filters under a name (409 when the caller has a view of that name)',
        body: SavedViewBodySchema,
        response: { 201: SavedViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await saveView(db, actor(request.user), request.body)),
  );

  app.put(
    '/api/v1/saved-views/:id',
    {
      config: { policy: STAFF },
      schema: {
        tags,
        summary: 'Rename one of the caller’s views or replace its filters',
        params: IdParams,
        body: SavedViewBodySchema,
        response: { 200: SavedViewSchema },
      },
    },
    async (request) => changeView(db, actor(request.user), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/saved-views/:id',
    {
      config: { policy: STAFF },
      schema: { tags, summary: 'Delete one of the caller’s views', params: IdParams },
    },
    async (request, reply) => {
      await removeView(db, actor(request.user), request.params.id);
      return reply.code(204).send();
    },
  );
}
