import { gatewayUrl } from '../../../lib/gateway';
import { currentAccessToken, reportUnauthenticated } from '../../../lib/session.store';

/** Downloads the completion certificate (GET /training/certificates/:assignmentId with the session's token) and saves it. */
export async function downloadCertificate(assignmentId: string): Promise<void> {
  const token = currentAccessToken();
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}/training/certificates/${encodeURIComponent(assignmentId)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new Error('The portal could not reach the platform. Check your connection and try again.');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthenticated();
    throw new Error(response.status === 404 ? 'There is no certificate for this assignment (yet): it appears once the course is completed.' : 'The certificate could not be downloaded. Try again in a moment.');
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `certificate-${assignmentId}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
