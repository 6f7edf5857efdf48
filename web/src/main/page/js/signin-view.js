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
  $('signin-form').hidden = !auth.takesTokens();
  $('signin-reason').textContent = reason || (auth.hasProvider() ? 'Sign in with your account.'
    : auth.takesTokens() ? 'Paste the token that ./run token YOUR-NAME prints.'
      : 'Signing in is not available right now. Try again later.');
  (auth.hasProvider() || !auth.takesTokens() ? $('provider-signin') : $('token-input')).focus();
  document.body.dataset.loaded = 'false';
}

export function hide() {
  $('signin').hidden = true;
}
