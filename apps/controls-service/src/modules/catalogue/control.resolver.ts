import { Authorized, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, ScopeRule } from '@iso27001/authz';
import { ANNEX_A } from '@iso27001/iso27001';
import { Scoped } from '@iso27001/platform';
import { toControlType } from './control.mapper';
import { ControlType } from './control.type';

@Resolver(() => ControlType)
export class ControlResolver {
  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the published Annex A catalogue: the same for every reader')
  @Query(() => [ControlType], { description: 'The 93 Annex A controls of ISO/IEC 27001:2022, in catalogue order.' })
  controls(): ControlType[] {
    return ANNEX_A.map(toControlType);
  }
}
