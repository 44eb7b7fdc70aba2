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
/** @type {{ results: any[], shown: number, syllables: string[], relevance: boolean, query: string }} */
let current = { results: [], shown: 0, syllables: [], relevance: true, query: "" };

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
  const header = document.querySelector("#q-header");
  if (header) header.value = input.value;
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
  const syllables = rank.querySyllables(query);
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
  const text = rank.pagefindQuery(syllables);
  // The archive is searched too when asked for, when the chosen year reaches into it, or when the
  // recent months hold less than a page of results.
  const yearInArchive = archive && filters.year && Number(filters.year) <= Number(archive.to.slice(0, 4));
  if (wantArchive || yearInArchive) await loadArchive();
  if (mine !== generation) return;
  let results = await searchBundles(text, syllables.length, options, relevance);
  if (mine !== generation) return;
  if (archive && bundles.length === 1 && results.length < PAGE_SIZE) {
    await loadArchive();
    if (mine !== generation) return;
    results = await searchBundles(text, syllables.length, options, relevance);
    if (mine !== generation) return;
  }
  current = { results, shown: 0, syllables, relevance, query };
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
 * The results of every loaded bundle, in order: Pagefind's plain search, its quoted phrase search and
 * one quoted search per syllable (all from the same index chunks), combined by search-rank.js.
 */
async function searchBundles(text, syllableCount, options, relevance) {
  const answers = await Promise.all(
    bundles.map(async (bundle) => {
      const [plain, phrase, ...each] = await Promise.all([
        bundle.search(text, options),
        relevance && syllableCount > 1 ? bundle.search(`"${text}"`, options) : null,
        ...text.split(" ").map((syllable) => bundle.search(`"${syllable}"`, options)),
      ]);
      const ids = (search) => new Set(search.results.map((r) => r.id));
      const phraseIds = phrase ? ids(phrase) : null;
      return { results: rank.combineResults(plain.results, each.map(ids), phraseIds), phraseIds };
    }),
  );
  return rank.joinBundles(answers, relevance);
}

/** Loads and shows the next page of results; the count is announced once the page is in. */
async function showMore(mine) {
  const { results, syllables, relevance } = current;
  const batch = results.slice(current.shown, current.shown + PAGE_SIZE);
  const loaded = await Promise.all(batch.map((result) => result.data()));
  if (mine !== generation) return;
  // The content starts with the title; foldAll already equates đ and d, so the hidden copy is not needed.
  const searchable = (data) => data.content;
  const verified = loaded.filter((data) => rank.matchTier(searchable(data), syllables) !== rank.TIER.MISSING);
  const ordered = relevance ? rank.rerank(verified, searchable, syllables) : verified;
  // A page Pagefind matched only through other metadata (e.g. an image file name) is not an answer.
  const dropped = new Set(batch.filter((_, i) => !verified.includes(loaded[i])).map((r) => r.id));
  current.results = results.filter((r) => !dropped.has(r.id));
  current.shown += ordered.length;
  list.append(...ordered.map((data) => renderResult(data, syllables)));
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
    : `Không tìm thấy kết quả nào cho “${current.query}”. Hãy thử từ khóa khác, gõ đủ dấu hoặc bỏ bớt bộ lọc.`;
  archiveButton.hidden = !recentOnly;
  if (names) archiveButton.textContent = names.archive;
}

function renderResult(data, syllables) {
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
  const body = data.content.startsWith(`${data.meta.title}.`)
    ? data.content.slice(data.meta.title.length + 1)
    : data.content;
  for (const segment of rank.excerptSegments(body.trim(), syllables)) {
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
