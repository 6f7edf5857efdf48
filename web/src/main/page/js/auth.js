// Signing in: through the OIDC provider the service names (authorization code with PKCE, a public
// client: no secret in the browser); on the local stack only (the service says so), also with a token
// from the address's fragment (./run demo prints such a link) or pasted. In production a link carrying
// someone's token must not sign a person in as someone else. Tokens stay in this tab's sessionStorage. Who signed in last is remembered on
// the device (their pseudonymous id only), so that a session practised offline in a new tab is
// recorded for them and sent once they sign in again.

const TOKEN = 'sukha.token';
const OIDC = 'sukha.oidc'; // {refresh, idToken, expiresAt}
const PKCE = 'sukha.pkce'; // {verifier, state}, while away at the provider
const LAST_USER = 'sukha.user';

export class AuthError extends Error {}

let provider = null;
let local = false;
const listeners = [];

/** Called with the new user id (or null) whenever who is signed in changes. */
export function onChange(listener) {
  listeners.push(listener);
}

function changed() {
  listeners.forEach((l) => l(user()));
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

/** The signed-in person's id (the token's `sub`), read without verifying: the services verify. */
export function user() {
  return subject(token());
}

/** Who signed in last on this device, signed in now or not. */
export function rememberedUser() {
  return user() || localStorage.getItem(LAST_USER);
}

export function hasProvider() {
  return provider !== null;
}

/** Whether a token may be pasted or linked: the local stack only. */
export function takesTokens() {
  return local;
}

function subject(jwt) {
  if (!jwt) return null;
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const sub = JSON.parse(json).sub;
    return typeof sub === 'string' && sub ? sub : null;
  } catch (e) {
    return null;
  }
}

function keep(value) {
  sessionStorage.setItem(TOKEN, value);
  const sub = subject(value);
  if (sub) localStorage.setItem(LAST_USER, sub);
  changed();
}

/** A token in the address's fragment moves to this tab's storage and leaves the address bar. */
function takeTokenFromFragment() {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!fromFragment) return false;
  history.replaceState(null, '', location.pathname + location.search);
  keep(fromFragment);
  return true;
}

/** Reads a token from the fragment, finds the provider and finishes a sign-in coming back from it. */
export async function init(config) {
  local = config.localSignIn === true;
  if (local) {
    takeTokenFromFragment();
    window.addEventListener('hashchange', () => takeTokenFromFragment());
  } else if (new URLSearchParams(location.hash.slice(1)).get('token')) {
    // A link with a token, where tokens are not taken: it leaves the address bar unused.
    history.replaceState(null, '', location.pathname + location.search);
  }
  provider = await discover(config);
  await finishSignIn();
}

async function discover(config) {
  if (!config.issuer) return null;
  try {
    const meta = await (await fetch(config.issuer + '/.well-known/openid-configuration')).json();
    return { clientId: config.clientId, authorize: meta.authorization_endpoint, token: meta.token_endpoint,
      logout: meta.end_session_endpoint };
  } catch (e) {
    return null;
  }
}

const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const redirectUri = () => location.origin + location.pathname;
const oidcState = () => JSON.parse(sessionStorage.getItem(OIDC) || 'null');

export function signInWithToken(value) {
  if (!local) return;
  const clean = value.trim().replace(/^Bearer\s+/i, '');
  if (clean) keep(clean);
}

export async function signInWithProvider() {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const nonce = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state: nonce }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const url = new URL(provider.authorize);
  url.search = new URLSearchParams({ client_id: provider.clientId, response_type: 'code', scope: 'openid',
    redirect_uri: redirectUri(), state: nonce, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

async function tokenRequest(params) {
  const response = await fetch(provider.token, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: provider.clientId, ...params }) });
  if (!response.ok) throw new AuthError();
  const t = await response.json();
  sessionStorage.setItem(OIDC, JSON.stringify({ refresh: t.refresh_token,
    idToken: t.id_token || (oidcState() || {}).idToken, expiresAt: Date.now() + (t.expires_in || 60) * 1000 }));
  keep(t.access_token);
}

/** Back from the provider with ?code=…&state=…: the code is exchanged for tokens once. */
async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!provider || !params.get('code')) return;
  const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', location.pathname);
  if (!pending || pending.state !== params.get('state')) throw new AuthError();
  await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    code_verifier: pending.verifier });
}

/** A token about to expire is renewed with the refresh token; failing that, sign in again. */
export async function refreshIfDue() {
  const o = oidcState();
  if (!provider || !o || !o.refresh || Date.now() < o.expiresAt - 30000) return;
  try {
    await tokenRequest({ grant_type: 'refresh_token', refresh_token: o.refresh });
  } catch (e) {
    sessionStorage.removeItem(OIDC);
    sessionStorage.removeItem(TOKEN);
    changed();
  }
}

/** The token was refused (401): it goes; who signed in is still remembered for the outbox. */
export function expired() {
  sessionStorage.removeItem(TOKEN);
  changed();
}

/** Signs out in this tab, and at the provider when there is one (it sends the browser back). */
export function signOut() {
  const o = oidcState();
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(OIDC);
  localStorage.removeItem(LAST_USER);
  changed();
  if (provider && provider.logout && o && o.idToken) {
    const url = new URL(provider.logout);
    url.search = new URLSearchParams({ id_token_hint: o.idToken, client_id: provider.clientId,
      post_logout_redirect_uri: redirectUri() }).toString();
    location.assign(url.toString());
    return true;
  }
  return false;
}
