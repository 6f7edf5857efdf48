// Where the page's APIs are and who signs people in, from insights-service's /page/config. In
// production the page, routines and events share one origin and the URLs are empty; locally the
// services listen on their own ports. The last answer is kept so that the page also opens offline.

const KEY = 'sukha.config';

let current = null;

export async function load() {
  try {
    const response = await fetch('/page/config', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error('config ' + response.status);
    current = await response.json();
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch (e) {
    current = JSON.parse(localStorage.getItem(KEY) || 'null') || {};
  }
  return current;
}

export function get() {
  return current || {};
}

/** The origin (or '' for this one) that serves a path of the API. */
export function baseFor(path) {
  const c = get();
  if (path.startsWith('/v1/routines') || path.startsWith('/v1/poses') || path.startsWith('/v1/programmes')) return c.routinesUrl || '';
  if (path.startsWith('/v1/events') || path.startsWith('/v1/sessions')) return c.eventsUrl || '';
  return '';
}
