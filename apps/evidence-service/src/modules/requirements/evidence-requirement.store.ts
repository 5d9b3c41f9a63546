import { EntityManager, IsNull } from 'typeorm';
import { DEFAULT_EVIDENCE_REQUIREMENTS } from '@iso27001/iso27001';
import { EvidenceRequirementEntity } from './evidence-requirement.entity';

/** Who the default set is recorded as created by. */
export const SEED_ACTOR = 'system:default-requirements';

/** Organisations (per database) known to be seeded (a seed is never undone), so reads skip the check. */
const seeded = new Set<string>();

/**
 * Gives an organisation the default requirement set on first use, once: the seed row's key makes a second (or a
 * concurrent) call add nothing. Runs in the caller's transaction.
 */
export async function ensureRequirementsSeeded(manager: EntityManager, organisationId: string): Promise<void> {
  const key = `${String(manager.connection.options.database)}:${organisationId}`;
  if (seeded.has(key)) return;
  const claimed: unknown[] = await manager.query(
    `INSERT INTO evidence_requirement_seed (organisation_id, defaults) VALUES ($1, $2) ON CONFLICT (organisation_id) DO NOTHING RETURNING organisation_id`,
    [organisationId, DEFAULT_EVIDENCE_REQUIREMENTS.length],
  );
  if (claimed.length === 0) {
    seeded.add(key); // seeded by an earlier (committed) transaction
    return;
  }
  await manager.query(
    // The creation times follow the default set's order, so a control's requirements list in the order they were written.
    `INSERT INTO evidence_requirement (organisation_id, control_id, default_key, title, frequency, created_by, updated_by, created_at, updated_at)
     SELECT $1, d.control_id, d.key, d.title, d.frequency, $2, $2, now() + d.n * interval '1 microsecond', now()
       FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (control_id text, key text, title text, frequency text)) WITH ORDINALITY AS d(control_id, key, title, frequency, n)
     ON CONFLICT (organisation_id, default_key) DO NOTHING`,
    [organisationId, SEED_ACTOR, JSON.stringify(DEFAULT_EVIDENCE_REQUIREMENTS.map((r) => ({ control_id: r.controlId, key: r.key, title: r.title, frequency: r.frequency })))],
  );
}

/** The requirements of a control that open requests (not retired), oldest first. */
export async function activeRequirementsOf(manager: EntityManager, organisationId: string, controlId: string): Promise<EvidenceRequirementEntity[]> {
  await ensureRequirementsSeeded(manager, organisationId);
  return manager.getRepository(EvidenceRequirementEntity).find({ where: { organisationId, controlId, retiredAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
}
