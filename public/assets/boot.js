// Starts the app: registers the service worker, then loads the wasm. A file rather than an
// inline script so the Content-Security-Policy allows scripts from this origin only.
// `cargo xtask build` rewrites the two asset names below to their content-hashed names.
import init from '/assets/mentora.js';

if ('serviceWorker' in navigator) {
  // An already installed app checks for a new version at every start (and the browser on navigations).
  const hadWorker = navigator.serviceWorker.controller != null;
  navigator.serviceWorker.register('/sw.js')
    .then((registration) => (hadWorker ? registration.update() : undefined))
    .catch((err) => console.warn('service worker registration or update failed:', err));
}
init({ module_or_path: '/assets/mentora_bg.wasm' });
