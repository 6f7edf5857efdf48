// The sign-in form: the provider's button where one is configured, else a pasted token.

import * as auth from './auth.js';
import { $ } from './dom.js';

let afterSignIn = () => {};

export function init(then) {
  afterSignIn = then;
  $('signin-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    auth.signInWithToken($('token-input').value);
    $('token-input').value = '';
    if (auth.token()) afterSignIn();
  });
  $('provider-signin').addEventListener('click', () => auth.signInWithProvider());
}

export function show(reason) {
  $('signin').hidden = false;
  $('provider-signin').hidden = !auth.hasProvider();
  $('signin-reason').textContent = reason || (auth.hasProvider() ? 'Sign in with your account.'
    : 'Paste the token that ./run token YOUR-NAME prints.');
  (auth.hasProvider() ? $('provider-signin') : $('token-input')).focus();
  document.body.dataset.loaded = 'false';
}

export function hide() {
  $('signin').hidden = true;
}
