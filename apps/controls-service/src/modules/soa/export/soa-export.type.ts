import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum SoaExportFormatType {
  XLSX = 'XLSX',
  PDF = 'PDF',
  CSV = 'CSV',
  OSCAL_PROFILE = 'OSCAL_PROFILE',
  OSCAL_COMPONENT_DEFINITION = 'OSCAL_COMPONENT_DEFINITION',
  OSCAL_CATALOG = 'OSCAL_CATALOG',
}
registerEnumType(SoaExportFormatType, {
  name: 'SoaExportFormat',
  description: 'XLSX, PDF and CSV for people; OSCAL (NIST, JSON) profile / component definition of the SoA, or the Annex A catalog.',
});

@ObjectType('SoaExportFile', { description: 'An exported document, base64-encoded.' })
export class SoaExportFileType {
  @Field()
  filename: string;

  @Field()
  contentType: string;

  @Field()
  base64: string;
}
