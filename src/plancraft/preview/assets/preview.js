// plancraft serve: reload the page when its plan is rebuilt, keep the scroll position, show errors over it.
(() => {
  "use strict";
  const script = document.currentScript;
  const slug = script.dataset.slug;
  const shown = script.dataset.good;
  const scrollKey = "plancraft-scroll:" + location.pathname;
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    window.scrollTo(x, y);
    addEventListener("load", () => window.scrollTo(x, y), { once: true });
  }

  const badge = document.createElement("div");
  badge.id = "plancraft-badge";
  badge.textContent = "live";
  document.body.appendChild(badge);

  const overlay = document.createElement("aside");
  overlay.id = "plancraft-overlay";
  overlay.setAttribute("role", "alert");
  overlay.hidden = true;
  document.body.appendChild(overlay);

  let dismissed = "";
  const events = new EventSource(
    slug ? "/_plancraft/events/" + encodeURIComponent(slug) : "/_plancraft/events");
  let first = null;

  function reload() {
    sessionStorage.setItem(scrollKey, Math.round(scrollX) + "," + Math.round(scrollY));
    events.close();
    location.reload();
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function showProblems(state) {
    overlay.replaceChildren();
    const key = JSON.stringify(state.errors);
    if (!state.errors.length || key === dismissed) {
      overlay.hidden = true;
      return;
    }
    const head = element("header", "", "");
    const count = state.errors.length === 1 ? "1 error" : state.errors.length + " errors";
    head.appendChild(element("strong", "", count));
    head.appendChild(document.createTextNode(
      document.querySelector(".plancraft-waiting") ? "" : " — showing the last good rendering"));
    const close = element("button", "", "×");
    close.title = "Hide until the next change";
    close.addEventListener("click", () => { dismissed = key; overlay.hidden = true; });
    head.appendChild(close);
    overlay.appendChild(head);
    const list = element("ol", "", "");
    for (const problem of state.errors) {
      const item = element("li", "", "");
      item.appendChild(element("code", "location", problem.location));
      item.appendChild(element("div", "message", problem.message));
      if (problem.hint) item.appendChild(element("div", "hint", problem.hint));
      list.appendChild(item);
    }
    overlay.appendChild(list);
    overlay.hidden = false;
  }

  events.addEventListener("state", (event) => {
    badge.className = "";
    badge.textContent = "live";
    if (!slug) {
      if (first !== null && event.data !== first) reload();
      first = event.data;
      return;
    }
    const state = JSON.parse(event.data);
    if (String(state.good) !== shown) {
      reload();
      return;
    }
    showProblems(state);
    badge.className = state.errors.length ? "error" : state.warnings ? "warning" : "";
    badge.textContent = state.errors.length || state.warnings ? state.status : "live";
  });
  events.addEventListener("error", () => {
    badge.className = "offline";
    badge.textContent = "reconnecting";
  });
})();
