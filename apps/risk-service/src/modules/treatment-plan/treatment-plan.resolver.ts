import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { controlRef, ControlRefType } from '../controls/control.type';
import { OrgUnitRefType, unitRef } from '../people/person.type';
import { treatmentPlanPdf, treatmentPlanXlsx } from './treatment-plan.export';
import { planWithinGrantPeriod } from './treatment-plan.rules';
import { TreatmentPlanService } from './treatment-plan.service';
import { ExportFileType, RiskExportFormat, TreatmentPlanActionType, TreatmentPlanRowType } from './treatment-plan.type';

@Resolver(() => TreatmentPlanRowType)
export class TreatmentPlanResolver {
  private readonly service: TreatmentPlanService;

  constructor(deps: ServiceDeps) {
    this.service = new TreatmentPlanService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "treated risks of the caller's units and those they own (with their actions); organisation-wide roles the whole plan; an external auditor sees actions and acceptances of the grant's period only")
  @Query(() => [TreatmentPlanRowType], { description: 'The Risk Treatment Plan from live data: every treated risk, highest current level first.' })
  async riskTreatmentPlan(@Ctx() context: RequestContext): Promise<TreatmentPlanRowType[]> {
    return planWithinGrantPeriod(context.claims, await this.service.rows(context.claims.organisationId, context.access)).map((row) =>
      Object.assign(new TreatmentPlanRowType(), { ...row, actions: row.actions.map((a) => Object.assign(new TreatmentPlanActionType(), a)) }),
    );
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, 'the same rows as riskTreatmentPlan: the export holds only the risks within the caller\'s reach')
  @Query(() => ExportFileType, { description: 'The Risk Treatment Plan as an XLSX workbook or a PDF document.' })
  async exportRiskTreatmentPlan(@Arg('format', () => RiskExportFormat) format: RiskExportFormat, @Ctx() context: RequestContext): Promise<ExportFileType> {
    const rows = planWithinGrantPeriod(context.claims, await this.service.rows(context.claims.organisationId, context.access));
    const now = new Date();
    const stamp = now.toISOString().slice(0, 10);
    const file =
      format === RiskExportFormat.XLSX
        ? { filename: `risk-treatment-plan-${stamp}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await treatmentPlanXlsx(rows, now) }
        : { filename: `risk-treatment-plan-${stamp}.pdf`, contentType: 'application/pdf', content: await treatmentPlanPdf(rows, now) };
    return Object.assign(new ExportFileType(), { filename: file.filename, contentType: file.contentType, base64: file.content.toString('base64') });
  }

  @Scoped(ScopeRule.Parent, "the id of the row's unit")
  @FieldResolver(() => OrgUnitRefType, { nullable: true, description: 'The unit of `unitId`; isms-service resolves its name.' })
  unit(@Root() row: TreatmentPlanRowType): OrgUnitRefType | null {
    return unitRef(row.unitId);
  }

  @Scoped(ScopeRule.Parent, 'Annex A control ids of the row (catalogue entries)')
  @FieldResolver(() => [ControlRefType], { description: 'The Annex A controls of `controlIds`, in that order; controls-service resolves their titles.' })
  controls(@Root() row: TreatmentPlanRowType): ControlRefType[] {
    return row.controlIds.map(controlRef);
  }
}
