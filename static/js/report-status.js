/* A report's page while its PDF is on its way: ask the status URL every few seconds and, when the
   status changes, put the server's new text in the live region (role="status", aria-live="polite"),
   so a screen reader says it once without interrupting. The page itself never reloads (WCAG 2.2.1).
   When the PDF is ready (or failed) the asking stops and the "Vernieuwen" link goes; focus on that
   link moves to the new "Downloaden" button. Without this script "Vernieuwen" reloads the page. */
(function () {
  "use strict";

  var FAST = 3000; // the first few minutes: a PDF is usually ready within seconds
  var SLOW = 15000; // after that, keep asking but less often
  var FAST_TRIES = 60;

  function start(region) {
    var url = region.getAttribute("data-report-status");
    var refresh = document.querySelector("[data-report-refresh]");
    var shown = null;
    var tries = 0;

    function finish() {
      if (!refresh) { return; }
      var hadFocus = document.activeElement === refresh;
      refresh.hidden = true;
      var next = region.querySelector("a, button");
      if (hadFocus && next) { next.focus(); }
    }

    function show(data) {
      if (shown !== null && data.status !== shown) {
        region.innerHTML = data.html;
      }
      shown = data.status;
      if (data.pending) {
        schedule();
      } else {
        finish();
      }
    }

    function ask() {
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
        .then(function (response) {
          // 403/404 or a login page (signed out, no longer allowed): stop; "Vernieuwen" shows why.
          if (response.ok && !response.redirected) { response.json().then(show); }
        }, function () {
          if (tries < FAST_TRIES) { schedule(); } // offline for a moment: try again
        });
    }

    function schedule() {
      tries += 1;
      window.setTimeout(ask, tries <= FAST_TRIES ? FAST : SLOW);
    }

    shown = region.getAttribute("data-status");
    schedule();
  }

  var region = document.querySelector("[data-report-status][data-pending]");
  if (region && window.fetch) { start(region); }
})();
