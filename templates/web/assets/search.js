// Search page: runs the static Pagefind index in the browser. Without JavaScript
// the form stays hidden and the page's <noscript> note offers the issue lists.
const form = document.getElementById('search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const root = form.dataset.root;
// One Pagefind bundle per year, newest first: the first is loaded, the others merged into it (they share its
// WebAssembly and worker, so each adds only its own small index files).
const bundles = form.dataset.bundles.split(' ').filter(Boolean).map((b) => new URL(root + b, document.baseURI).href);
let pagefind;

// Result URLs are the indexed paths from the site root (`/2010/07/index.html`) whatever folder the site is served
// from; Pagefind would prefix them with the bundle's folder (or, for a merged bundle, its origin) unless told not to.
async function loadSearch() {
  const [first, ...rest] = bundles;
  const loaded = await import(`${first}pagefind.js`);
  await loaded.options({ baseUrl: '/' });
  await Promise.all(rest.map((b) => loaded.mergeIndex(b, { baseUrl: '/' })));
  return loaded;
}

/** Pagefind excerpts are text with <mark> around matches: rebuild them as nodes, never as HTML. */
function excerptNodes(excerpt) {
  const out = document.createDocumentFragment();
  let mark = false;
  for (const part of excerpt.split(/(<\/?mark>)/)) {
    if (part === '<mark>' || part === '</mark>') { mark = part === '<mark>'; continue; }
    // A detached <textarea> decodes entities as plain text (RCDATA): nothing in it is ever markup.
    const decoder = document.createElement('textarea');
    decoder.innerHTML = part;
    const text = decoder.value;
    const node = mark ? document.createElement('mark') : document.createTextNode(text);
    if (mark) node.textContent = text;
    out.append(node);
  }
  return out;
}

const relative = (url) => root + url.replace(/^\//, '');

function showResult(data) {
  const item = document.createElement('li');
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = relative(data.url);
  link.textContent = data.meta.title;
  heading.append(link);
  item.append(heading);
  const sub = (data.sub_results || []).find((s) => s.url.includes('#'));
  if (sub) {
    const where = document.createElement('p');
    const subLink = document.createElement('a');
    subLink.href = relative(sub.url);
    subLink.textContent = sub.title;
    where.append('In: ', subLink);
    item.append(where);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  excerpt.append(excerptNodes(sub ? sub.excerpt : data.excerpt));
  item.append(excerpt);
  list.append(item);
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) { status.textContent = 'Type some words to search for.'; return; }
  status.textContent = 'Searching…';
  try {
    if (!bundles.length) {
      status.textContent = `No issues found for “${query}”: there are no issues to search yet.`;
      return;
    }
    pagefind ??= await loadSearch();
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    for (const data of results) showResult(data);
    const n = search.results.length;
    status.textContent = n
      ? `${n} issue${n === 1 ? '' : 's'} found for “${query}”${n > 20 ? '; showing the first 20' : ''}.`
      : `No issues found for “${query}”. Try fewer or different words.`;
  } catch {
    status.textContent = 'Search is not available in this copy of the archive. Browse all issues from the home page instead.';
  }
}

form.hidden = false;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  run(input.value);
});
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
