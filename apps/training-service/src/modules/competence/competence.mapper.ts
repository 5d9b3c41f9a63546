import { CompetenceRecordEntity } from './competence-record.entity';
import { CompetenceEntity } from './competence.entity';
import { recordValidOn, todayUtc } from './competence.rules';
import { CompetenceRecordKindType, CompetenceRecordType, CompetenceType } from './competence.type';

export function toCompetenceType(entity: CompetenceEntity): CompetenceType {
  return Object.assign(new CompetenceType(), { id: entity.id, name: entity.name, description: entity.description, courseId: entity.courseId });
}

export function toCompetenceRecordType(entity: CompetenceRecordEntity, today: string = todayUtc()): CompetenceRecordType {
  return Object.assign(new CompetenceRecordType(), {
    id: entity.id,
    personId: entity.personId,
    competenceId: entity.competenceId,
    evidenceItemId: entity.evidenceItemId,
    kind: entity.kind as CompetenceRecordKindType,
    title: entity.title,
    obtainedOn: entity.obtainedOn,
    validUntil: entity.validUntil,
    valid: recordValidOn(entity, today),
    issuer: entity.issuer,
    notes: entity.notes,
    recordedByName: entity.recordedByName,
    recordedAt: entity.createdAt,
  });
}
