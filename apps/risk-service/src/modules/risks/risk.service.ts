import { In } from 'typeorm';
import { RiskUpserted } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { RiskEntity } from './risk.entity';
import { riskErrors } from './risk.errors';
import { CreateRiskInput, TreatRiskInput } from './risk.input';
import { toRiskEventData } from './risk.mapper';
import { RiskTreatmentType } from './risk.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function optionalText(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

export class RiskService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The register, highest inherent score first, then by title. */
  list(organisationId: string): Promise<RiskEntity[]> {
    return this.deps.dataSource
      .getRepository(RiskEntity)
      .createQueryBuilder('r')
      .where('r.organisation_id = :organisationId', { organisationId })
      .orderBy('r.inherent_likelihood * r.inherent_impact', 'DESC')
      .addOrderBy('r.title', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<RiskEntity[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return Promise.resolve([]);
    return this.deps.dataSource.getRepository(RiskEntity).findBy({ organisationId, id: In(valid) });
  }

  async create(input: CreateRiskInput, context: EventContext): Promise<RiskEntity> {
    const title = input.title.trim();
    if (!title) throw riskErrors.raise('TITLE_REQUIRED', 'a risk needs a title');
    return this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RiskEntity);
      const risk = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          title,
          description: optionalText(input.description),
          threat: optionalText(input.threat),
          vulnerability: optionalText(input.vulnerability),
          ownerId: input.ownerId ?? null,
          inherentLikelihood: input.inherentLikelihood,
          inherentImpact: input.inherentImpact,
          treatment: null,
          treatmentRationale: null,
          controlIds: [],
          status: 'OPEN',
        }),
      );
      await this.deps.outbox.record(manager, RiskUpserted, risk.id, toRiskEventData(risk), context);
      return risk;
    });
  }

  /** Records the treatment decision and the Annex A controls it relies on (the SoA follows from the event). */
  async treat(input: TreatRiskInput, context: EventContext): Promise<RiskEntity> {
    const rationale = input.rationale.trim();
    if (!rationale) throw riskErrors.raise('RATIONALE_REQUIRED', 'a treatment decision needs a rationale');
    const controlIds = [...new Set(input.controlIds.map((id) => id.trim()))];
    const unknown = controlIds.filter((id) => !isAnnexAControlId(id));
    if (unknown.length > 0) {
      throw riskErrors.raise('UNKNOWN_CONTROLS', `not ISO/IEC 27001:2022 Annex A controls: ${unknown.join(', ')}`, { controlIds: unknown });
    }
    if (input.treatment === RiskTreatmentType.MODIFY && controlIds.length === 0) {
      throw riskErrors.raise('CONTROLS_REQUIRED', 'treatment MODIFY needs at least one Annex A control that modifies the risk');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RiskEntity);
      const risk = await repository
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.id = :id AND r.organisation_id = :organisationId', { id: input.riskId, organisationId: context.organisationId })
        .getOne();
      if (!risk) throw riskErrors.raise('RISK_NOT_FOUND', `risk ${input.riskId} does not exist`);
      risk.treatment = input.treatment;
      risk.treatmentRationale = rationale;
      risk.controlIds = controlIds;
      const saved = await repository.save(risk);
      await this.deps.outbox.record(manager, RiskUpserted, saved.id, toRiskEventData(saved), context);
      return saved;
    });
  }
}
