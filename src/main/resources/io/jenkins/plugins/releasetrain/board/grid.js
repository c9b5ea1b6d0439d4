// The board's matrix as an ARIA grid that only builds the rows in view (plus a few either side), so a
// board of 500 artifacts x 50 environments costs the same to draw as one of 30 rows.
// Keyboard: arrows move between cells, Home/End to the row's ends, Ctrl+Home/End to the corners,
// PageUp/PageDown by a screenful, Enter opens the cell's details (on a header: the environment's history).

import { el } from './dom.js';
import { STATUS_LABELS } from './model.js';

export const ROW_HEIGHT = 64;
const OVERSCAN = 4;

const SHORT_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function shortTime(iso) {
  return SHORT_TIME.format(new Date(iso));
}

function artifactCount(product) {
  const total = product.artifactCount === 1 ? '1 artifact' : `${product.artifactCount} artifacts`;
  return product.shownCount === undefined || product.shownCount === product.artifactCount
    ? total
    : `${product.shownCount} of ${total}`;
}

export class BoardGrid {
  /**
   * @param host element the grid is drawn into
   * @param callbacks onCell(row, environmentIndex) when a cell is opened; onEnvironment(environmentIndex)
   *     when a column header is
   */
  constructor(host, { label, onCell, onEnvironment }) {
    this.onCell = onCell;
    this.onEnvironment = onEnvironment;
    this.environments = [];
    this.rows = [];
    this.unknownBefore = [];
    this.now = true;
    this.rendered = new Map();
    this.active = { row: 0, col: 0 };
    this.openCell = null;
    this.openEnvironment = -1;
    this.frame = 0;
    this.renderWindow = this.renderWindow.bind(this);

    this.scroller = el('div', { className: 'rt-scroller' });
    this.grid = el('div', { role: 'grid', className: 'rt-grid', 'aria-label': label });
    this.head = el('div', { role: 'rowgroup', className: 'rt-head' });
    this.body = el('div', { role: 'rowgroup', className: 'rt-body' });
    this.grid.append(this.head, this.body);
    this.scroller.append(this.grid);
    host.append(this.scroller);

    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.grid.addEventListener('keydown', (event) => this.onKey(event));
    this.grid.addEventListener('click', (event) => this.onClick(event));
    this.grid.addEventListener('focusin', (event) => this.onFocus(event));
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => this.schedule()).observe(this.scroller);
    }
  }

  /** Draws a new set of rows; `unknownBefore[e]` marks environments whose history cannot show this time. */
  setData(environments, rows, unknownBefore = [], now = true) {
    this.environments = environments;
    this.environmentsByName = new Map(environments.map((environment) => [environment.name, environment]));
    this.rows = rows;
    this.unknownBefore = unknownBefore;
    this.now = now;
    this.grid.style.setProperty('--rt-columns', String(environments.length));
    this.grid.setAttribute('aria-rowcount', String(rows.length + 1));
    this.grid.setAttribute('aria-colcount', String(environments.length + 1));
    this.body.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.active = {
      row: Math.min(this.active.row, rows.length - 1),
      col: Math.min(this.active.col, environments.length),
    };
    this.renderHead();
    for (const element of this.rendered.values()) {
      element.remove();
    }
    this.rendered.clear();
    this.renderWindow();
  }

  schedule() {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.renderWindow();
      });
    }
  }

  /** Index of the first and last row in view, without the overscan. */
  visibleRange() {
    const top = this.scroller.scrollTop;
    const height = Math.max(this.scroller.clientHeight - this.head.offsetHeight, ROW_HEIGHT);
    const first = Math.min(Math.floor(top / ROW_HEIGHT), Math.max(this.rows.length - 1, 0));
    const last = Math.min(Math.ceil((top + height) / ROW_HEIGHT) - 1, this.rows.length - 1);
    return { first, last: Math.max(first, last) };
  }

  renderWindow() {
    const { first, last } = this.visibleRange();
    const from = Math.max(0, first - OVERSCAN);
    const to = Math.min(this.rows.length - 1, last + OVERSCAN);
    if (this.active.row >= 0 && (this.active.row < from || this.active.row > to) && !this.grid.contains(document.activeElement)) {
      // keep the grid's one tab stop on screen when the user scrolled it away with the mouse
      this.active = { row: first, col: this.active.col };
    }
    for (const [index, element] of this.rendered) {
      if (index < from || index > to) {
        element.remove();
        this.rendered.delete(index);
      }
    }
    // Insert new rows next to the kept ones without moving those: moving a node would blur the cell
    // that has the focus. Rows stay in index order, which is also the reading order.
    let next = null;
    for (let index = to; index >= from; index -= 1) {
      let element = this.rendered.get(index);
      if (element === undefined) {
        element = this.renderRow(index);
        this.rendered.set(index, element);
        this.body.insertBefore(element, next);
      }
      next = element;
    }
    this.updateTabStop();
  }

  /** Builds every row at once: the naive way, kept for the benchmark's comparison. */
  renderAll() {
    this.body.replaceChildren(...this.rows.map((row, index) => this.renderRow(index)));
  }

  renderHead() {
    const cells = [el('div', {
      role: 'columnheader', className: 'rt-label rt-corner', 'aria-colindex': 1, tabindex: -1,
    }, el('span', { text: 'Artifact' }), el('span', { className: 'rt-muted', text: 'environments →' }))];
    this.environments.forEach((environment, e) => {
      const pending = environment.pendingApprovals.filter((approval) => !approval.rejection).length;
      const button = el('button', {
        type: 'button',
        className: 'rt-env-button',
        tabindex: -1,
        'aria-expanded': this.openEnvironment === e ? 'true' : 'false',
        'aria-controls': 'rt-panel',
        title: `${environment.name}: show its history`,
        'data-environment': environment.name,
      },
      el('span', { className: 'rt-env-short', text: environment.shortName }),
      el('span', { className: 'rt-env-name', text: environment.name }),
      pending > 0 ? el('span', { className: 'rt-badge rt-badge--wait', text: `${pending} awaiting approval` }) : null,
      this.unknownBefore[e] ? el('span', { className: 'rt-badge', text: 'no history then' }) : null,
      // what git says is about now: a board shown at an earlier time leaves it out
      this.now && environment.gitDrift ? el('span', { className: 'rt-badge rt-badge--git', title: environment.gitDrift, text: 'git ≠ live' }) : null);
      button.addEventListener('click', () => {
        this.active = { row: -1, col: e + 1 };
        this.onEnvironment(e);
      });
      cells.push(el('div', {
        role: 'columnheader', className: 'rt-env', 'aria-colindex': e + 2,
      }, button));
    });
    this.head.replaceChildren(el('div', { role: 'row', className: 'rt-row rt-row--head', 'aria-rowindex': 1 }, cells));
  }

  renderRow(index) {
    const row = this.rows[index];
    const element = row.type === 'product' ? this.productRow(row) : this.artifactRow(row);
    element.setAttribute('aria-rowindex', String(index + 2));
    element.dataset.index = String(index);
    element.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
    return element;
  }

  productRow(row) {
    const cells = [el('div', { role: 'rowheader', className: 'rt-label', 'aria-colindex': 1, tabindex: -1 },
      el('span', { className: 'rt-product-name', text: row.name }),
      el('span', { className: 'rt-muted', text: artifactCount(row) }))];
    row.versions.forEach((version, e) => {
      // A product whose version differs from the previous environment's is flagged like an artifact.
      const upstream = e > 0 ? row.versions[e - 1] : null;
      const drift = version !== null && upstream !== null && upstream !== version ? this.environments[e - 1] : null;
      cells.push(el('div', {
        role: 'gridcell',
        className: `rt-cell rt-cell--product${drift ? ' rt-cell--drift' : ''}`,
        'aria-colindex': e + 2,
        tabindex: -1,
        'data-drift-from': drift ? drift.name : null,
      }, version === null
        ? [el('span', { className: 'rt-muted', 'aria-hidden': 'true', text: '—' }), el('span', { className: 'rt-sr', text: 'not deployed' })]
        : el('span', { className: 'rt-line' },
          el('span', { className: 'rt-product-version', text: version }),
          drift ? el('span', { className: 'rt-drift', title: `${drift.name} has ${upstream}` },
            el('span', { className: 'rt-sr', text: 'differs from ' }), drift.shortName) : null)));
    });
    return el('div', { role: 'row', className: 'rt-row rt-row--product', 'data-product': row.product }, cells);
  }

  artifactRow(row) {
    const cells = [el('div', {
      role: 'rowheader', className: 'rt-label', 'aria-colindex': 1, tabindex: -1, title: row.id,
    },
    el('span', { className: 'rt-artifact-name', text: row.name }),
    el('span', { className: `rt-kind rt-kind--${row.kind}`, text: row.kind === 'image' ? 'image' : 'deploy' }))];
    row.cells.forEach((cell, e) => cells.push(this.cell(row, cell, e)));
    return el('div', { role: 'row', className: 'rt-row', 'data-artifact': row.id }, cells);
  }

  cell(row, cell, e) {
    const environment = this.environments[e];
    const open = this.openCell !== null && this.openCell.artifactId === row.id && this.openCell.environmentIndex === e;
    if (cell === null) {
      return el('div', {
        role: 'gridcell', className: `rt-cell rt-cell--empty${open ? ' rt-cell--open' : ''}`, 'aria-colindex': e + 2, tabindex: -1,
        'data-environment': environment.name,
      }, el('span', { className: 'rt-muted', 'aria-hidden': 'true', text: '—' }), el('span', { className: 'rt-sr', text: `not in ${environment.name}` }));
    }
    const drift = cell.driftFrom === null ? null : this.environmentsByName.get(cell.driftFrom);
    const classes = ['rt-cell', `rt-cell--${cell.status}`];
    if (drift) {
      classes.push('rt-cell--drift');
    }
    if (open) {
      classes.push('rt-cell--open');
    }
    // As few elements per cell as will do: style and layout cost grows with them, and a screen holds
    // a thousand cells. Status symbols and the drift sign come from CSS.
    // The headline is what is live, the version drift compares; an attempt that has not made it live (failed,
    // running, waiting for approval) follows as "→ version", before its status.
    const attempt = cell.status !== 'succeeded' && cell.liveVersion !== cell.version;
    const version = el('span', {
      className: `rt-version${attempt && cell.liveVersion === null ? ' rt-muted' : ''}`,
      text: attempt ? (cell.liveDisplayVersion ?? 'none live') : cell.displayVersion,
    });
    return el('div', {
      role: 'gridcell',
      className: classes.join(' '),
      'aria-colindex': e + 2,
      tabindex: -1,
      title: `${row.id} in ${environment.name}: ${cell.version}`
        + (cell.liveVersion !== null && cell.liveVersion !== cell.version ? ` (live: ${cell.liveVersion})` : ''),
      'data-environment': environment.name,
      'data-status': cell.status,
      'data-drift-from': drift ? drift.name : null,
    },
    drift
      ? el('span', { className: 'rt-line' }, version,
        cell.hotfix
          ? el('span', { className: 'rt-drift rt-drift--hotfix' }, el('span', { className: 'rt-sr', text: 'a hotfix not yet in ' }), `hotfix · not in ${drift.shortName}`)
          : el('span', { className: 'rt-drift' }, el('span', { className: 'rt-sr', text: 'differs from ' }), drift.shortName))
      : version,
    el('span', { className: `rt-status rt-status--${cell.status}`, text: `${attempt ? `→ ${cell.displayVersion} ` : ''}${STATUS_LABELS[cell.status] ?? cell.status}` }),
    el('span', { className: 'rt-meta', title: cell.at, text: `${shortTime(cell.at)}${cell.by ? ` · ${cell.by}` : ''}` }));
  }

  elementAt(position) {
    if (position.row < 0) {
      const header = this.head.querySelector(`[aria-colindex="${position.col + 1}"]`);
      return header === null ? null : (header.querySelector('button') ?? header);
    }
    const row = this.rendered.get(position.row);
    return row === undefined ? null : row.children[position.col] ?? null;
  }

  updateTabStop() {
    for (const element of this.grid.querySelectorAll('[tabindex="0"]')) {
      element.tabIndex = -1;
    }
    let target = this.elementAt(this.active);
    if (target === null) {
      target = this.elementAt({ row: -1, col: this.active.col });
    }
    if (target !== null) {
      target.tabIndex = 0;
    }
  }

  /** Moves the active cell, scrolling it into view and focusing it. */
  moveTo(row, col) {
    const lastRow = this.rows.length - 1;
    const position = {
      row: Math.max(-1, Math.min(row, lastRow)),
      col: Math.max(0, Math.min(col, this.environments.length)),
    };
    this.active = position;
    if (position.row >= 0) {
      const top = position.row * ROW_HEIGHT;
      const viewport = this.scroller.clientHeight - this.head.offsetHeight;
      if (top < this.scroller.scrollTop) {
        this.scroller.scrollTop = top;
      } else if (top + ROW_HEIGHT > this.scroller.scrollTop + viewport) {
        this.scroller.scrollTop = top + ROW_HEIGHT - viewport;
      }
    }
    this.renderWindow();
    const target = this.elementAt(position);
    if (target !== null) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  focusActive() {
    this.moveTo(this.active.row, this.active.col);
  }

  onKey(event) {
    const { row, col } = this.active;
    const page = Math.max(1, this.visibleRange().last - this.visibleRange().first);
    const moves = {
      ArrowRight: () => [row, col + 1],
      ArrowLeft: () => [row, col - 1],
      ArrowDown: () => [row + 1, col],
      ArrowUp: () => [row - 1, col],
      PageDown: () => [row + page, col],
      PageUp: () => [Math.max(0, row - page), col],
      Home: () => (event.ctrlKey ? [0, 0] : [row, 0]),
      End: () => (event.ctrlKey ? [this.rows.length - 1, this.environments.length] : [row, this.environments.length]),
    };
    if (moves[event.key] !== undefined) {
      event.preventDefault();
      const [nextRow, nextCol] = moves[event.key]();
      this.moveTo(nextRow, nextCol);
    } else if ((event.key === 'Enter' || event.key === ' ') && row >= 0) {
      event.preventDefault();
      this.activate(row, col);
    }
  }

  onClick(event) {
    const cell = event.target.closest('[role="gridcell"], [role="rowheader"]');
    if (cell === null || !this.body.contains(cell)) {
      return;
    }
    const row = Number(cell.parentElement.dataset.index);
    const col = Number(cell.getAttribute('aria-colindex')) - 1;
    this.active = { row, col };
    this.updateTabStop();
    cell.focus({ preventScroll: true });
    this.activate(row, col);
  }

  onFocus(event) {
    const cell = event.target.closest('[aria-colindex]');
    if (cell === null) {
      return;
    }
    const col = Number(cell.getAttribute('aria-colindex')) - 1;
    const rowElement = cell.parentElement;
    const row = this.head.contains(cell) ? -1 : Number(rowElement.dataset.index);
    if (row !== this.active.row || col !== this.active.col) {
      this.active = { row, col };
      this.updateTabStop();
    }
  }

  activate(row, col) {
    const target = this.rows[row];
    if (target !== undefined && target.type === 'artifact' && col > 0) {
      this.onCell(target, col - 1);
    }
  }
}
