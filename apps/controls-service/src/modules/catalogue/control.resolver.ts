import { Authorized, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS } from '@iso27001/authz';
import { ANNEX_A } from '@iso27001/iso27001';
import { toControlType } from './control.mapper';
import { ControlType } from './control.type';

@Resolver(() => ControlType)
export class ControlResolver {
  @Authorized(AUDIT_READERS)
  @Query(() => [ControlType], { description: 'The 93 Annex A controls of ISO/IEC 27001:2022, in catalogue order.' })
  controls(): ControlType[] {
    return ANNEX_A.map(toControlType);
  }
}
