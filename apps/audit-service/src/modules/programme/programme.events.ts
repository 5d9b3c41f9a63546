import { SoaVersionPublished } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { ProgrammeService } from './programme.service';

/** The applicable controls of the published SoA: what the internal audit programme must cover. */
export function soaPublishedHandler(deps: ServiceDeps) {
  const service = new ProgrammeService(deps);
  return on(SoaVersionPublished, (event, manager) => service.applySoaPublished(manager, event));
}
