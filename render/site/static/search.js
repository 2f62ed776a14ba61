/* Search and filters of the procedure index. Without this script the index lists every
   procedure; with it, the form appears and narrows the list as you type or choose.
   fold() must stay the same rule as motcua.render.site.folding.fold in Python. */
(function () {
  "use strict";

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }
  window.motcua = { fold: fold };

  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.procedure"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  // Read once: a catalogue of thousands of procedures is filtered on every key stroke.
  var rows = items.map(function (li) {
    var d = li.dataset;
    return {
      li: li,
      agency: d.agency,
      field: d.field,
      levels: " " + d.level + " ",
      search: d.search,
      group: groups.indexOf(li.closest("section.group")),
    };
  });
  var badges = groups.map(function (section) {
    return section.querySelector(".group-count");
  });
  var count = document.getElementById("count");
  var noneFound = document.getElementById("none-found");
  var names = ["q", "agency", "field", "level"];

  function control(name) {
    return form.elements.namedItem(name);
  }

  function wanted() {
    var state = {};
    names.forEach(function (name) {
      var el = control(name);
      state[name] = el ? el.value : "";
    });
    return state;
  }

  function apply() {
    var state = wanted();
    var words = fold(state.q).split(" ").filter(Boolean);
    var shown = 0;
    var visible = groups.map(function () { return 0; });
    var level = " " + state.level + " ";
    rows.forEach(function (row) {
      var ok =
        (!state.agency || row.agency === state.agency) &&
        (!state.field || row.field === state.field) &&
        (!state.level || row.levels.indexOf(level) !== -1) &&
        words.every(function (w) { return row.search.indexOf(w) !== -1; });
      // Only a change touches the page: each one makes the browser lay the list out again.
      if (row.li.hidden === ok) {
        row.li.hidden = !ok;
      }
      if (ok) {
        shown += 1;
        visible[row.group] += 1;
      }
    });
    groups.forEach(function (section, n) {
      if (section.hidden !== (visible[n] === 0)) {
        section.hidden = visible[n] === 0;
      }
      if (badges[n]) {
        badges[n].textContent = String(visible[n]);
      }
    });
    count.textContent = count.dataset.template
      .replace("{shown}", String(shown))
      .replace("{total}", String(items.length));
    noneFound.hidden = shown !== 0;
    remember(state);
  }

  function remember(state) {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      if (state[name]) {
        params.set(name, state[name]);
      }
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (e) {
      /* Some browsers refuse to change the address of file:// pages; filtering still works. */
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    names.forEach(function (name) {
      var el = control(name);
      var value = params.get(name);
      if (el && value !== null) {
        el.value = value;
      }
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  restore();
  apply();
})();
