// plancraft serve: show each new rendering of the plan in place, keep the scroll position, lay errors over it.
(() => {
  "use strict";
  const script = document.currentScript;
  const slug = script.dataset.slug;
  const text = Object.assign({
    live: "live", reconnecting: "reconnecting", hide: "Hide until the next change", oneError: "1 error",
    errors: "{count} errors", lastGood: " — showing the last good rendering", hintLabel: "hint: ",
  }, JSON.parse(script.dataset.text || "{}"));
  let shown = script.dataset.good;
  const stylesheet = document.querySelector('link[href$="preview.css"]');
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
  badge.textContent = text.live;
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
    const count = state.errors.length === 1 ? text.oneError
      : text.errors.replace("{count}", state.errors.length);
    head.appendChild(element("strong", "", count));
    head.appendChild(document.createTextNode(
      document.querySelector(".plancraft-waiting") ? "" : text.lastGood));
    const close = element("button", "", "×");
    close.title = text.hide;
    close.addEventListener("click", () => { dismissed = key; overlay.hidden = true; });
    head.appendChild(close);
    overlay.appendChild(head);
    const list = element("ol", "", "");
    for (const problem of state.errors) {
      const item = element("li", "", "");
      item.appendChild(element("code", "location", problem.location));
      item.appendChild(element("div", "message", problem.message));
      if (problem.hint) {
        const hint = element("div", "hint", problem.hint);
        hint.dataset.label = text.hintLabel;
        item.appendChild(hint);
      }
      list.appendChild(item);
    }
    overlay.appendChild(list);
    overlay.hidden = false;
  }

  // Swap the new rendering into this document: no new page load, fonts stay loaded, the scroll stays.
  async function refresh() {
    const response = await fetch(location.href, { cache: "no-store" });
    if (!response.ok) throw new Error("status " + response.status);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const client = fresh.querySelector('script[src$="preview.js"]');
    if (!client) throw new Error("no preview script in the page");
    for (const node of fresh.querySelectorAll('script, link[href$="preview.css"]')) node.remove();
    const [x, y] = [scrollX, scrollY];
    document.title = fresh.title;
    document.head.replaceChildren(...fresh.head.childNodes);
    document.body.className = fresh.body.className;
    document.body.replaceChildren(...fresh.body.childNodes, stylesheet, script, overlay, badge);
    window.scrollTo(x, y);
    shown = client.dataset.good;
  }

  let latest = null;
  let refreshing = false;
  async function follow() {
    while (latest && String(latest.good) !== shown && !refreshing) {
      refreshing = true;
      try {
        await refresh();
      } catch (error) {
        reload();
        return;
      } finally {
        refreshing = false;
      }
    }
    if (latest) present(latest);
  }

  function present(state) {
    showProblems(state);
    badge.className = state.errors.length ? "error" : state.warnings ? "warning" : "";
    badge.textContent = state.errors.length || state.warnings ? state.status : text.live;
  }

  events.addEventListener("state", (event) => {
    badge.className = "";
    badge.textContent = text.live;
    if (!slug) {
      if (first !== null && event.data !== first) reload();
      first = event.data;
      return;
    }
    const state = JSON.parse(event.data);
    latest = state;
    if (String(state.good) !== shown) {
      follow();
      return;
    }
    present(state);
  });
  events.addEventListener("error", () => {
    badge.className = "offline";
    badge.textContent = text.reconnecting;
  });
})();
