// Behaviour of the shared layout, kept out of the HTML (the Content-Security-Policy allows no
// inline script). Everything works without it: the language form has a button in <noscript>.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Wide tables scroll inside their own box, never the page (phones): a region named by the
  // table's caption, focusable while it scrolls so a keyboard can scroll it too.
  var boxes = [];
  document.querySelectorAll("main table").forEach(function (table, i) {
    if (table.parentElement.classList.contains("table-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "table-scroll";
    box.setAttribute("role", "region");
    var caption = table.querySelector("caption");
    if (caption) {
      if (!caption.id) { caption.id = "table-caption-" + i; }
      box.setAttribute("aria-labelledby", caption.id);
    } else {
      box.setAttribute("aria-label", table.getAttribute("aria-label") || document.title);
    }
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    boxes.push(box);
  });
  function focusable() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) { box.setAttribute("tabindex", "0"); }
      else { box.removeAttribute("tabindex"); }
    });
  }
  focusable();
  window.addEventListener("resize", focusable);
  // A list of the reader's running jobs (data-poll: where to fetch it again) follows their
  // progress in place, every two seconds, until every job has ended; the job's own page
  // refreshes itself without script.
  function follow(list) {
    var url = list.getAttribute("data-poll");
    if (!url) { return; }
    window.setTimeout(function () {
      fetch(url, {credentials: "same-origin"}).then(function (answer) {
        return answer.ok ? answer.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.firstElementChild;
        if (!fresh) { return; }
        list.replaceWith(fresh);
        follow(fresh);
      }).catch(function () { /* the next page load shows the state */ });
    }, 2000);
  }
  document.querySelectorAll("ul.jobs[data-poll]").forEach(follow);
  // A button that undoes or sends something asks first (data-confirm holds the question).
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
