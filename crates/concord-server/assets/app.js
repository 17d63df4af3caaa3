// Concord's search page: plain JavaScript over the JSON API, no build step, no network
// beyond this server. The page's state lives in the URL (the API's own parameters), so a
// search can be shared and the back button works.
"use strict";

const GROUPS = [
  ["party", "Parties"],
  ["venue", "Venues"],
  ["topic", "Topics"],
  ["process", "Peace processes"],
  ["lang", "Languages"],
  ["doc_type", "Document types"],
];
const PAGE = 20;
const SHOWN = 8; // facet values shown before "more"
const MAX_OFFSET = 10000;

const $ = (id) => document.getElementById(id);
const expanded = new Set(); // facet groups showing every value

// ---------- state <-> URL ----------

function readState() {
  const params = new URLSearchParams(location.search);
  const state = {
    q: params.get("q") || "",
    from: params.get("from") || "",
    to: params.get("to") || "",
    sort: params.get("sort") || "relevance",
    match: params.get("match") === "any" ? "any" : "all",
    offset: Math.max(0, parseInt(params.get("offset") || "0", 10) || 0),
    doc: params.get("doc") || "",
    filters: {},
  };
  for (const [group] of GROUPS) {
    state.filters[group] = params.getAll(group);
  }
  return state;
}

function toParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [group] of GROUPS) {
    for (const value of state.filters[group]) params.append(group, value);
  }
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.match === "any") params.set("match", "any");
  if (state.offset) params.set("offset", String(state.offset));
  return params;
}

function go(state, replace) {
  const params = state.doc ? new URLSearchParams({ doc: state.doc }) : toParams(state);
  const query = params.toString();
  const url = query ? "?" + query : location.pathname;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

// Changes the search; a changed search starts at its first page.
function update(change) {
  const state = readState();
  state.offset = 0;
  state.doc = "";
  change(state);
  go(state);
}

// ---------- helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const number = new Intl.NumberFormat();
const svgNS = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(svgNS, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

// The API key, when the server asks for one (kept for this browser tab only).
let apiKey = sessionStorage.getItem("concord-api-key") || "";

function authHeaders(extra) {
  const headers = { ...extra };
  if (apiKey) headers.authorization = "Bearer " + apiKey;
  return headers;
}

async function getJson(url) {
  const response = await fetch(url, { headers: authHeaders({ accept: "application/json" }) });
  const body = await response.json().catch(() => null);
  if (response.status === 401) askForKey(apiKey !== "");
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new Error(message);
  }
  return body;
}

function askForKey(wrong) {
  $("key-form").hidden = false;
  $("key-note").textContent = wrong
    ? "That key was refused; enter the right one."
    : "This server needs an API key to search.";
  $("api-key").focus();
}

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  apiKey = $("api-key").value.trim();
  sessionStorage.setItem("concord-api-key", apiKey);
  $("key-form").hidden = true;
  render();
});

// Links to API answers cannot carry a key: with one, they are fetched and saved instead.
for (const id of ["export-csv", "export-jsonl", "as-json"]) {
  $(id).addEventListener("click", async (event) => {
    if (!apiKey) return;
    event.preventDefault();
    const link = event.currentTarget;
    const response = await fetch(link.href, { headers: authHeaders() });
    if (!response.ok) {
      if (response.status === 401) askForKey(true);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = el("a", { href: url, download: link.getAttribute("download") || "concord-search.json" });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
}

// The last day of a timeline bucket (`2022` or `2022-03`).
function lastDay(key) {
  if (key.length === 4) return key + "-12-31";
  const [year, month] = key.split("-").map(Number);
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return key + "-" + String(day).padStart(2, "0");
}

// ---------- search view ----------

let generation = 0; // drops answers to searches the user has already replaced

async function renderSearch(state) {
  $("search-view").hidden = false;
  $("document-view").hidden = true;
  $("q").value = state.q;
  $("from").value = state.from;
  $("to").value = state.to;
  $("sort").value = state.sort;
  $("match").value = state.match;
  const params = toParams(state);
  params.set("limit", String(PAGE));
  params.set("histogram", timelineInterval(state));
  $("as-json").href = "/api/search?" + params;
  const everything = toParams({ ...state, offset: 0 });
  $("export-jsonl").href = "/api/export?" + everything;
  everything.set("format", "csv");
  everything.set("bom", "true");
  $("export-csv").href = "/api/export?" + everything;
  const mine = ++generation;
  $("status").textContent = "Searching…";
  document.body.classList.add("busy");
  try {
    const answer = await getJson("/api/search?" + params);
    if (mine !== generation) return;
    renderStatus(state, answer);
    renderFacets(state, answer.facets);
    renderTimeline(state, answer.histogram, params.get("histogram"));
    renderActive(state);
    renderHits(answer.hits);
    renderPages(state, answer.total);
    document.title = state.q ? `${state.q} – Concord` : "Concord";
  } catch (error) {
    if (mine !== generation) return;
    $("status").replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
    for (const id of ["facets", "hits", "pages", "active"]) $(id).replaceChildren();
    $("timeline").replaceChildren();
  } finally {
    if (mine === generation) document.body.classList.remove("busy");
  }
}

// Months when the range spans at most three years, else years.
function timelineInterval(state) {
  const from = parseInt(state.from.slice(0, 4), 10);
  const to = parseInt(state.to.slice(0, 4), 10);
  return from && to && to - from <= 2 ? "month" : "year";
}

function renderStatus(state, answer) {
  const total = answer.total;
  const words =
    total === 0
      ? "No documents match."
      : `${number.format(total)} document${total === 1 ? "" : "s"}`;
  // What the search read differently from what was typed, quietly under the count.
  const notices = (answer.notices || []).map((notice) =>
    el("span", { class: "notice", "data-code": notice.code }, notice.message),
  );
  // Names the query's words spelled (`entities`): each a chip that filters on the value.
  const names = (answer.entities || [])
    .filter((entity) => state.filters[entity.group])
    .map((entity) =>
      el(
        "button",
        {
          type: "button",
          class: "chip entity",
          "data-group": entity.group,
          "data-value": entity.value,
          title: `Also found: documents indexed under ${entity.group} ${entity.label}. Click to filter on it.`,
          onclick: () =>
            update((s) => {
              if (!s.filters[entity.group].includes(entity.value)) {
                s.filters[entity.group].push(entity.value);
              }
            }),
        },
        `${entity.text}: ${entity.group} ${entity.label}`,
      ),
    );
  // Other spellings the words also matched (`typos`), quietly.
  const typos = (answer.typos || []).map((typo) =>
    el("span", { class: "typo" }, `${typo.word}: also ${typo.also.join(", ")}`),
  );
  // Nothing found: the nearest query that finds something, as a link.
  const suggestion = answer.did_you_mean;
  const didYouMean = suggestion
    ? [
        el(
          "span",
          { class: "did-you-mean" },
          "Did you mean ",
          el(
            "a",
            {
              id: "did-you-mean",
              href: "?" + toParams({ ...state, q: suggestion.q, offset: 0 }).toString(),
              onclick: (event) => {
                event.preventDefault();
                update((s) => {
                  s.q = suggestion.q;
                });
              },
            },
            suggestion.q,
          ),
          `? (${number.format(suggestion.total)} document${suggestion.total === 1 ? "" : "s"})`,
        ),
      ]
    : [];
  $("status").replaceChildren(
    el("span", { id: "total", "data-total": total }, words),
    el("span", { class: "took" }, ` · ${answer.took_ms} ms`),
    ...didYouMean,
    ...notices,
    ...(typos.length ? [el("span", { class: "typos" }, "Also spelled: ", ...typos)] : []),
    ...(names.length ? [el("span", { class: "entities" }, "Names: ", ...names)] : []),
  );
}

function renderFacets(state, facets) {
  const panels = GROUPS.map(([group, title]) => {
    const values = facets[group] || [];
    const selected = state.filters[group];
    // Ticked values stay visible even when nothing else matches them.
    const shown = [...values];
    for (const value of selected) {
      if (!shown.some((facet) => facet.value === value)) {
        shown.push({ value, label: value, count: 0 });
      }
    }
    if (shown.length === 0) return null;
    const all = expanded.has(group);
    const visible = all
      ? shown
      : shown.filter((facet, index) => index < SHOWN || selected.includes(facet.value));
    const list = el(
      "ul",
      { class: "facet-values" },
      visible.map((facet) => {
        const id = `f-${group}-${facet.value}`;
        return el(
          "li",
          {},
          el("input", {
            type: "checkbox",
            id,
            "data-group": group,
            value: facet.value,
            checked: selected.includes(facet.value),
            onchange: (event) =>
              update((s) => {
                const values = s.filters[group];
                if (event.target.checked) values.push(facet.value);
                else s.filters[group] = values.filter((value) => value !== facet.value);
              }),
          }),
          el("label", { for: id }, facet.label),
          el("span", { class: "count", "data-count": facet.count }, number.format(facet.count)),
        );
      }),
    );
    const more =
      shown.length > SHOWN
        ? el(
            "button",
            {
              type: "button",
              class: "link",
              "aria-expanded": all ? "true" : "false",
              onclick: () => {
                if (all) expanded.delete(group);
                else expanded.add(group);
                renderFacets(state, facets);
              },
            },
            all ? "Fewer" : `All ${shown.length}`,
          )
        : null;
    return el(
      "section",
      { class: "panel", "data-group": group, "aria-labelledby": `t-${group}` },
      el("h2", { id: `t-${group}` }, title),
      list,
      more,
    );
  });
  $("facets").replaceChildren(...panels.filter(Boolean));
}

function renderTimeline(state, buckets, interval) {
  const figure = $("timeline");
  if (!buckets || buckets.length === 0) {
    figure.replaceChildren();
    return;
  }
  const width = 720;
  const height = 110;
  const axis = 18;
  const max = Math.max(...buckets.map((bucket) => bucket.count), 1);
  const step = width / buckets.length;
  const bar = Math.max(1, step - (step > 4 ? 1 : 0));
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height + axis}`,
    role: "img",
    "aria-label": `Documents per ${interval}, ${buckets[0].key} to ${buckets[buckets.length - 1].key}`,
  });
  buckets.forEach((bucket, index) => {
    const h = bucket.count === 0 ? 0 : Math.max(2, (bucket.count / max) * height);
    const group = svg("g", {
      class: "bucket",
      tabindex: bucket.count ? "0" : "-1",
      role: "button",
      "data-key": bucket.key,
      "aria-label": `${bucket.key}: ${bucket.count} documents; narrow the dates to it`,
    });
    const title = svg("title");
    title.textContent = `${bucket.key}: ${number.format(bucket.count)}`;
    group.append(
      title,
      // A full-height hit area, so thin bars are easy to click.
      svg("rect", { class: "hit-area", x: index * step, y: 0, width: step, height }),
      svg("rect", { class: "bar", x: index * step, y: height - h, width: bar, height: h }),
    );
    const narrow = () =>
      update((s) => {
        s.from = bucket.key;
        s.to = bucket.key;
      });
    group.addEventListener("click", narrow);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        narrow();
      }
    });
    chart.append(group);
  });
  // Labels: first, last and a few between.
  const labels = Math.min(buckets.length, 8);
  for (let i = 0; i < labels; i++) {
    const index = labels === 1 ? 0 : Math.round((i * (buckets.length - 1)) / (labels - 1));
    const text = svg("text", {
      x: index * step + step / 2,
      y: height + axis - 4,
      "text-anchor": i === 0 ? "start" : i === labels - 1 ? "end" : "middle",
    });
    text.textContent = buckets[index].key;
    chart.append(text);
  }
  const caption = el(
    "figcaption",
    {},
    `Documents per ${interval}. Click a bar to narrow the dates to it.`,
  );
  figure.replaceChildren(chart, caption);
}

function renderActive(state) {
  const chips = [];
  for (const [group] of GROUPS) {
    for (const value of state.filters[group]) {
      const label = document.querySelector(`label[for="f-${group}-${CSS.escape(value)}"]`);
      chips.push(
        el(
          "button",
          {
            type: "button",
            class: "chip active",
            title: "Remove this filter",
            onclick: () =>
              update((s) => {
                s.filters[group] = s.filters[group].filter((v) => v !== value);
              }),
          },
          label ? label.textContent : value,
          " ×",
        ),
      );
    }
  }
  if (state.from || state.to) {
    chips.push(
      el(
        "button",
        {
          type: "button",
          class: "chip active",
          title: "Any date",
          onclick: () =>
            update((s) => {
              s.from = "";
              s.to = "";
            }),
        },
        `${state.from || "…"} – ${state.to || "…"}`,
        " ×",
      ),
    );
  }
  $("active").replaceChildren(...chips);
}

function chipList(group, values) {
  return values.map((facet) =>
    el(
      "button",
      {
        type: "button",
        class: `chip ${group}`,
        title: `Only documents with ${facet.label}`,
        onclick: () =>
          update((s) => {
            if (!s.filters[group].includes(facet.value)) s.filters[group].push(facet.value);
          }),
      },
      facet.label,
    ),
  );
}

function documentLink(hit) {
  return el(
    "a",
    {
      href: "?doc=" + encodeURIComponent(hit.id),
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        go({ doc: hit.id });
      },
    },
    hit.title || hit.id,
  );
}

function renderHits(hits) {
  $("hits").replaceChildren(
    ...hits.map((hit) => {
      const snippet = el("p", { class: "snippet", lang: hit.lang || undefined, dir: "auto" });
      // The API escapes snippets except for its <mark> tags.
      snippet.innerHTML = hit.snippet || "";
      return el(
        "li",
        { class: "hit", "data-id": hit.id },
        el("h3", { lang: hit.lang || undefined, dir: "auto" }, documentLink(hit)),
        el(
          "p",
          { class: "meta" },
          hit.date ? el("time", {}, hit.date) : "undated",
          hit.doc_type ? ` · ${hit.doc_type}` : "",
          hit.lang ? ` · ${hit.lang}` : "",
        ),
        snippet,
        el(
          "div",
          { class: "chips" },
          chipList("party", hit.parties),
          chipList("venue", hit.venues),
          chipList("topic", hit.topics),
        ),
      );
    }),
  );
}

function renderPages(state, total) {
  const last = Math.min(total, MAX_OFFSET + PAGE);
  const pages = Math.ceil(last / PAGE);
  const current = Math.floor(state.offset / PAGE);
  if (pages <= 1) {
    $("pages").replaceChildren();
    return;
  }
  const link = (page, text, label) =>
    el(
      "button",
      {
        type: "button",
        class: page === current ? "page current" : "page",
        "aria-current": page === current ? "page" : undefined,
        "aria-label": label || `Page ${page + 1}`,
        disabled: page < 0 || page >= pages,
        onclick: () => {
          const s = readState();
          s.offset = page * PAGE;
          go(s);
          window.scrollTo(0, 0);
        },
      },
      text,
    );
  const numbers = [];
  for (let page = Math.max(0, current - 3); page < Math.min(pages, current + 4); page++) {
    numbers.push(link(page, String(page + 1)));
  }
  $("pages").replaceChildren(
    link(current - 1, "‹ Previous", "Previous page"),
    ...numbers,
    link(current + 1, "Next ›", "Next page"),
  );
}

// ---------- document view ----------

async function renderDocument(id) {
  $("search-view").hidden = true;
  const view = $("document-view");
  view.hidden = false;
  view.replaceChildren(el("p", {}, "Loading…"));
  const mine = ++generation;
  try {
    const doc = await getJson("/api/documents/" + id.split("/").map(encodeURIComponent).join("/"));
    if (mine !== generation) return;
    document.title = `${doc.title} – Concord`;
    const facts = [
      ["Date", doc.date || "undated"],
      ["Parties", doc.parties],
      ["Venues", doc.venues],
      ["Topics", doc.topics],
      ["Peace processes", doc.processes],
      ["Language", doc.lang],
      ["Type", doc.doc_type],
      ["File", doc.path],
    ];
    const provenance = doc.provenance || {};
    const source = doc.source
      ? el("p", {}, "Source: ", /^https?:\/\//.test(doc.source)
          ? el("a", { href: doc.source, rel: "noopener noreferrer" }, doc.source)
          : doc.source)
      : null;
    const parts = [
      el("p", {}, el("a", { href: "#", onclick: back }, "‹ Back to the results")),
      el("h1", { lang: doc.lang || undefined, dir: "auto" }, doc.title),
      el(
        "dl",
        { class: "facts" },
        facts
          .filter(([, value]) => value && (!Array.isArray(value) || value.length))
          .flatMap(([name, value]) => [
            el("dt", {}, name),
            el(
              "dd",
              {},
              Array.isArray(value) ? value.map((facet) => facet.label).join(", ") : value,
            ),
          ]),
      ),
      doc.extracted && doc.extracted.length
        ? el("p", { class: "note" }, `Extracted from the text: ${doc.extracted.join(", ")}.`)
        : null,
      source,
      el(
        "div",
        { class: "body", lang: doc.lang || undefined, dir: "auto" },
        doc.body.split(/\n{2,}/).map(paragraphView),
      ),
      provenanceSection(provenance),
      el("section", { id: "similar", "aria-labelledby": "similar-title" },
        el("h2", { id: "similar-title" }, "More like this"),
        el("p", {}, "Looking…")),
    ];
    // replaceChildren would write a null as the text "null".
    view.replaceChildren(...parts.filter(Boolean));
    renderSimilar(id, mine);
  } catch (error) {
    if (mine !== generation) return;
    view.replaceChildren(
      el("p", {}, el("a", { href: "#", onclick: back }, "‹ Back to the results")),
      el("p", { class: "error", role: "alert" }, error.message),
    );
  }
}

// A paragraph of a body, with the little Markdown that corpus documents use: `#` headings
// and `**bold**`, built as DOM nodes (never as HTML from the text).
function paragraphView(paragraph) {
  const heading = paragraph.match(/^#{1,6}\s+(.*)$/s);
  if (heading) return el("h3", {}, heading[1]);
  const parts = paragraph.split("**");
  // Unbalanced marks: show the text as written.
  if (parts.length % 2 === 0) return el("p", {}, paragraph);
  return el("p", {}, parts.map((part, index) => (index % 2 === 1 ? el("strong", {}, part) : part)));
}

function provenanceSection(provenance) {
  const parts = [];
  if (provenance.footnotes && provenance.footnotes.length) {
    parts.push(
      el("h3", {}, "Footnotes"),
      el("ol", { class: "footnotes" },
        provenance.footnotes.map((note) => el("li", {}, el("span", { class: "marker" }, note.marker), " ", note.text))),
    );
  }
  if (provenance.references && provenance.references.length) {
    parts.push(el("h3", {}, "References"), el("ul", {}, provenance.references.map((ref) => el("li", {}, ref))));
  }
  if (provenance.links && provenance.links.length) {
    parts.push(
      el("h3", {}, "Links"),
      el("ul", {}, provenance.links.map((link) =>
        el("li", {}, el("a", { href: link.url.startsWith("www.") ? "https://" + link.url : link.url, rel: "noopener noreferrer" }, link.text || link.url)))),
    );
  }
  return parts.length ? el("section", { class: "provenance" }, el("h2", {}, "Provenance"), parts) : null;
}

async function renderSimilar(id, mine) {
  const section = $("similar");
  try {
    const answer = await getJson("/api/similar/" + id.split("/").map(encodeURIComponent).join("/") + "?limit=5");
    if (mine !== generation) return;
    const list = answer.hits.length
      ? el("ul", { class: "similar" }, answer.hits.map((hit) =>
          el("li", {}, documentLink(hit), hit.date ? el("span", { class: "meta" }, ` · ${hit.date}`) : "")))
      : el("p", {}, "No similar documents.");
    section.replaceChildren(section.firstChild, list);
  } catch (error) {
    section.replaceChildren(section.firstChild, el("p", { class: "error" }, error.message));
  }
}

function back(event) {
  event.preventDefault();
  if (history.length > 1) history.back();
  else go(readState());
}

// ---------- suggestions as the user types ----------

const GROUP_NAMES = Object.fromEntries(GROUPS);
let suggestTimer = 0;
let suggestGeneration = 0;
let options = []; // what each shown suggestion does when picked
let active = -1;

function closeSuggestions() {
  $("suggestions").hidden = true;
  $("suggestions").replaceChildren();
  $("q").setAttribute("aria-expanded", "false");
  $("q").removeAttribute("aria-activedescendant");
  options = [];
  active = -1;
}

function highlight(index) {
  active = index;
  $("suggestions").querySelectorAll("li").forEach((item, i) => {
    item.setAttribute("aria-selected", i === index ? "true" : "false");
  });
  if (index >= 0) $("q").setAttribute("aria-activedescendant", `suggestion-${index}`);
  else $("q").removeAttribute("aria-activedescendant");
}

async function showSuggestions(text) {
  const mine = ++suggestGeneration;
  if (!text.trim()) return closeSuggestions();
  let answer;
  try {
    answer = await getJson("/api/suggest?" + new URLSearchParams({ q: text, limit: "5" }));
  } catch {
    return closeSuggestions();
  }
  if (mine !== suggestGeneration) return;
  options = [
    ...answer.facets.map((facet) => ({
      kind: GROUP_NAMES[facet.group] || facet.group,
      text: facet.label,
      count: facet.count,
      pick: () =>
        update((s) => {
          s.q = "";
          if (!s.filters[facet.group].includes(facet.value)) s.filters[facet.group].push(facet.value);
        }),
    })),
    ...answer.titles.map((title) => ({
      kind: "Document",
      text: title.title,
      count: title.date || "",
      pick: () => go({ doc: title.id }),
    })),
  ];
  if (options.length === 0) return closeSuggestions();
  $("suggestions").replaceChildren(
    ...options.map((option, index) =>
      el(
        "li",
        {
          id: `suggestion-${index}`,
          role: "option",
          "aria-selected": "false",
          onmousedown: (event) => {
            event.preventDefault(); // keep the focus in the box
            closeSuggestions();
            option.pick();
          },
        },
        el("span", { class: "kind" }, option.kind),
        el("span", { dir: "auto" }, option.text),
        el("span", { class: "count" }, typeof option.count === "number" ? number.format(option.count) : option.count),
      ),
    ),
  );
  $("suggestions").hidden = false;
  $("q").setAttribute("aria-expanded", "true");
  highlight(-1);
}

$("q").addEventListener("input", () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(() => showSuggestions($("q").value), 120);
});

$("q").addEventListener("keydown", (event) => {
  if ($("suggestions").hidden) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    // Past either end: back to none picked (the typed text).
    let next = active + step;
    if (next >= options.length) next = -1;
    else if (next < -1) next = options.length - 1;
    highlight(next);
  } else if (event.key === "Enter" && active >= 0) {
    event.preventDefault();
    const option = options[active];
    closeSuggestions();
    option.pick();
  } else if (event.key === "Escape") {
    event.stopPropagation();
    closeSuggestions();
  }
});

$("q").addEventListener("blur", () => setTimeout(closeSuggestions, 100));

// ---------- wiring ----------

function render() {
  const state = readState();
  if (state.doc) renderDocument(state.doc);
  else renderSearch(state);
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(suggestTimer);
  suggestGeneration++;
  closeSuggestions();
  update((s) => {
    s.q = $("q").value.trim();
  });
});

for (const id of ["from", "to"]) {
  $(id).addEventListener("change", () =>
    update((s) => {
      s[id] = $(id).value.trim();
    }),
  );
}

$("clear-dates").addEventListener("click", () =>
  update((s) => {
    s.from = "";
    s.to = "";
  }),
);

$("match").addEventListener("change", () =>
  update((s) => {
    s.match = $("match").value;
  }),
);

$("sort").addEventListener("change", () =>
  update((s) => {
    s.sort = $("sort").value;
  }),
);

document.addEventListener("keydown", (event) => {
  const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
  if (event.key === "/" && !typing) {
    event.preventDefault();
    $("q").focus();
    $("q").select();
  } else if (event.key === "Escape" && readState().doc) {
    back(event);
  }
});

window.addEventListener("popstate", render);

getJson("/healthz")
  .then((health) => {
    $("health").textContent = `${number.format(health.documents)} documents · index ${health.generation}`;
  })
  .catch(() => {});

render();
