// Confirmation before destructive form submissions: a form with
// data-confirm="question" asks before it is sent. No inline script is
// needed, so the Content-Security-Policy can forbid it.
document.addEventListener('submit', function (event) {
  var question = event.target && event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);
