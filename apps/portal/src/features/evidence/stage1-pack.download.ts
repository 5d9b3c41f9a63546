import { EvidenceFileRequestError, fileErrorMessage, dispositionFileName } from '../../lib/evidence-files';
import { gatewayUrl } from '../../lib/gateway';
import { currentAccessToken, reportUnauthenticated } from '../../lib/session.store';
import { isZip, locateZipEntry, parseStage1Manifest, type Stage1Manifest } from './stage1-pack.rules';

/** The manifest inside a downloaded pack, inflated with the browser's own DecompressionStream; null if unreadable. */
async function manifestOf(bytes: Uint8Array): Promise<Stage1Manifest | null> {
  const entry = locateZipEntry(bytes, 'manifest.json');
  if (!entry || (entry.method !== 0 && entry.method !== 8)) return null;
  const data = bytes.slice(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  try {
    const text =
      entry.method === 0 ? new TextDecoder().decode(data) : await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    return parseStage1Manifest(text);
  } catch {
    return null;
  }
}

/**
 * Downloads the Stage 1 pack of a scope version through the gateway (GET /evidence/stage1-pack/<id>.zip with the
 * session's token: the gateway authorises it and logs an auditor's download), saves it, and answers with the
 * manifest read from the archive (every file's SHA-256) so the page can show what was saved.
 */
export async function downloadStage1Pack(scopeVersionId: string): Promise<{ fileName: string; sizeBytes: number; manifest: Stage1Manifest | null }> {
  const token = currentAccessToken();
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/evidence/stage1-pack/${encodeURIComponent(scopeVersionId)}.zip`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new Error('The portal could not reach the platform. Check your connection and try again.');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthenticated();
    const { code, message } = fileErrorMessage(response.status, await response.text());
    throw new EvidenceFileRequestError(response.status, code, message);
  }
  const fileName = dispositionFileName(response.headers.get('content-disposition')) ?? `stage1-pack-${scopeVersionId}.zip`;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!isZip(bytes)) throw new Error('The platform answered with something that is not a ZIP archive.');
  const manifest = await manifestOf(bytes);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { fileName, sizeBytes: bytes.length, manifest };
}
