import { Brackets, In } from 'typeorm';
import { PersonUpserted } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { PersonEntity } from './person.entity';
import { personErrors } from './person.errors';
import { CreatePersonInput, PeopleArgs } from './person.input';
import { toPersonEventData } from './person.mapper';

export class PersonService {
  constructor(private readonly deps: ServiceDeps) {}

  async page(organisationId: string, args: PeopleArgs): Promise<{ totalCount: number; nodes: PersonEntity[] }> {
    const query = this.deps.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId });
    if (args.unitId) query.andWhere('p.unit_id = :unitId', { unitId: args.unitId });
    if (args.search) {
      const pattern = `%${args.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(new Brackets((q) => q.where('p.name ILIKE :pattern', { pattern }).orWhere('p.email ILIKE :pattern', { pattern })));
    }
    const [nodes, totalCount] = await query.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').skip(args.offset).take(args.first).getManyAndCount();
    return { totalCount, nodes };
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<PersonEntity[]> {
    return this.deps.dataSource.getRepository(PersonEntity).findBy({ organisationId, id: In([...ids]) });
  }

  async create(input: CreatePersonInput, context: EventContext): Promise<PersonEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const { organisationId } = context;
      const unitId = input.unitId ?? null;
      const managerId = input.managerId ?? null;
      if (unitId && !(await manager.existsBy(OrgUnitEntity, { id: unitId, organisationId }))) {
        throw personErrors.raise('UNIT_NOT_FOUND', `unit ${unitId} does not exist`);
      }
      if (managerId && !(await manager.existsBy(PersonEntity, { id: managerId, organisationId }))) {
        throw personErrors.raise('MANAGER_NOT_FOUND', `manager ${managerId} does not exist`);
      }
      const email = input.email.trim().toLowerCase();
      if (await manager.existsBy(PersonEntity, { organisationId, email })) {
        throw personErrors.raise('EMAIL_TAKEN', `a person with e-mail ${email} already exists`);
      }
      const repository = manager.getRepository(PersonEntity);
      const person = await repository.save(
        repository.create({ organisationId, email, name: input.name.trim(), unitId, managerId, jobRole: input.jobRole?.trim() || null, active: true }),
      );
      await this.deps.outbox.record(manager, PersonUpserted, person.id, toPersonEventData(person), context);
      return person;
    });
  }
}
