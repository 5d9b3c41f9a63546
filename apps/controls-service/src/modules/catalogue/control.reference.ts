import { annexAControl } from '@iso27001/iso27001';
import { toControlType } from './control.mapper';

/** Other subgraphs hold `Control` stubs (a risk's controls, evidence, findings): answered from the catalogue in memory. */
export function controlReference() {
  return {
    Control: {
      __resolveReference(reference: { id: string }) {
        const control = annexAControl(reference.id);
        return control ? toControlType(control) : null;
      },
    },
  };
}
