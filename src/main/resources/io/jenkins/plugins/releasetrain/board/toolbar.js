// The filters above the grid (product, status, free text, point in time) and the count of rows shown,
// announced politely to screen readers as it changes.

import { el, fromLocalInputValue, time, toLocalInputValue } from './dom.js';
import { STATUS_LABELS, STATUSES } from './model.js';

const TEXT_DELAY_MS = 150;

/** The width below which the board takes its narrow layout (the same as board.css's). */
const NARROW = '(max-width: 600px)';

export class BoardToolbar {
  /** @param onChange called with the part of the view state that the user changed */
  constructor(host, { onChange }) {
    this.onChange = onChange;
    this.textTimer = 0;

    this.product = el('select', { id: 'rt-product', name: 'product' }, el('option', { value: '', text: 'All products' }));
    this.status = el('select', { id: 'rt-status', name: 'status' },
      el('option', { value: '', text: 'Any status' }),
      STATUSES.map((status) => el('option', { value: status, text: STATUS_LABELS[status] })),
      el('option', { value: 'drifted', text: 'differs from previous environment' }));
    this.text = el('input', {
      id: 'rt-text', name: 'q', type: 'search', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'artifact, version, person…', 'aria-keyshortcuts': '/',
    });
    this.at = el('input', { id: 'rt-at', name: 'at', type: 'datetime-local', step: 60 });
    this.now = el('button', { type: 'button', className: 'rt-button', id: 'rt-now', text: 'Now' });
    this.count = el('output', { id: 'rt-count', className: 'rt-count', role: 'status', 'aria-live': 'polite' });

    const form = el('form', { className: 'rt-toolbar', role: 'search', 'aria-label': 'Filter the board' },
      field('Product', this.product),
      field('Status', this.status),
      field('Search', this.text),
      el('div', { className: 'rt-field' },
        el('label', { for: 'rt-at', text: 'Live at' }),
        el('span', { className: 'rt-inline' }, this.at, this.now)),
      this.count);
    // On a phone the filters start folded, so the board, not the form, fills the first screen; wide screens
    // always show them (the summary is hidden there).
    this.filters = el('details', { className: 'rt-filters' },
      el('summary', { className: 'rt-filters-toggle', text: 'Filters' }), form);
    const narrow = window.matchMedia(NARROW);
    this.filters.open = !narrow.matches;
    narrow.addEventListener('change', (event) => {
      if (!event.matches) {
        this.filters.open = true;
      }
    });
    host.append(this.filters);

    form.addEventListener('submit', (event) => event.preventDefault());
    this.product.addEventListener('change', () => this.onChange({ product: this.product.value }));
    this.status.addEventListener('change', () => this.onChange({ status: this.status.value }));
    this.text.addEventListener('input', () => {
      clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => this.onChange({ q: this.text.value.trim() }), TEXT_DELAY_MS);
    });
    this.at.addEventListener('change', () => this.onChange({ at: fromLocalInputValue(this.at.value) }));
    this.now.addEventListener('click', () => this.onChange({ at: '' }));
  }

  setProducts(names) {
    this.product.replaceChildren(el('option', { value: '', text: 'All products' }),
      ...names.map((name) => el('option', { value: name, text: name })));
  }

  /** Shows the view state without firing change events. */
  setState(state) {
    this.product.value = state.product;
    if (this.product.value !== state.product) {
      this.product.value = '';
    }
    this.status.value = state.status;
    if (document.activeElement !== this.text) {
      this.text.value = state.q;
    }
    this.at.value = state.at ? toLocalInputValue(state.at) : '';
    this.now.disabled = !state.at;
    if (state.product || state.status || state.q || state.at) {
      // A filtered view, from a link or the history, never hides what filters it.
      this.filters.open = true;
    }
  }

  setCount(shown, total, at) {
    const what = shown === total ? `${total} artifacts` : `${shown} of ${total} artifacts`;
    const key = `${what}|${at}`;
    if (key !== this.countKey) {
      this.countKey = key;
      this.count.replaceChildren(what, at ? ' live at ' : '', at ? time(at) : '');
    }
  }

  focusSearch() {
    this.text.focus();
    this.text.select();
  }
}

function field(label, control) {
  return el('div', { className: 'rt-field' }, el('label', { for: control.id, text: label }), control);
}

/** The keyboard shortcuts, behind a native disclosure so they cost no space until asked for. */
export function keyboardHelp() {
  const keys = [
    ['Tab', 'into the grid, the filters and the history panel'],
    ['← ↑ → ↓', 'move between cells'],
    ['Home / End', 'first or last cell of the row'],
    ['Ctrl+Home / Ctrl+End', 'first or last cell of the board'],
    ['Page Up / Page Down', 'a screenful up or down'],
    ['Enter', 'open a cell\'s details, or an environment\'s history from its header'],
    ['Escape', 'close the panel and return to the grid'],
    ['/', 'search'],
  ];
  return el('details', { className: 'rt-help' },
    el('summary', { text: 'Keyboard' }),
    el('dl', {}, keys.map(([key, what]) => [el('dt', {}, el('kbd', { text: key })), el('dd', { text: what })])));
}
