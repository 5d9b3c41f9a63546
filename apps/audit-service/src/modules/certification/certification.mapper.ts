import { CertificationCycleEntity } from './certification.entity';
import { cycleDates } from './certification.rules';
import { CalendarEntry } from './certification.service';
import { CalendarEntryKindType, CalendarEntryType, CertificationCycleType, CertificationStatusType } from './certification.type';

export function toCertificationCycleType(entity: CertificationCycleEntity, blockers: string[]): CertificationCycleType {
  const dates = entity.issuedOn && entity.expiresOn ? cycleDates(entity.issuedOn, entity.expiresOn) : null;
  return Object.assign(new CertificationCycleType(), {
    id: entity.id,
    certificationBody: entity.certificationBody,
    standard: entity.standard,
    scopeId: entity.scopeId,
    scopeVersion: entity.scopeVersion,
    contactPersonId: entity.contactPersonId,
    status: entity.status as CertificationStatusType,
    stage1EngagementId: entity.stage1EngagementId,
    stage2EngagementId: entity.stage2EngagementId,
    surveillance1EngagementId: entity.surveillance1EngagementId,
    surveillance2EngagementId: entity.surveillance2EngagementId,
    recertificationEngagementId: entity.recertificationEngagementId,
    recommendedAt: entity.recommendedAt,
    recommendationComment: entity.recommendationComment,
    certificateNumber: entity.certificateNumber,
    issuedOn: entity.issuedOn,
    expiresOn: entity.expiresOn,
    surveillance1DueOn: dates?.SURVEILLANCE_1 ?? null,
    surveillance2DueOn: dates?.SURVEILLANCE_2 ?? null,
    recertificationDueOn: dates?.RECERTIFICATION ?? null,
    recommendationBlockers: blockers,
  });
}

export function toCalendarEntryType(entry: CalendarEntry): CalendarEntryType {
  return Object.assign(new CalendarEntryType(), { ...entry, kind: entry.kind as CalendarEntryKindType });
}
