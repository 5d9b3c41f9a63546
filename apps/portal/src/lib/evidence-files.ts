import { GatewayHttpError } from './errors';
import { gatewayUrl } from './gateway';
import { currentAccessToken, reportUnauthenticated } from './session.store';

/** What the gateway answers an accepted upload with (POST /evidence/files). */
export interface UploadedEvidenceFile {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
}

/** Bytes sent so far of an upload, as the browser reports them. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * The message of a refused file request: the file routes answer `{ code, message }`, the message naming what is
 * wrong (a type that is not allowed, a file too large, a unit outside one's reach). Falls back to the status.
 */
export function fileErrorMessage(status: number, bodyText: string): { code: string | null; message: string } {
  try {
    const body = JSON.parse(bodyText) as { code?: unknown; message?: unknown; error?: unknown };
    const message = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : '';
    if (message) return { code: typeof body.code === 'string' ? body.code : null, message: message.charAt(0).toUpperCase() + message.slice(1) };
  } catch {
    // not JSON: fall through
  }
  if (status === 413) return { code: 'FILE_TOO_LARGE', message: 'The file is larger than the platform accepts.' };
  return { code: null, message: `The platform refused the file (HTTP ${status}).` };
}

/** A refused upload or download, with the API's code (FILE_TYPE_REFUSED, FILE_TOO_LARGE, OUT_OF_SCOPE, …). */
export class EvidenceFileRequestError extends GatewayHttpError {
  constructor(
    status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(status, message);
    this.name = 'EvidenceFileRequestError';
  }
}

/**
 * Uploads one evidence file as multipart/form-data (the file part and the unit it is collected for) with
 * XMLHttpRequest, whose upload events report progress (fetch has none). Resolves with the stored file's metadata;
 * rejects with EvidenceFileRequestError carrying the API's code and message, or an Error when the gateway is unreachable.
 */
export function uploadEvidenceFile(file: File, unitId: string | null, onProgress?: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<UploadedEvidenceFile> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (unitId) form.append('unitId', unitId);
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', `${gatewayUrl}/evidence/files`);
    const token = currentAccessToken();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    request.onload = () => {
      if (request.status === 201 || request.status === 200) {
        try {
          resolve(JSON.parse(request.responseText) as UploadedEvidenceFile);
        } catch {
          reject(new Error('The platform answered the upload with something that is not JSON.'));
        }
        return;
      }
      if (request.status === 401) reportUnauthenticated();
      const { code, message } = fileErrorMessage(request.status, request.responseText);
      reject(new EvidenceFileRequestError(request.status, code, message));
    };
    request.onerror = () => reject(new Error('The portal could not reach the platform. Check your connection and try again.'));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

/** The file name a Content-Disposition header gives (RFC 6266 `filename*` first), if any. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
}

/**
 * Downloads an evidence file (GET /evidence/files/:id with the session's token) and saves it under its name. The
 * bytes come as an attachment; the browser keeps them only as long as the save takes.
 */
export async function downloadEvidenceFile(fileId: string, fallbackName: string): Promise<string> {
  const token = currentAccessToken();
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/evidence/files/${encodeURIComponent(fileId)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new Error('The portal could not reach the platform. Check your connection and try again.');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthenticated();
    const { code, message } = fileErrorMessage(response.status, await response.text());
    throw new EvidenceFileRequestError(response.status, code, message);
  }
  const name = dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
