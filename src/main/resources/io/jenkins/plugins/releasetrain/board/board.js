// Entry point of the release board. Mounts every element carrying `data-release-board`:
//   data-board-json  URL of the board document (default "board.json", relative to the page)
//   data-assets-url  where board.css lives, if the page did not link it (default: next to this module)
//   data-theme       "light", "dark", or absent/"auto" to follow the host page (Jenkins' --background
//                    colour when it defines one) or else the system's prefers-color-scheme
// Performance marks: release-board:fetch and release-board:render (first render, layout included).

import { BoardGrid } from './grid.js';
import { el, time, timeZone } from './dom.js';
import { emptyState, readHash, writeHash } from './location-hash.js';
import { boardRows, checkDocument, countArtifacts, documentAt, filterRows } from './model.js';
import { BoardPanel } from './panel.js';
import { BoardToolbar, keyboardHelp } from './toolbar.js';

export class BoardApp {
  constructor(root, doc) {
    this.root = root;
    this.doc = doc;
    this.nowRows = boardRows(doc);
    this.state = null;
    this.view = doc;
    this.rows = this.nowRows;

    const toolbarHost = el('div', { className: 'rt-toolbar-host' });
    this.banner = el('div', { className: 'rt-banner', role: 'status', hidden: true });
    const main = el('div', { className: 'rt-main' });
    const gridHost = el('div', { className: 'rt-grid-host' });
    main.append(doc.environments.length === 0
      ? el('p', { className: 'rt-empty-board', role: 'status', text: 'No release has been recorded yet: the board fills in as releases run.' })
      : gridHost);
    root.replaceChildren(
      el('header', { className: 'rt-header' },
        el('h1', { text: 'Release board' }),
        el('p', { className: 'rt-muted' }, `${doc.environments.length === 1 ? '1 environment' : `${doc.environments.length} environments in promotion order`} · generated `,
          time(doc.generatedAt)),
        el('p', { className: 'rt-legend rt-muted' },
          el('span', { className: 'rt-drift', text: 'env' }),
          ': what is live here differs from what is live in env, the environment before it in promotion order',
          ` · times in ${timeZone()}`),
        keyboardHelp()),
      toolbarHost, this.banner, main);

    this.toolbar = new BoardToolbar(toolbarHost, { onChange: (change) => this.update(change, false) });
    this.toolbar.setProducts(doc.products.map((product) => product.name));
    this.grid = new BoardGrid(gridHost, {
      label: 'Release board: artifacts by environment',
      onCell: (row, e) => this.update({ artifact: row.id, env: doc.environments[e].name, run: '' }, true),
      onEnvironment: (e) => this.update({ env: doc.environments[e].name, artifact: '', run: '' }, true),
    });
    this.panel = new BoardPanel(main, {
      onClose: () => this.closePanel(),
      onSelectRun: (environment, run) => this.update({ env: environment.name, run: run.runId, artifact: '' }, true),
      onShowAt: (at) => this.update({ at }, true),
      onShowHistory: (e) => this.update({ env: doc.environments[e].name, artifact: '', run: '' }, true),
    });

    window.addEventListener('hashchange', () => this.apply(readHash(window.location.hash)));
    window.addEventListener('popstate', () => this.apply(readHash(window.location.hash)));
    root.addEventListener('keydown', (event) => this.onKey(event));
    // "/" searches from anywhere on the page, unless something else already used the key
    document.addEventListener('keydown', (event) => this.onSlash(event));
  }

  /** Changes part of the view state, records it in the URL, and redraws. */
  update(change, push) {
    const next = { ...this.state, ...change };
    const hash = writeHash(next);
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    if (push) {
      window.history.pushState(null, '', url);
    } else {
      window.history.replaceState(null, '', url);
    }
    this.apply(next);
    if (change.run && this.panel.open) {
      this.root.querySelector('#rt-run-title')?.focus();
    } else if (change.env && this.panel.open) {
      this.panel.focus();
    }
  }

  apply(state) {
    const previous = this.state ?? { ...emptyState(), at: null };
    this.state = state;
    if (state.at !== previous.at) {
      this.view = state.at ? documentAt(this.doc, new Date(state.at)) : this.doc;
      this.rows = state.at ? boardRows(this.view) : this.nowRows;
    }
    const environmentIndex = this.doc.environments.findIndex((environment) => environment.name === state.env);
    const filtered = filterRows(this.rows, { product: state.product, status: state.status, text: state.q });
    const dataChanged = state.at !== previous.at || state.product !== previous.product
      || state.status !== previous.status || state.q !== previous.q;
    const openArtifact = state.artifact && environmentIndex >= 0 ? state.artifact : null;
    const historyEnvironment = !state.artifact && environmentIndex >= 0 ? environmentIndex : -1;
    this.grid.openCell = openArtifact === null ? null : { artifactId: openArtifact, environmentIndex };
    this.grid.openEnvironment = historyEnvironment;
    if (dataChanged || state.artifact !== previous.artifact || state.env !== previous.env) {
      this.grid.setData(this.doc.environments, filtered, this.view.unknownBefore ?? [], !state.at);
    }
    this.toolbar.setState(state);
    this.toolbar.setCount(countArtifacts(filtered), countArtifacts(this.rows), state.at || null);
    // live regions and the panel are redrawn only when what they say changes, so a screen reader is not
    // told the same thing on every keystroke in the search field
    if (state.at !== previous.at) {
      this.showBanner(state.at);
    }
    if (state.at !== previous.at || state.env !== previous.env || state.run !== previous.run
      || state.artifact !== previous.artifact || !this.panelDrawn) {
      this.showPanel(state, environmentIndex);
      this.panelDrawn = true;
    }
  }

  showBanner(at) {
    this.banner.hidden = !at;
    if (at) {
      const back = el('button', { type: 'button', className: 'rt-button', text: 'Back to now' });
      back.addEventListener('click', () => this.update({ at: '' }, true));
      this.banner.replaceChildren(
        el('span', {}, 'Showing what was live at ', time(at),
          ': the last succeeded version of each artifact in each environment. '),
        back);
    } else {
      this.banner.replaceChildren();
    }
  }

  showPanel(state, environmentIndex) {
    if (environmentIndex < 0) {
      this.panel.hide();
      return;
    }
    if (state.artifact) {
      const row = this.rows.find((candidate) => candidate.type === 'artifact' && candidate.id === state.artifact);
      if (row !== undefined) {
        this.panel.showCell(row, this.doc.environments, environmentIndex);
        return;
      }
    }
    this.panel.showHistory(this.doc.environments[environmentIndex], state.run);
  }

  closePanel() {
    this.update({ env: '', run: '', artifact: '' }, true);
    this.grid.focusActive();
  }

  onKey(event) {
    if (event.key === 'Escape' && this.panel.open) {
      event.preventDefault();
      this.closePanel();
    }
  }

  onSlash(event) {
    const typing = event.target instanceof Element
      && event.target.closest('input, select, textarea, [contenteditable]') !== null;
    if (event.key === '/' && !typing && !event.defaultPrevented && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.toolbar.focusSearch();
    }
  }
}

/** Loads the board document into `root` and draws it; resolves when the first render is on screen. */
export async function mount(root) {
  root.dataset.state = 'loading';
  resolveTheme(root);
  ensureStylesheet(root);
  root.replaceChildren(el('p', { className: 'rt-loading', role: 'status', text: 'Loading the release board…' }));
  const source = new URL(root.dataset.boardJson || 'board.json', document.baseURI);
  let doc;
  performance.mark('release-board:fetch-start');
  try {
    const response = await fetch(source, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`${source.pathname} answered ${response.status} ${response.statusText}`.trim());
    }
    doc = checkDocument(await response.json());
  } catch (error) {
    root.replaceChildren(el('p', { className: 'rt-error', role: 'alert', text: `The release board could not be loaded: ${error.message}` }));
    root.dataset.state = 'error';
    return null;
  }
  performance.mark('release-board:fetch-end');
  performance.measure('release-board:fetch', 'release-board:fetch-start', 'release-board:fetch-end');

  performance.mark('release-board:render-start');
  const app = new BoardApp(root, doc);
  app.apply(readHash(window.location.hash));
  void root.offsetHeight; // force style and layout so the measure covers them
  performance.mark('release-board:render-end');
  performance.measure('release-board:render', 'release-board:render-start', 'release-board:render-end');
  root.dataset.state = 'ready';
  return app;
}

/** Follows the host page's theme when it defines Jenkins' --background colour and the page did not choose. */
function resolveTheme(root) {
  const wanted = root.dataset.theme;
  if (wanted === 'light' || wanted === 'dark') {
    return;
  }
  const background = getComputedStyle(document.documentElement).getPropertyValue('--background').trim();
  const light = background === '' ? null : lightness(background);
  if (light !== null) {
    root.dataset.theme = light < 0.6 ? 'dark' : 'light';
  }
}

/**
 * The perceptual lightness of a CSS colour, 0 (black) to 1 (white), or null when the browser cannot say.
 * Jenkins' themes write colours in oklch() and relative colour syntax, which computed styles keep in their
 * own space, so the colour is converted to oklab (whose first channel is lightness) where the browser can;
 * older browsers compute every colour to rgb().
 */
function lightness(color) {
  const probe = document.createElement('span');
  probe.style.color = CSS.supports('color', 'oklab(from red l a b)') ? `oklab(from ${color} l a b)` : color;
  document.body.append(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const numbers = (computed.match(/-?\d*\.?\d+(e-?\d+)?/g) ?? []).map(Number);
  if (computed.startsWith('oklab(') && numbers.length >= 3) {
    return numbers[0];
  }
  if (computed.startsWith('rgb') && numbers.length >= 3) {
    const [r, g, b] = numbers;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }
  return null;
}

function ensureStylesheet(root) {
  if (document.querySelector('link[data-release-board-css]') !== null) {
    return;
  }
  const base = root.dataset.assetsUrl ? new URL(root.dataset.assetsUrl, document.baseURI) : new URL('.', import.meta.url);
  document.head.append(el('link', { rel: 'stylesheet', href: new URL('board.css', base).href, 'data-release-board-css': true }));
}

for (const root of document.querySelectorAll('[data-release-board]')) {
  mount(root);
}
