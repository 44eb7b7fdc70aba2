/**
 * The search page: results as you type over the Pagefind index, with Vietnamese folding and phrase
 * ranking from search-rank.js, filters, and the query kept in the URL (Back restores it).
 * Plain ES module, no inline script or style, so it runs under a strict Content-Security-Policy.
 *
 * A large archive's index is two bundles (lib/search/tiers.ts): the recent months, searched first,
 * and the older ones, loaded only when the reader asks for them, when the recent months hold fewer
 * than a page of results or when a year filter reaches into them, so a first query downloads the
 * recent months' index only.
 */

const PAGE_SIZE = 10;
const FILTERS = ["category", "unit", "author", "year"];

const root = document.querySelector("[data-search]");
const form = document.querySelector("[data-search-form]");
const input = document.querySelector("[data-search-input]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const sortSelect = document.querySelector("[data-search-sort]");
const archiveButton = document.querySelector("[data-search-archive]");
/** @type {Record<string, HTMLSelectElement>} */
const selects = Object.fromEntries(
  FILTERS.map((name) => [name, document.querySelector(`[data-filter="${name}"]`)]),
);

let rank, pagefind, tiers;
try {
  [rank, pagefind, tiers] = await Promise.all([
    import(root.dataset.rankModule),
    import(root.dataset.pagefind),
    // Without the file (an index older than the split) the one bundle holds every year.
    fetch(new URL("tiers.json", new URL(root.dataset.pagefind, location.href)))
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null),
  ]);
} catch (error) {
  status.textContent = "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.";
  throw error;
}
/** The bundles loaded so far, newest first: the recent one, then the archive once asked for. */
const bundles = [pagefind];
/** @type {Promise<void> | undefined} */
let archiveLoad;
/** Whether the reader asked for the older articles too (the button, or `scope=all` in a shared link). */
let wantArchive = false;
const archive = tiers?.archive ?? null;

let generation = 0;
/** @type {{ results: any[], shown: number, parsed: import("./search-rank.js").Query, relevance: boolean, query: string, filtered: boolean }} */
let current = {
  results: [],
  shown: 0,
  parsed: rank.parseQuery(""),
  relevance: true,
  query: "",
  filtered: false,
};
/** The header's box: on this page it shows the query of the page's box, and searches here. */
const headerInput = /** @type {HTMLInputElement | null} */ (document.querySelector("#q-header"));
const filterBox = /** @type {HTMLDetailsElement | null} */ (
  document.querySelector("[data-search-filter-box]")
);

// Words typed while the index was loading are kept; a shared link's query wins otherwise.
const typedEarly = input.value;
readURL();
if (typedEarly && !input.value) input.value = typedEarly;
root.dataset.ready = "";
run(false);

// Loading the index when the box gets focus hides most of the first query's wait.
input.addEventListener("focus", () => pagefind.init(), { once: true });
input.addEventListener(
  "input",
  debounce(() => run(false), 250),
);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  run(true);
});
for (const select of [...Object.values(selects), sortSelect])
  select.addEventListener("change", () => run(true));
archiveButton.addEventListener("click", async () => {
  wantArchive = true;
  await run(true);
  list.querySelector("a")?.focus();
});
more.addEventListener("click", async () => {
  const before = list.children.length;
  await showMore(generation);
  // Keyboard and screen-reader users continue from the first new result, not from the button.
  list.children[before]?.querySelector("a")?.focus();
});
headerInput?.form?.addEventListener("submit", (event) => {
  event.preventDefault();
  input.value = headerInput.value;
  run(true);
});
window.addEventListener("popstate", () => {
  readURL();
  run(false);
});

function readURL() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const name of FILTERS) selects[name].value = params.get(name) ?? "";
  sortSelect.value = params.get("sort") === "newest" ? "newest" : "";
  wantArchive = params.get("scope") === "all";
  // A shared link that narrows the results shows why: the filters it set are open to see.
  if (filterBox && FILTERS.some((name) => selects[name].value)) filterBox.open = true;
}

/** Writes the query and filters into the address bar: a new history entry only when asked. */
function writeURL(push) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim().normalize("NFC"));
  for (const name of FILTERS) if (selects[name].value) params.set(name, selects[name].value);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  if (wantArchive && archive) params.set("scope", "all");
  const url = `${location.pathname}${params.size ? `?${params}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

async function run(push) {
  writeURL(push);
  const mine = ++generation;
  const query = input.value.trim().normalize("NFC");
  if (headerInput && document.activeElement !== headerInput) headerInput.value = input.value;
  const parsed = rank.parseQuery(query);
  const { syllables } = parsed;
  list.replaceChildren();
  more.hidden = true;
  archiveButton.hidden = true;
  if (!syllables.length) {
    status.textContent = "";
    return;
  }
  const filters = Object.fromEntries(
    FILTERS.filter((n) => selects[n].value).map((n) => [n, selects[n].value]),
  );
  const relevance = sortSelect.value !== "newest";
  const options = { filters, ...(relevance ? {} : { sort: { date: "desc" } }) };
  const searches = rank.pagefindSearches(parsed, relevance);
  // The archive is searched too when asked for, when the chosen year reaches into it, or when the
  // recent months hold less than a page of results.
  const yearInArchive = archive && filters.year && Number(filters.year) <= Number(archive.to.slice(0, 4));
  if (wantArchive || yearInArchive) await loadArchive();
  if (mine !== generation) return;
  let results = await searchBundles(searches, options, relevance);
  if (mine !== generation) return;
  if (archive && bundles.length === 1 && results.length < PAGE_SIZE) {
    await loadArchive();
    if (mine !== generation) return;
    results = await searchBundles(searches, options, relevance);
    if (mine !== generation) return;
  }
  current = { results, shown: 0, parsed, relevance, query, filtered: Object.keys(filters).length > 0 };
  await showMore(mine);
}

/** Loads the archive's bundle once, as a second Pagefind beside the recent one (nothing without an archive). */
function loadArchive() {
  if (!archive) return Promise.resolve();
  archiveLoad ??= import(
    new URL(`${archive.path}pagefind.js`, new URL(root.dataset.pagefind, location.href)).href
  ).then((module) => void bundles.push(module));
  return archiveLoad;
}

/**
 * The results of every loaded bundle, in order: Pagefind's plain search, its phrase search and the
 * searches every result must be in (rank.pagefindSearches), combined by search-rank.js. Pagefind's
 * phrases ignore marks; the marks the reader typed are checked on each result's text as it is shown.
 */
async function searchBundles(searches, options, relevance) {
  const answers = await Promise.all(
    bundles.map(async (bundle) => {
      const ids = async (query) => new Set((await bundle.search(query, options)).results.map((r) => r.id));
      const [plain, phraseIds, required] = await Promise.all([
        bundle.search(searches.plain, options),
        searches.phrase.length
          ? Promise.all(searches.phrase.map(ids)).then((sets) => new Set(sets.flatMap((set) => [...set])))
          : null,
        Promise.all(
          searches.required.map(async (alternatives) =>
            rank.meetingIds(await Promise.all(alternatives.map((all) => Promise.all(all.map(ids))))),
          ),
        ),
      ]);
      return { results: rank.combineResults(plain.results, required, phraseIds), phraseIds };
    }),
  );
  return rank.joinBundles(answers, relevance);
}

/** Loads and shows the next page of results; the count is announced once the page is in. */
async function showMore(mine) {
  const { results, parsed, relevance } = current;
  const batch = results.slice(current.shown, current.shown + PAGE_SIZE);
  const loaded = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  // Pagefind's copy of the page: its title, then the article's text (the date line is not indexed).
  const searchable = (data) => data.content;
  const verified = loaded.filter((data) => rank.matchTier(searchable(data), parsed) !== rank.TIER.MISSING);
  const ordered = relevance ? rank.rerank(verified, searchable, parsed) : verified;
  // A page Pagefind matched only through other metadata (e.g. an image file name) is not an answer.
  const dropped = new Set(batch.filter((_, i) => !verified.includes(loaded[i])).map((r) => r.id));
  current.results = results.filter((r) => !dropped.has(r.id));
  current.shown += ordered.length;
  list.append(...ordered.map((data) => renderResult(data, parsed)));
  more.hidden = current.shown >= current.results.length;
  if (!ordered.length && !more.hidden) return showMore(mine);
  announce();
}

function announce() {
  const count = current.results.length;
  const recentOnly = archive && bundles.length === 1;
  const names = recentOnly ? rank.describeTiers(tiers) : null;
  status.textContent = count
    ? `Tìm thấy ${count} kết quả cho “${current.query}”${names ? ` ${names.recent}` : ""}`
    : rank.noResultsMessage(current.query, current);
  archiveButton.hidden = !recentOnly;
  if (names) archiveButton.textContent = names.archive;
}

function renderResult(data, parsed) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.image) {
    const image = document.createElement("img");
    image.src = new URL(data.meta.image, new URL(data.url, location.href)).pathname;
    image.alt = "";
    image.width = 160;
    image.height = 107;
    image.loading = "lazy";
    image.className = "search-thumb";
    item.append(image);
  }
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "search-date";
    date.textContent = data.meta.date;
    item.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  for (const segment of rank.excerptSegments(rank.bodyText(data.content, data.meta.title), parsed)) {
    if (!segment.mark) excerpt.append(segment.text);
    else {
      const mark = document.createElement("mark");
      mark.textContent = segment.text;
      excerpt.append(mark);
    }
  }
  item.append(excerpt);
  return item;
}

function debounce(fn, wait) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, wait);
  };
}
