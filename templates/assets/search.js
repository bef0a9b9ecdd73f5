// The /search/ page: Pagefind's JS API, facet checkboxes with counts, and the whole state in the URL.
// The filters, their labels and order are rendered at build time (so nothing moves when this runs);
// this script reads them from the page. Plain module script, no inline code, so it runs under a
// Content-Security-Policy without 'unsafe-inline'.

// Pagefind sort keys written by jobsite's search stage (`posted` as a day number, `salary` as the annual maximum).
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
const follow = document.getElementById("search-follow");
const siteFeed = [...follow.childNodes]; // the build shows the site's feed: no filter chosen
// {"<filter>": {"<value>": "/feed/url.xml"}}: the values that have an Atom feed of their own.
const feeds = JSON.parse(document.getElementById("feed-index")?.textContent || "{}");
const FACETS = [...facetsBox.querySelectorAll("fieldset[data-facet]")].map((fieldset) => ({
  key: fieldset.dataset.facet,
  label: fieldset.querySelector("legend").textContent,
  list: fieldset.querySelector(".facet-values"),
}));

const boxes = new Map(); // "facet\u0000value" -> {input, count, item, name}
for (const input of facetsBox.querySelectorAll("input[type=checkbox]")) addBox(input);
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

function addBox(input) {
  const item = input.closest("li");
  const name = item.querySelector(".facet-name").textContent;
  boxes.set(input.name + "\u0000" + input.value, { input, count: item.querySelector(".facet-count"), item, name });
}

function addMissing(state) {
  // A shared URL may name a value no open posting has any more: show it (0) so it can be unticked.
  for (const facet of FACETS) {
    for (const value of state.filters[facet.key] || []) {
      if (boxes.has(facet.key + "\u0000" + value)) continue;
      const id = `facet-${facet.key}-${facet.list.children.length}`;
      const input = element("input");
      Object.assign(input, { type: "checkbox", name: facet.key, value, id });
      const label = element("label");
      label.htmlFor = id;
      label.append(element("span", "facet-name", value), " ", element("span", "facet-count", "(0)"));
      const item = element("li");
      item.append(input, label);
      facet.list.append(item);
      addBox(input);
    }
  }
}

function showState(state) {
  addMissing(state);
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
  const first = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
  if (ticket !== sequence) return;
  // Everything changes in one frame: the cards are new, and nothing already shown moves.
  showCounts(counts);
  list.replaceChildren(...first.map(card));
  shown = { results: search.results, next: first.length, ticket };
  showMoreButton();
  status.textContent = describe(state, search.results.length);
  showFollow(state);
  form.setAttribute("aria-busy", "false");
}

async function showMore() {
  const { results, next, ticket } = shown;
  const data = await Promise.all(results.slice(next, next + PAGE_SIZE).map((r) => r.data()));
  if (ticket !== sequence) return;
  const cards = data.map(card);
  list.append(...cards);
  shown.next = next + data.length;
  showMoreButton();
  if (cards.length) cards[0].querySelector("a").focus();
}

function showMoreButton() {
  const left = shown.results.length - shown.next;
  moreButton.hidden = left <= 0;
  moreButton.textContent = `Show more (${left} left)`;
}

function showFollow(state) {
  // A feed follows one filter value (or none: the whole site); words and sorting don't change it.
  const chosen = FACETS.flatMap((facet) => (state.filters[facet.key] || []).map((value) => [facet, value]));
  const [facet, value] = chosen[0] || [];
  const url = chosen.length === 1 ? (feeds[facet.key] || {})[value] : null;
  const what = chosen.length === 1 ? `${facet.label}: ${boxes.get(facet.key + "\u0000" + value).name}` : "";
  if (!chosen.length) follow.replaceChildren(...siteFeed);
  else if (chosen.length > 1) follow.replaceChildren("These filters together have no feed.");
  else if (!url) follow.replaceChildren(`“${what}” has no feed of its own.`);
  else {
    const link = element("a", "", `Follow ${what}`);
    Object.assign(link, { href: url, type: "application/atom+xml" });
    follow.replaceChildren(link, " ", element("span", "feed-kind", "(Atom feed)"));
  }
  follow.title = follow.textContent; // the line never wraps: a long name may end in "…"
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
  if (meta.seniority) details.append(element("span", "badge seniority", meta.seniority));
  if (meta.visa) details.append(element("span", "badge visa", meta.visa));
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
  await pagefind.filters();
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
  moreButton.addEventListener("click", () => showMore().catch(fail));
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
