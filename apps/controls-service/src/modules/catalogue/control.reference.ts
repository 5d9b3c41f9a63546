import { ScopeRule } from '@iso27001/authz';
import { annexAControl } from '@iso27001/iso27001';
import { scopedReference } from '@iso27001/platform';
import { toControlType } from './control.mapper';

/** Other subgraphs hold `Control` stubs (a risk's controls, evidence, findings): answered from the catalogue in memory. */
export function controlReference() {
  return {
    Control: {
      // The catalogue is the standard's published text, which every role already reads through Policy.controls; what
      // a control carries beyond it (implementations, operating status) is gated on its own field resolvers.
      __resolveReference: scopedReference(
        ScopeRule.Organisation,
        "the published Annex A catalogue entry, for every caller; its implementations and operating status keep their own roles and the caller's units",
        (reference: { id: string }) => {
          const control = annexAControl(reference.id);
          return control ? toControlType(control) : null;
        },
      ),
    },
  };
}
