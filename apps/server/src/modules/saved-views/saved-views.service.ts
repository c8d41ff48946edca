import { MAX_SAVED_VIEWS, type SavedView, type SavedViewArea, type SavedViewBody } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canKeepSavedViews, canUseSavedView } from '../../policy/saved-views.policy.ts';
import { toSavedViewDto } from './saved-views.presenter.ts';
import {
  countSavedViews,
  deleteSavedView,
  findSavedView,
  findSavedViewByName,
  insertSavedView,
  listSavedViews,
  type SavedViewRow,
  updateSavedView,
} from './saved-views.repo.ts';

function ensureMayKeep(actor: Actor): void {
  if (!canKeepSavedViews(actor)) throw new ProblemError(403, 'forbidden');
}

/** The view, when the actor owns it; 404 otherwise, so other people's views do not show they exist. */
async function ownView(db: Db, actor: Actor, id: string): Promise<SavedViewRow> {
  const row = await findSavedView(db, id);
  if (!row || !canUseSavedView(actor, row)) throw new ProblemError(404, 'not_found');
  return row;
}

/** The actor's saved views of one list, newest first. */
export async function mySavedViews(db: Db, actor: Actor, area: SavedViewArea): Promise<SavedView[]> {
  ensureMayKeep(actor);
  return (await listSavedViews(db, actor.id, area)).map(toSavedViewDto);
}

/**
 * Saves the list's current filters under a name. @throws 409 saved_view_name_taken, 422 limit_reached
 */
export async function saveView(db: Db, actor: Actor, body: SavedViewBody): Promise<SavedView> {
  ensureMayKeep(actor);
  const name = body.name.trim();
  return inTransaction(db, async (trx) => {
    if (await findSavedViewByName(trx, actor.id, body.area, name)) {
      throw new ProblemError(409, 'saved_view_name_taken', `a view named ${name} exists`);
    }
    if ((await countSavedViews(trx, actor.id, body.area)) >= MAX_SAVED_VIEWS) {
      throw new ProblemError(422, 'limit_reached', `at most ${MAX_SAVED_VIEWS} saved views`);
    }
    const row: SavedViewRow = {
      id: newId(),
      userId: actor.id,
      area: body.area,
      name,
      filters: JSON.stringify(body.filters),
      createdAt: isoNow(),
    };
    await insertSavedView(trx, row);
    return toSavedViewDto(row);
  });
}

/** Renames a view or replaces its filters. @throws 404 not_found, 409 saved_view_name_taken */
export async function changeView(db: Db, actor: Actor, id: string, body: SavedViewBody): Promise<SavedView> {
  ensureMayKeep(actor);
  const name = body.name.trim();
  return inTransaction(db, async (trx) => {
    const row = await ownView(trx, actor, id);
    if (row.area !== body.area) throw new ProblemError(404, 'not_found');
    const clash = await findSavedViewByName(trx, actor.id, body.area, name);
    if (clash && clash.id !== id) {
      throw new ProblemError(409, 'saved_view_name_taken', `a view named ${name} exists`);
    }
    const filters = JSON.stringify(body.filters);
    await updateSavedView(trx, id, { name, filters });
    return toSavedViewDto({ ...row, name, filters });
  });
}

/** @throws 404 not_found */
export async function removeView(db: Db, actor: Actor, id: string): Promise<void> {
  ensureMayKeep(actor);
  await ownView(db, actor, id);
  await deleteSavedView(db, id);
}
