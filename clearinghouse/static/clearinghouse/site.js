// Behaviour of the shared layout, kept out of the HTML (the Content-Security-Policy allows no
// inline script). Everything works without it: the language form has a button in <noscript>.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A button that undoes or sends something asks first (data-confirm holds the question).
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
