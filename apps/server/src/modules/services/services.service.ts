import type { Locale, Service, ServiceDefinition, ServiceList } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canEditServices } from '../../policy/services.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import {
  canonicalDefinition,
  DEFINITIONS_DIR,
  definitionDigest,
  readDefinitionFiles,
  validateDefinition,
} from './services.definitions.ts';
import { toServiceDto } from './services.presenter.ts';
import {
  findCurrentDefinition,
  hasDefinitionDigest,
  insertDefinition,
  listCurrentDefinitions,
  listDefinitionVersions,
} from './services.repo.ts';

/** Whether a service is offered at a mission (`["*"]`: at every mission). */
export function offeredAt(definition: ServiceDefinition, missionCode: string): boolean {
  return definition.missions.includes('*') || definition.missions.includes(missionCode);
}

async function insertNextVersion(
  db: Db,
  definition: ServiceDefinition,
  source: 'file' | 'console',
  createdBy: string | null,
): Promise<number> {
  const current = await findCurrentDefinition(db, definition.id);
  const version = (current?.version ?? 0) + 1;
  const inserted = await insertDefinition(db, {
    id: newId(),
    serviceId: definition.id,
    version,
    definition: canonicalDefinition(definition),
    sha256: definitionDigest(definition),
    source,
    createdBy,
    createdAt: isoNow(),
  });
  if (!inserted) throw new ProblemError(409, 'conflict', `version ${version} of ${definition.id} was saved meanwhile`);
  return version;
}

/**
 * Loads the definition files into the database at start. A file whose exact content was loaded before (by its
 * digest) is skipped, so an edit made in the console is not undone by a restart; a changed file becomes the
 * next version. A bad file throws DefinitionFileError (startup stops, naming the file and field).
 * @returns how many versions were added
 */
export async function syncServiceDefinitions(db: Kysely<Database>, dir: string = DEFINITIONS_DIR): Promise<number> {
  const definitions = readDefinitionFiles(dir);
  return inTransaction(db, async (trx) => {
    let added = 0;
    for (const definition of definitions) {
      if (await hasDefinitionDigest(trx, definition.id, definitionDigest(definition))) continue;
      await insertNextVersion(trx, definition, 'file', null);
      added++;
    }
    return added;
  });
}

/** The catalogue: the version in force of every service, optionally only those a mission offers. */
export async function listServices(db: Db, mission?: string): Promise<ServiceList> {
  const items = (await listCurrentDefinitions(db)).map(toServiceDto);
  return { items: mission ? items.filter((s) => offeredAt(s, mission)) : items };
}

export async function viewService(db: Db, serviceId: string): Promise<Service> {
  const row = await findCurrentDefinition(db, serviceId);
  if (!row) throw new ProblemError(404, 'service_unknown', serviceId);
  return toServiceDto(row);
}

export async function listServiceVersions(db: Db, actor: Actor, serviceId: string) {
  if (!canEditServices(actor)) throw new ProblemError(403, 'forbidden');
  const rows = await listDefinitionVersions(db, serviceId);
  if (rows.length === 0) throw new ProblemError(404, 'service_unknown', serviceId);
  return {
    items: rows.map((r) => ({ version: r.version, source: r.source, createdAt: r.createdAt, createdBy: r.createdBy })),
  };
}

/**
 * An HQ administrator saves an edited definition: checked against the same schema as the files (422 with one
 * error per field), stored as the next version, audited. Applications already made keep their version.
 */
export async function saveServiceDefinition(
  db: Kysely<Database>,
  actor: Actor,
  serviceId: string,
  value: unknown,
  reason: string,
  source: AuditSource,
  _locale: Locale,
): Promise<Service> {
  if (!canEditServices(actor)) throw new ProblemError(403, 'forbidden');
  const result = validateDefinition(value);
  if (!result.ok) {
    throw new ProblemError(
      422,
      'service_definition_invalid',
      `${result.problems.length} problem(s)`,
      result.problems.map((p) => ({ field: `/definition${p.field}`, message: `${p.field || '/'} ${p.message}` })),
    );
  }
  if (result.definition.id !== serviceId) {
    throw new ProblemError(422, 'service_definition_invalid', 'the id cannot change', [
      { field: '/definition/id', message: `/id must stay ${serviceId}` },
    ]);
  }
  return inTransaction(db, async (trx) => {
    const current = await findCurrentDefinition(trx, serviceId);
    if (!current) throw new ProblemError(404, 'service_unknown', serviceId);
    const version =
      current.sha256 === definitionDigest(result.definition)
        ? current.version
        : await insertNextVersion(trx, result.definition, 'console', actor.id);
    await appendAudit(trx, source, {
      action: 'service.definition_save',
      record: { type: 'service', id: serviceId },
      reason,
      details: { fromVersion: current.version, toVersion: version },
    });
    const saved = await findCurrentDefinition(trx, serviceId);
    if (!saved) throw new Error(`service ${serviceId} vanished inside its own transaction`);
    return toServiceDto(saved);
  });
}
