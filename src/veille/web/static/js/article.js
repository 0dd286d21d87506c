// Article reader: an event in the list scrolls to its sentence in the body and marks it;
// an actor highlighted in the body opens the actor's page.
(function () {
  "use strict";
  var body = document.getElementById("body");
  if (!body) return;

  function markSentence(start) {
    var pieces = body.querySelectorAll('[data-sent="' + CSS.escape(String(start)) + '"]');
    if (!pieces.length) return false;
    body.querySelectorAll(".sent.current").forEach(function (el) {
      el.classList.remove("current", "flash");
    });
    pieces.forEach(function (el) {
      el.classList.add("current");
      el.classList.remove("flash");
      void el.offsetWidth; // restart the animation
      el.classList.add("flash");
    });
    pieces[0].scrollIntoView({ behavior: "smooth", block: "center" });
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".ev-link");
    if (link) {
      if (markSentence(link.dataset.sent)) {
        event.preventDefault();
        history.replaceState(null, "", "#s" + link.dataset.sent);
      }
      return;
    }
    var ent = event.target.closest("#body .ent");
    if (ent && !window.getSelection().toString()) {
      window.location.href = "/actors/" + encodeURIComponent(ent.dataset.actor);
    }
  });

  var m = /^#s(\d+)$/.exec(window.location.hash);
  if (m) markSentence(m[1]);
})();
