import { RiskUpserted } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { SoaEntryService } from '../soa-entry.service';

/** Flow 1: a risk treated by MODIFY makes its Annex A controls applicable, with the risk as the reason. */
export function riskUpsertedHandler(deps: ServiceDeps) {
  const soa = new SoaEntryService(deps);
  return on(RiskUpserted, async (event, manager) => {
    await soa.applyRiskUpserted(manager, event);
  });
}
