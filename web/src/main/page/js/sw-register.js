// Registers the service worker that keeps the page and the routines opened for offline use. Its
// URL carries the page's version (a hash of its files, from /page/config): a deploy installs a new
// worker, which keeps the new files and drops the old ones; the page then offers a reload.

import { $ } from './dom.js';

export async function register(version, busy) {
  if (!('serviceWorker' in navigator)) return;
  const hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first worker taking control changes nothing on the screen; a newer one brings new files.
    if (!hadController) return;
    const banner = $('update');
    banner.hidden = false;
    if (!busy()) banner.querySelector('button').focus();
  });
  $('update').querySelector('button').addEventListener('click', () => location.reload());
  try {
    await navigator.serviceWorker.register('/sw.js?v=' + encodeURIComponent(version || 'dev'), { scope: '/' });
  } catch (e) {
    // No offline copy this time (a private window, say): the page works online as before.
  }
}
