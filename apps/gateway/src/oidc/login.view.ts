import type { DemoUser } from './demo-users';

/** The embedded provider's own pages: sign-in, sign-out and errors. Plain HTML, every value escaped. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `
  body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f1f3f5;color:#212529;margin:0;padding:48px 16px}
  main{max-width:440px;margin:0 auto;background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:32px}
  h1{font-size:1.5rem;margin:0 0 4px} p{margin:0 0 16px;line-height:1.5} .dimmed{color:#495057;font-size:.875rem}
  label{display:block;font-weight:600;font-size:.875rem;margin:12px 0 4px}
  input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:8px 10px;font-size:1rem;border:1px solid #868e96;border-radius:4px}
  button{margin-top:20px;width:100%;padding:10px;font-size:1rem;font-weight:600;color:#fff;background:#3b4ac4;border:0;border-radius:4px;cursor:pointer}
  button:focus-visible,input:focus-visible{outline:3px solid #748ffc;outline-offset:1px}
  .error{background:#fff5f5;border:1px solid #c92a2a;color:#8f1d1d;border-radius:4px;padding:10px 12px;margin:0 0 12px}
  .demo{margin-top:28px;border-top:1px solid #dee2e6;padding-top:16px} .demo ul{padding-left:18px;margin:8px 0 0} .demo li{font-size:.875rem;margin:2px 0}
  code{font-size:.875rem}
`;

function page(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ISMS Portal</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${script}
</body>
</html>`;
}

export interface LoginPageOptions {
  action: string;
  email?: string;
  error?: string;
  /** Development only: the demo people, listed so a visitor knows whom to sign in as. */
  demoUsers?: readonly DemoUser[];
}

export function loginPage({ action, email = '', error, demoUsers }: LoginPageOptions): string {
  const demo = demoUsers?.length
    ? `<section class="demo" aria-labelledby="demo-heading">
  <h2 id="demo-heading" style="font-size:1rem;margin:0">Demo people</h2>
  <p class="dimmed" style="margin:4px 0 0">Development sign-in: every demo person has the password that <code>npm start</code> printed.</p>
  <ul>${demoUsers.map((user) => `<li><code>${escapeHtml(user.email)}</code> — ${escapeHtml(user.title)}</li>`).join('')}</ul>
</section>`
    : '';
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p class="dimmed">to the ISMS Portal (ISO/IEC 27001:2022)</p>
${error ? `<div class="error" role="alert" id="login-error">${escapeHtml(error)}</div>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="on">
  <label for="email">E-mail</label>
  <input id="email" name="email" type="email" required autocomplete="username" value="${escapeHtml(email)}" ${error ? 'aria-describedby="login-error"' : ''} ${email ? '' : 'autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required autocomplete="current-password" ${email ? 'autofocus' : ''}>
  <button type="submit">Sign in</button>
</form>
${demo}`,
  );
}

/** RP-initiated logout: the portal asked for it, so the provider's confirmation form is sent at once. */
export function logoutPage(form: string): string {
  return page(
    'Signing out',
    `<h1>Signing out…</h1>
<p class="dimmed">Ending your session.</p>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<button type="submit" form="op.logoutForm">Sign out</button>`,
    `<script>document.getElementById('op.logoutForm').submit();</script>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', `<h1>Signed out</h1><p>You have signed out of the ISMS Portal.</p>`);
}

export function errorPage(summary: string, detail?: string): string {
  return page('Sign-in problem', `<h1>Sign-in problem</h1><p>${escapeHtml(summary)}</p>${detail ? `<p class="dimmed">${escapeHtml(detail)}</p>` : ''}`);
}
