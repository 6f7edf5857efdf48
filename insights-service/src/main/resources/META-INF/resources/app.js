// Sukha weekly page: reads the insights API with the signed-in person's token.
(() => {
  'use strict';
  const KEY = 'sukha.token';
  const $ = (id) => document.getElementById(id);
  const state = { week: null, thisWeek: null };

  // A token in the URL fragment (./run demo prints one) is moved to this tab's storage
  // and removed from the address bar; fragments never reach a server log.
  function takeTokenFromFragment() {
    const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!fromFragment) return false;
    sessionStorage.setItem(KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }
  takeTokenFromFragment();
  // A sign-in link opened in a tab that already shows the page does not reload it.
  window.addEventListener('hashchange', () => { if (takeTokenFromFragment()) { state.week = null; load(); } });
  const token = () => sessionStorage.getItem(KEY);

  class AuthError extends Error {}
  class ServiceError extends Error {}

  // Signing in with the OIDC provider the service names (authorization code with PKCE, a public
  // client: no secret in the browser). The tokens stay in this tab's storage, as a pasted one.
  const OIDC = 'sukha.oidc'; // {refresh, idToken, expiresAt}
  const PKCE = 'sukha.pkce'; // {verifier, state}, while away at the provider
  let provider = null;

  async function discover() {
    try {
      const config = await (await fetch('/sign-in/config')).json();
      if (!config.issuer) return null;
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

  async function signInWithProvider() {
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
    sessionStorage.setItem(KEY, t.access_token);
    sessionStorage.setItem(OIDC, JSON.stringify({ refresh: t.refresh_token,
      idToken: t.id_token || (oidcState() || {}).idToken, expiresAt: Date.now() + (t.expires_in || 60) * 1000 }));
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
  async function refreshIfDue() {
    const o = oidcState();
    if (!provider || !o || !o.refresh || Date.now() < o.expiresAt - 30000) return;
    try {
      await tokenRequest({ grant_type: 'refresh_token', refresh_token: o.refresh });
    } catch (e) {
      sessionStorage.removeItem(OIDC);
      sessionStorage.removeItem(KEY);
    }
  }

  class InvalidError extends Error {
    constructor(problem) { super(problem.detail); this.errors = problem.errors || []; }
  }

  async function api(path, method, body) {
    await refreshIfDue();
    let response;
    const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      response = await fetch(path, { method: method || 'GET', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ServiceError('The insights service is not answering. Is it running (./run)? Then try again.');
    }
    if (response.status === 401) throw new AuthError();
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      if (response.status === 422) throw new InvalidError(problem);
      throw new ServiceError((problem.detail || 'The service answered ' + response.status) + ' Try again in a moment.');
    }
    return response.status === 204 ? null : response.json();
  }

  function status(text, isError) {
    const el = $('status');
    el.textContent = text || '';
    el.hidden = !text;
    el.classList.toggle('error', !!isError);
    if (isError) {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = 'Try again';
      retry.className = 'link';
      retry.addEventListener('click', () => load());
      el.append(' ', retry);
    }
  }

  function showSignIn(reason) {
    $('content').hidden = true;
    document.querySelector('.weeknav').hidden = true;
    $('signout').hidden = true;
    status('');
    $('signin').hidden = false;
    $('provider-signin').hidden = !provider;
    $('signin-reason').textContent = reason || (provider ? 'Sign in with your account.'
      : 'Paste the token that ./run token YOUR-NAME prints.');
    (provider ? $('provider-signin') : $('token-input')).focus();
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    });
    children.forEach((c) => node.append(c));
    return node;
  }

  function isoWeek(date) {
    const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    const day = d.getUTCDay() || 7;
    d.setUTCDate(d.getUTCDate() + 4 - day);
    const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
    const week = Math.ceil(((d - yearStart) / 86400000 + 1) / 7);
    return d.getUTCFullYear() + '-W' + String(week).padStart(2, '0');
  }
  const parseDate = (s) => new Date(s + 'T00:00:00Z');
  const shift = (s, days) => { const d = parseDate(s); d.setUTCDate(d.getUTCDate() + days); return d; };
  const fmt = (s, opts) => parseDate(s).toLocaleDateString(undefined, Object.assign({ timeZone: 'UTC' }, opts));
  const num = (v) => (v === null || v === undefined ? '–' : (Math.round(v * 10) / 10).toString());

  function renderAlerts(alerts) {
    const box = $('alerts');
    box.replaceChildren();
    alerts.forEach((a) => {
      const title = a.type === 'POSE_PAIN' ? 'A pose keeps hurting' : 'Your pain is getting worse';
      const alert = el('div', { class: 'alert', role: 'alert', 'data-testid': 'alert', 'data-type': a.type },
        el('h2', { text: title }),
        el('p', { text: a.reason }),
        el('p', { text: a.advice }),
        el('p', { class: 'note', text: 'Since ' + fmt(a.since, { day: 'numeric', month: 'long' }) }));
      if (a.type === 'PAIN_WORSENING') {
        // Rest is part of the advice: offer the pause right here.
        const offer = el('button', { type: 'button', class: 'secondary', 'data-testid': 'alert-pause', text: 'Pause for a flare' });
        offer.addEventListener('click', () => { $('pause-reason').value = 'flare'; $('pause-from').focus(); });
        alert.append(el('p', {}, 'Resting is fine: your streak waits while you pause. ', offer));
      }
      box.append(alert);
    });
  }

  function renderStreak(s) {
    $('streak-current').textContent = s.current;
    $('streak-longest').textContent = s.longest;
    $('goal-streak').textContent = s.goalStreak;
    $('streak-note').textContent = s.pausedToday
      ? 'Paused today: rest well, your streak is kept.'
      : s.current === 0
        ? (s.lastPracticeDay ? 'Last practice ' + fmt(s.lastPracticeDay, { weekday: 'long', day: 'numeric', month: 'long' }) + '. A short routine today starts a new streak.' : 'Your first practice starts your streak.')
        : s.practicedToday ? 'You practised today. Well done.' : 'Practise today to keep it going.';
    $('streak-note').dataset.paused = String(!!s.pausedToday);
  }

  function renderWeek(w, today) {
    $('week-title').textContent = w.week === state.thisWeek ? 'This week' : 'Week of ' + fmt(w.start, { day: 'numeric', month: 'long' });
    $('week-label').textContent = fmt(w.start, { day: 'numeric', month: 'short' }) + ' – ' + fmt(w.end, { day: 'numeric', month: 'short', year: 'numeric' });
    const days = $('days');
    days.replaceChildren();
    for (let i = 0; i < 7; i++) {
      const date = shift(w.start, i).toISOString().slice(0, 10);
      const done = w.daysPracticed.includes(date);
      const paused = (w.pausedDays || []).includes(date);
      const label = fmt(date, { weekday: 'long', day: 'numeric', month: 'long' }) + (done ? ': practised' : paused ? ': paused' : ': no practice');
      const li = el('li', { class: 'day' + (done ? ' done' : '') + (paused ? ' paused' : '') + (date === today ? ' today' : '') + (date > today ? ' future' : ''),
        'data-date': date, 'data-practised': String(done), 'data-paused': String(paused), 'aria-label': label },
        el('span', { text: fmt(date, { weekday: 'short' }), 'aria-hidden': 'true' }),
        el('span', { class: 'dot', text: done ? '✓' : paused ? '‖' : String(parseDate(date).getUTCDate()), 'aria-hidden': 'true' }));
      days.append(li);
    }
    const goal = $('goal');
    const pausedNote = w.pausedDays && w.pausedDays.length ? ' (' + w.pausedDays.length + ' paused)' : '';
    goal.textContent = w.goalDays === 0
      ? 'Paused all week: your goal waits.'
      : w.daysPracticed.length + ' of ' + w.goalDays + ' days of your weekly goal' + pausedNote + (w.goalMet ? ' · goal met' : '');
    goal.classList.toggle('met', w.goalMet);
    $('minutes').textContent = w.minutes;
    $('poses').textContent = w.posesCompleted;
    $('sessions').textContent = w.sessions.completed + (w.sessions.abandoned ? ' + ' + w.sessions.abandoned + ' stopped early' : '');
  }

  function renderTrend(t) {
    const words = { improving: 'Improving', worsening: 'Getting worse', stable: 'Stable', unknown: 'Not enough ratings yet' };
    const d = $('direction');
    d.className = 'direction ' + t.direction;
    d.textContent = words[t.direction] + (t.slopePerWeek === null ? '' : ' · ' + (t.slopePerWeek > 0 ? '+' : '') + t.slopePerWeek.toFixed(2) + ' points a week before practice');

    const W = 640, H = 230, left = 34, right = 12, top = 12, bottom = 34;
    const n = t.weeks.length;
    const x = (i) => left + (n === 1 ? 0 : i * (W - left - right) / (n - 1));
    const y = (v) => top + (10 - v) * (H - top - bottom) / 10;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Weekly pain before and after practice; the same values are in the table below for screen readers.');
    const add = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v)); if (text) e.textContent = text; svg.append(e); return e; };
    [0, 2, 4, 6, 8, 10].forEach((v) => {
      add('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: '#e3ddd2' });
      add('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#52606a' }, String(v));
    });
    t.weeks.forEach((w, i) => add('text', { x: x(i), y: H - 12, 'text-anchor': 'middle', 'font-size': 11, fill: '#52606a' }, 'W' + w.week.slice(-2)));
    [['avgBefore', '#b4442c', 'before'], ['avgAfter', '#0e6b62', 'after']].forEach(([key, color, cls]) => {
      let path = '';
      let pen = false;
      t.weeks.forEach((w, i) => {
        if (w[key] === null) { pen = false; return; }
        path += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(w[key]).toFixed(1) + ' ';
        pen = true;
      });
      if (path) add('path', { d: path, fill: 'none', stroke: color, 'stroke-width': 3, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' });
      t.weeks.forEach((w, i) => {
        if (w[key] === null) return;
        const c = add('circle', { cx: x(i), cy: y(w[key]), r: 5, fill: color, class: 'point ' + cls, 'data-week': w.week });
        const title = document.createElementNS(ns, 'title');
        title.textContent = w.week + ': ' + cls + ' ' + num(w[key]);
        c.append(title);
      });
    });
    const legend = el('div', { class: 'legend' }, el('span', { class: 'before', text: 'Before practice' }), el('span', { class: 'after', text: 'After practice' }));
    $('chart').replaceChildren(svg, legend);
    const body = document.querySelector('#pain-table tbody');
    body.replaceChildren(...t.weeks.map((w) => el('tr', {}, el('th', { scope: 'row', text: w.week }), el('td', { text: num(w.avgBefore) }), el('td', { text: num(w.avgAfter) }), el('td', { text: String(w.sessions) }))));
  }

  function renderRelief(entries) {
    const list = $('relief');
    list.replaceChildren();
    const rated = entries.filter((e) => e.sessions > 0);
    if (rated.length === 0) {
      list.append(el('li', { class: 'empty', text: 'Rate your pain before and after a session to see which routines help you.' }));
      return;
    }
    const max = Math.max(3, ...rated.map((e) => Math.abs(e.avgRelief)));
    rated.forEach((e, i) => {
      const bar = el('div', { class: 'bar' + (e.avgRelief < 0 ? ' negative' : ''), 'aria-hidden': 'true' }, el('i', {}));
      bar.firstChild.style.width = Math.round(100 * Math.abs(e.avgRelief) / max) + '%';
      const name = el('span', { class: 'name', text: e.title || e.routineId });
      if (i === 0 && e.avgRelief > 0) name.append(el('span', { class: 'badge', text: 'helps most' }));
      const change = e.avgRelief >= 0 ? num(e.avgRelief) + ' points less pain' : num(-e.avgRelief) + ' points more pain';
      list.append(el('li', { 'data-routine': e.routineId }, name, bar,
        el('span', { class: 'figure', text: change + ' · ' + Math.round(e.meaningfulShare * 100) + '% real relief · '
          + e.sessions + (e.sessions === 1 ? ' session' : ' sessions') })));
    });
  }

  /** One side's (or the pose's) mean as a bar out of 10, with its figure. */
  function feelBar(label, side) {
    const bar = el('div', { class: 'bar', 'aria-hidden': 'true' }, el('i', {}));
    bar.firstChild.style.width = Math.round(10 * (side.avgDiscomfort || 0)) + '%';
    if (side.avgDiscomfort >= 7) bar.classList.add('negative');
    const figure = side.ratings === 0 ? 'not rated'
      : num(side.avgDiscomfort) + ' / 10 · ' + side.ratings + (side.ratings === 1 ? ' rating' : ' ratings');
    return el('div', { class: 'side' }, el('span', { class: 'label', text: label }), bar, el('span', { class: 'figure', text: figure }));
  }

  function renderFeel(poses, asymmetry) {
    const list = $('feel');
    list.replaceChildren();
    const lopsided = asymmetry.map((a) => (a.name || a.pose) + ' feels worse on the ' + a.worseSide + ' ('
      + num(a[a.worseSide]) + ' against ' + num(a[a.worseSide === 'left' ? 'right' : 'left']) + ')');
    $('asymmetry').textContent = lopsided.length === 0 ? '' : lopsided.join('; ') + '. A side that keeps feeling worse '
      + 'is worth showing to a physiotherapist.';
    if (poses.length === 0) {
      list.append(el('li', { class: 'empty', text: 'Rate how a pose felt when you finish it to see it here.' }));
      return;
    }
    poses.forEach((p) => {
      const item = el('li', { 'data-pose': p.pose }, el('span', { class: 'name', text: p.name || p.pose }));
      const sided = p.bySide.left.ratings > 0 || p.bySide.right.ratings > 0;
      const rows = el('div', { class: 'sides' });
      if (sided) {
        rows.append(feelBar('Left', p.bySide.left), feelBar('Right', p.bySide.right));
      } else {
        rows.append(feelBar('', p));
      }
      item.append(rows);
      if (p.skippedForPain > 0) {
        item.append(el('span', { class: 'figure skips', text: 'skipped for pain ' + p.skippedForPain + (p.skippedForPain === 1 ? ' time' : ' times') }));
      }
      list.append(item);
    });
  }

  const REASONS = { flare: 'a flare', illness: 'illness', travel: 'travel', other: 'a pause' };

  function renderPauses(pauses, today) {
    const list = $('pauses');
    list.replaceChildren();
    // What is on now or ahead; pauses that are over live on in the week view.
    pauses.filter((p) => p.to >= today).forEach((p) => {
      const when = fmt(p.from, { day: 'numeric', month: 'long' }) + ' – ' + fmt(p.to, { day: 'numeric', month: 'long' });
      const now = p.from <= today;
      const end = el('button', { type: 'button', class: 'link', 'data-testid': 'end-pause', text: now ? 'End pause' : 'Cancel' });
      end.setAttribute('aria-label', (now ? 'End the pause ' : 'Cancel the pause ') + when);
      end.addEventListener('click', async () => {
        end.disabled = true;
        try { await api('/v1/me/pauses/' + encodeURIComponent(p.id), 'DELETE'); await load(); $('pause-from').focus(); }
        catch (e) { end.disabled = false; handle(e); }
      });
      list.append(el('li', { 'data-pause': p.id }, el('span', { text: (now ? 'Paused for ' : 'Pause planned for ') + (REASONS[p.reason] || 'a pause') + ': ' + when + ' ' }), end));
    });
    if (!$('pause-from').value) {
      $('pause-from').value = today;
      $('pause-to').value = shift(today, 2).toISOString().slice(0, 10);
    }
  }

  $('pause-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const error = $('pause-error');
    error.textContent = '';
    $('pause-submit').disabled = true;
    try {
      await api('/v1/me/pauses', 'POST', { from: $('pause-from').value, to: $('pause-to').value, reason: $('pause-reason').value });
      $('pause-from').value = '';
      await load();
      status('Paused. Rest well: your streak is kept.');
    } catch (e) {
      if (e instanceof InvalidError) {
        const words = { from: 'From', to: 'To', reason: 'Why' };
        error.textContent = e.errors.map((x) => (words[x.field] ? words[x.field] + ' ' : '') + x.message).join('. ') || e.message;
      } else {
        handle(e);
      }
    } finally {
      $('pause-submit').disabled = false;
    }
  });

  function handle(e) {
    if (e instanceof AuthError) {
      sessionStorage.removeItem(KEY);
      showSignIn('Your sign-in has expired or is not valid. Get a new token with ./run token YOUR-NAME and paste it here.');
    } else {
      $('content').hidden = true;
      status(e.message || 'Something went wrong.', true);
    }
  }

  async function load() {
    document.body.dataset.loaded = 'false';
    if (!token()) { showSignIn(); return; }
    $('signin').hidden = true;
    status('Loading your week…');
    try {
      const query = state.week ? '?week=' + encodeURIComponent(state.week) : '';
      const [streak, week, trend, relief, pauses, feel, asymmetry] = await Promise.all([
        api('/v1/me/streak'), api('/v1/me/progress/weekly' + query), api('/v1/me/pain-trend?weeks=8'), api('/v1/me/routines/relief'),
        api('/v1/me/pauses'), api('/v1/me/poses/discomfort?weeks=8'), api('/v1/me/asymmetry?weeks=8')]);
      state.thisWeek = isoWeek(parseDate(streak.today));
      renderAlerts(trend.alerts);
      renderStreak(streak);
      renderWeek(week, streak.today);
      renderTrend(trend);
      renderRelief(relief);
      renderFeel(feel, asymmetry);
      renderPauses(pauses, streak.today);
      $('next').disabled = week.week >= state.thisWeek;
      $('today').hidden = week.week === state.thisWeek;
      document.querySelector('.weeknav').hidden = false;
      $('signout').hidden = false;
      $('content').hidden = false;
      state.shown = week;
      status('');
      document.body.dataset.loaded = 'true';
    } catch (e) {
      handle(e);
    }
  }

  $('signin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    sessionStorage.setItem(KEY, value);
    $('token-input').value = '';
    load();
  });
  $('signout').addEventListener('click', () => {
    const o = oidcState();
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(OIDC);
    if (provider && provider.logout && o && o.idToken) {
      // Signed out at the provider too; it sends the browser back here.
      const url = new URL(provider.logout);
      url.search = new URLSearchParams({ id_token_hint: o.idToken, client_id: provider.clientId,
        post_logout_redirect_uri: redirectUri() }).toString();
      location.assign(url.toString());
      return;
    }
    showSignIn('Signed out.');
  });
  $('provider-signin').addEventListener('click', () => signInWithProvider());
  $('prev').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, -7)); load(); });
  $('next').addEventListener('click', () => { state.week = isoWeek(shift(state.shown.start, 7)); load(); });
  $('today').addEventListener('click', () => { state.week = null; load(); });
  (async () => {
    provider = await discover();
    try {
      await finishSignIn();
    } catch (e) {
      showSignIn('Signing in did not finish. Try again.');
      return;
    }
    load();
  })();
})();
