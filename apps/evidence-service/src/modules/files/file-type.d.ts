// file-type 22 is an ES module whose types are reachable only through its `exports` map, which this repository's
// `node` module resolution does not read: the part of its API the upload uses, as documented in its readme.
declare module 'file-type' {
  export interface FileTypeResult {
    ext: string;
    mime: string;
  }
  export function fileTypeFromFile(path: string): Promise<FileTypeResult | undefined>;
}
