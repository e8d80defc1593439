// Keyboard triage of the monitoring queue: j/k move, x selects, Enter opens, a/d/m act.
// The actions are ordinary forms posted to the server; without JavaScript the group page has them.
(function () {
  "use strict";
  const table = document.getElementById("queue");
  if (!table) return;
  const rows = Array.from(table.querySelectorAll("tr.queue-row"));
  const canTriage = table.dataset.canTriage === "1";
  const form = document.getElementById("triage-form");
  const sections = {
    accept: document.getElementById("triage-accept"),
    dismiss: document.getElementById("triage-dismiss"),
    duplicate: document.getElementById("triage-duplicate"),
  };
  let current = 0;

  function select(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach((row, i) => row.classList.toggle("is-current", i === current));
    rows.forEach((row, i) => row.setAttribute("aria-selected", i === current ? "true" : "false"));
    rows[current].focus();
  }

  function open(action) {
    const row = rows[current];
    if (!form || !row) return;
    form.action = row.dataset[action];
    Object.entries(sections).forEach(([name, el]) => {
      el.hidden = name !== action;
      el.querySelectorAll("input, select").forEach((input) => {
        input.disabled = name !== action;
        input.required = name === action;
      });
    });
    form.hidden = false;
    const first = sections[action].querySelector("input, select");
    if (first) first.focus();
  }

  function close() {
    if (!form) return;
    form.hidden = true;
    select(current);
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
      target instanceof HTMLTextAreaElement;
    if (event.key === "Escape" && form && !form.hidden) { close(); return; }
    if (typing) return;
    const keys = {
      j: () => select(current + 1),
      k: () => select(current - 1),
      x: () => { const box = rows[current].querySelector(".queue-select"); box.checked = !box.checked; },
      Enter: () => { window.location.href = rows[current].dataset.url; },
    };
    if (canTriage) {
      keys.a = () => open("accept");
      keys.d = () => open("dismiss");
      keys.m = () => open("duplicate");
    }
    const handler = keys[event.key];
    if (handler) { event.preventDefault(); handler(); }
  });

  const cancel = document.getElementById("triage-cancel");
  if (cancel) cancel.addEventListener("click", close);
  const batch = document.getElementById("batch-form");
  if (batch) {
    batch.addEventListener("submit", () => {
      const ids = rows.filter((row) => row.querySelector(".queue-select").checked)
        .map((row) => row.dataset.group);
      document.getElementById("batch-groups").value = ids.join(",");
    });
  }
  select(0);
})();
