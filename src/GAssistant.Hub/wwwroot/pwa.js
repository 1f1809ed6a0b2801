// The hub as an installable app (issue 22). On the hub's pages (App.razor gives the worker's address, which carries
// the build's version): registers the service worker at the site's root. On the offline page the worker shows:
// "Try again" reloads the address that failed, and so does the browser coming back online.
(() => {
  const script = document.currentScript;
  const worker = script && script.dataset.serviceWorker;
  if (worker && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register(worker, { scope: '/' }).catch(error => console.warn('Service worker not registered:', error));
  }

  const retry = document.querySelector('[data-retry]');
  if (retry) {
    retry.addEventListener('click', event => {
      event.preventDefault();
      location.reload();
    });
    window.addEventListener('online', () => location.reload());
  }
})();
