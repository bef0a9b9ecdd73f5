// The /search/ page: Pagefind's JS API, facet checkboxes with counts, and the whole state in the URL.
// Plain module script, no inline code, so it runs under a Content-Security-Policy without 'unsafe-inline'.

const FACETS = [
  { key: "remote", label: "Remote", order: ["remote", "hybrid", "on-site"], names: { remote: "Remote", hybrid: "Hybrid", "on-site": "On-site" } },
  { key: "type", label: "Employment type", name: (v) => v.charAt(0).toUpperCase() + v.slice(1).replace(/-/g, " ") },
  { key: "salary", label: "Salary", order: ["yes", "no"], names: { yes: "Salary listed", no: "Salary not listed" } },
  { key: "band", label: "Salary per year", compare: compareBands },
  { key: "country", label: "Country" },
  { key: "company", label: "Company" },
  { key: "tag", label: "Tags" },
];
// Pagefind sort keys written by jobsite's search stage (`posted` as yyyymmdd, `salary` as the annual maximum).
const SORTS = { "": null, newest: { posted: "desc" }, salary: { salary: "desc" } };
const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const sortSelect = document.getElementById("search-sort");
const facetsBox = document.getElementById("search-facets");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");

const boxes = new Map(); // "facet\u0000value" -> {input, count, item}
let pagefind = null;
let current = readState(location.search);
let sequence = 0; // only the newest search may touch the page
let shown = { results: [], next: 0, ticket: 0 };
let typing = false; // the first keystroke after a commit adds a history entry, the rest replace it
let timer = 0;

function readState(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const facet of FACETS) {
    const values = [...new Set(params.getAll(facet.key).filter(Boolean))];
    if (values.length) filters[facet.key] = values;
  }
  const sort = params.get("sort") || "";
  return { q: (params.get("q") || "").trim(), filters, sort: sort in SORTS ? sort : "" };
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state.filters[facet.key] || []) params.append(facet.key, value);
  if (state.sort) params.set("sort", state.sort);
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

function effectiveSort(state) {
  // Without words there is no relevance, so the newest postings come first.
  return state.sort || (state.q ? "" : "newest");
}

function pagefindFilters(filters, except) {
  // OR within a facet (remote or hybrid), AND across facets.
  const out = {};
  for (const [key, values] of Object.entries(filters)) if (key !== except && values.length) out[key] = { any: values };
  return out;
}

function bandParts(label) {
  const match = /^(\S+) ([\d.]+)([KM])\+$/.exec(label);
  return match ? [match[1], Number(match[2]) * (match[3] === "M" ? 1e6 : 1e3)] : [label, 0];
}

function compareBands(a, b) {
  const [ca, na] = bandParts(a);
  const [cb, nb] = bandParts(b);
  return ca.localeCompare(cb) || na - nb;
}

function valueName(facet, value) {
  if (facet.names && value in facet.names) return facet.names[value];
  return facet.name ? facet.name(value) : value;
}

function orderValues(facet, totals) {
  const values = Object.keys(totals);
  if (facet.order) return values.sort((a, b) => rank(facet.order, a) - rank(facet.order, b));
  if (facet.compare) return values.sort(facet.compare);
  return values.sort((a, b) => (totals[b] - totals[a]) || a.localeCompare(b));
}

function rank(order, value) {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

function buildFacets(totals) {
  facetsBox.replaceChildren();
  for (const facet of FACETS) {
    const facetTotals = { ...(totals[facet.key] || {}) };
    for (const value of current.filters[facet.key] || []) if (!(value in facetTotals)) facetTotals[value] = 0;
    const values = orderValues(facet, facetTotals);
    if (!values.length) continue;
    const fieldset = element("fieldset", "facet");
    fieldset.append(element("legend", "", facet.label));
    const items = element("ul", "facet-values");
    values.forEach((value, index) => {
      const id = `facet-${facet.key}-${index}`;
      const item = element("li");
      const box = element("input");
      Object.assign(box, { type: "checkbox", name: facet.key, value, id });
      const label = element("label");
      label.htmlFor = id;
      const count = element("span", "facet-count");
      label.append(element("span", "facet-name", valueName(facet, value)), " ", count);
      item.append(box, label);
      items.append(item);
      boxes.set(facet.key + "\u0000" + value, { input: box, count, item });
    });
    fieldset.append(items);
    facetsBox.append(fieldset);
  }
}

function showState(state) {
  input.value = state.q;
  // "Relevance" means nothing without words; show what the list is actually sorted by.
  sortSelect.querySelector('option[value=""]').disabled = !state.q;
  sortSelect.value = effectiveSort(state);
  for (const [key, box] of boxes) {
    const [facet, value] = key.split("\u0000");
    box.input.checked = (state.filters[facet] || []).includes(value);
  }
}

function showCounts(counts) {
  for (const [key, box] of boxes) {
    const [facet, value] = key.split("\u0000");
    const n = (counts[facet] || {})[value] || 0;
    box.count.textContent = `(${n})`;
    box.item.classList.toggle("facet-empty", n === 0 && !box.input.checked);
  }
}

async function run(state) {
  const ticket = ++sequence;
  const term = state.q || null;
  const options = { filters: pagefindFilters(state.filters) };
  const sort = SORTS[effectiveSort(state)];
  if (sort) options.sort = sort;
  const search = await pagefind.search(term, options);
  // A facet's own counts ignore its own ticks, so ticking "remote" still shows how many are hybrid.
  const counts = {};
  for (const facet of FACETS) {
    if ((state.filters[facet.key] || []).length) {
      const others = await pagefind.search(term, { filters: pagefindFilters(state.filters, facet.key) });
      counts[facet.key] = others.filters[facet.key] || {};
    } else {
      counts[facet.key] = search.filters[facet.key] || {};
    }
  }
  if (ticket !== sequence) return;
  showCounts(counts);
  shown = { results: search.results, next: 0, ticket };
  list.replaceChildren();
  await showMore(false);
  if (ticket !== sequence) return;
  status.textContent = describe(state, search.results.length);
  form.setAttribute("aria-busy", "false");
}

async function showMore(moveFocus) {
  const { results, next, ticket } = shown;
  const data = await Promise.all(results.slice(next, next + PAGE_SIZE).map((r) => r.data()));
  if (ticket !== sequence) return;
  const cards = data.map(card);
  list.append(...cards);
  shown.next = next + data.length;
  moreButton.hidden = shown.next >= results.length;
  moreButton.textContent = `Show more (${results.length - shown.next} left)`;
  if (moveFocus && cards.length) cards[0].querySelector("a").focus();
}

function describe(state, n) {
  const jobs = `${n} job${n === 1 ? "" : "s"}`;
  const words = state.q ? ` for “${state.q}”` : "";
  const filtered = Object.keys(state.filters).length ? " with the chosen filters" : "";
  if (n === 0) return `No jobs${words}${filtered}. Try fewer words or filters.`;
  const order = { "": "best match first", newest: "newest first", salary: "highest salary first" }[effectiveSort(state)];
  return `${jobs}${words}${filtered}, ${order}.`;
}

function card(result) {
  const meta = result.meta || {};
  const item = element("li", "card");
  const article = element("article");
  const heading = element("h3", "card-title");
  const link = element("a", "", meta.title || result.url);
  link.href = result.url;
  heading.append(link);
  const details = element("p", "card-meta");
  const badge = element("span", `badge salary salary-${meta.salary_period || "none"}`);
  if (meta.salary_period && meta.salary_period !== "none") {
    const visible = element("span", "", meta.salary);
    visible.setAttribute("aria-hidden", "true");
    badge.append(visible, element("span", "visually-hidden", `Salary: ${meta.salary_spoken}`));
  } else {
    badge.textContent = meta.salary || "Salary not listed";
  }
  details.append(badge);
  if (meta.remote) details.append(element("span", `badge remote remote-${meta.remote.toLowerCase()}`, meta.remote));
  if (meta.location) details.append(element("span", "location", meta.location));
  if (meta.posted) {
    const time = element("time", "", meta.posted);
    time.dateTime = meta.posted_iso || "";
    details.append(time);
  }
  article.append(heading, element("p", "card-company", meta.company || ""), details);
  item.append(article);
  return item;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function commit(mode) {
  const url = stateUrl(current);
  if (url !== location.pathname + location.search) {
    if (mode === "push") history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  form.setAttribute("aria-busy", "true");
  run(current).catch(fail);
}

function checkedFilters() {
  const filters = {};
  for (const [key, box] of boxes) {
    if (!box.input.checked) continue;
    const [facet, value] = key.split("\u0000");
    (filters[facet] ||= []).push(value);
  }
  return filters;
}

function fail(error) {
  status.textContent = "Search is not available right now. Please reload the page.";
  form.setAttribute("aria-busy", "false");
  console.error(error);
}

async function start() {
  pagefind = await import(form.dataset.index);
  // Loading every filter up front is what makes Pagefind return counts with each search.
  buildFacets(await pagefind.filters());
  showState(current);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    current = { ...current, q: input.value.trim() };
    typing = false;
    showState(current);
    commit("push");
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      current = { ...current, q: input.value.trim() };
      sortSelect.querySelector('option[value=""]').disabled = !current.q;
      sortSelect.value = effectiveSort(current);
      commit(typing ? "replace" : "push");
      typing = true;
    }, TYPING_DELAY_MS);
  });
  sortSelect.addEventListener("change", () => {
    current = { ...current, sort: sortSelect.value };
    typing = false;
    commit("push");
  });
  facetsBox.addEventListener("change", () => {
    current = { ...current, filters: checkedFilters() };
    typing = false;
    commit("push");
  });
  moreButton.addEventListener("click", () => showMore(true).catch(fail));
  window.addEventListener("popstate", () => {
    clearTimeout(timer);
    typing = false;
    current = readState(location.search);
    showState(current);
    run(current).catch(fail);
  });
  await run(current);
}

start().catch(fail);
