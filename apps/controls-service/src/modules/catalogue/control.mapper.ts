import { AnnexAControl } from '@iso27001/iso27001';
import { controlAttributes, controlPurpose } from './control.attributes';
import { ControlAttributesType, ControlThemeType, ControlType } from './control.type';

export function toControlType(control: AnnexAControl): ControlType {
  const attributes = controlAttributes(control.id);
  return Object.assign(new ControlType(), {
    id: control.id,
    title: control.title,
    theme: control.theme as ControlThemeType,
    attributes: attributes ? Object.assign(new ControlAttributesType(), attributes) : null,
    purpose: controlPurpose(control.id),
  });
}
