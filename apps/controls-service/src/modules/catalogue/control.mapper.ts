import { AnnexAControl } from '@iso27001/iso27001';
import { ControlThemeType, ControlType } from './control.type';

export function toControlType(control: AnnexAControl): ControlType {
  return Object.assign(new ControlType(), { id: control.id, title: control.title, theme: control.theme as ControlThemeType });
}
