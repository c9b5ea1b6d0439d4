// The side panel: an environment's history (pending approvals, runs, one run's results) or one cell's
// details. Links from the ledger are only followed when they are http(s).

import { el, time } from './dom.js';
import { STATUS_LABELS, safeLink } from './model.js';

export class BoardPanel {
  constructor(host, { onClose, onSelectRun, onShowAt, onShowHistory }) {
    this.onClose = onClose;
    this.onSelectRun = onSelectRun;
    this.onShowAt = onShowAt;
    this.onShowHistory = onShowHistory;
    this.element = el('aside', { id: 'rt-panel', className: 'rt-panel', 'aria-labelledby': 'rt-panel-title', hidden: true });
    host.append(this.element);
  }

  get open() {
    return !this.element.hidden;
  }

  hide() {
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  /** Moves focus to the panel's title, so keyboard and screen-reader users land where the content is. */
  focus() {
    const title = this.element.querySelector('#rt-panel-title');
    if (title !== null) {
      title.focus();
    }
  }

  showHistory(environment, selectedRunId) {
    const history = environment.history;
    const selected = history.runs.find((run) => run.runId === selectedRunId) ?? null;
    const kept = history.complete
      ? `${history.total} ${history.total === 1 ? 'run' : 'runs'}`
      : `The newest ${history.runs.length} of ${history.total} runs`;
    this.render(`History of ${environment.name}`, [
      el('p', { className: 'rt-muted', text: `${kept}, newest first.` }),
      environment.gitDrift ? el('p', { className: 'rt-git-drift', role: 'note', text: `Git and ${environment.name} disagree: ${environment.gitDrift}.` }) : null,
      this.approvals(environment),
      selected === null ? null : this.run(environment, selected),
      el('h3', { text: 'Runs' }),
      history.runs.length === 0
        ? el('p', { text: 'No release has run here yet.' })
        : el('ol', { className: 'rt-runs' }, history.runs.map((run) => el('li', {}, this.runButton(environment, run, run === selected)))),
    ]);
  }

  approvals(environment) {
    if (environment.pendingApprovals.length === 0) {
      return null;
    }
    return el('section', { className: 'rt-approvals', 'aria-label': 'Awaiting approval' },
      el('h3', { text: 'Awaiting approval' }),
      el('ul', {}, environment.pendingApprovals.map((approval) => {
        if (approval.rejection) {
          return el('li', { className: 'rt-rejected' },
            el('span', {}, 'release ', el('code', { text: approval.releaseId.slice(0, 12), title: approval.releaseId })),
            el('span', { className: 'rt-status rt-status--failed', text: ' — rejected by ' }),
            el('span', { text: `${approval.rejection}; it cannot run until its manifest changes` }));
        }
        const link = safeLink(approval.url, document.baseURI);
        const approvedBy = approval.approvedBy.length === 0 ? 'no approval yet' : `approved by ${approval.approvedBy.join(', ')}`;
        let needed = '';
        if (approval.stillNeeded !== null && approval.stillNeeded !== undefined) {
          needed = approval.stillNeeded === 1 ? '; 1 more approval needed' : `; ${approval.stillNeeded} more approvals needed`;
        }
        return el('li', {},
          el('span', {}, 'release ', el('code', { text: approval.releaseId.slice(0, 12), title: approval.releaseId })),
          el('span', { text: ` — ${approvedBy}${needed}` }),
          link === null ? null : [' ', el('a', { href: link, className: 'rt-link', text: 'Review and approve' })]);
      })));
  }

  runButton(environment, run, selected) {
    const count = `${run.results.length} ${run.results.length === 1 ? 'artifact' : 'artifacts'}`;
    const button = el('button', {
      type: 'button',
      className: `rt-run rt-run--${run.status}`,
      'aria-current': selected ? 'true' : null,
      'data-run': run.runId,
    },
    el('span', { className: 'rt-line' },
      el('span', { className: 'rt-run-id', text: `run ${run.runId}` }),
      el('span', { className: `rt-status rt-status--${run.status}`, text: STATUS_LABELS[run.status] ?? run.status }),
      run.damage ? el('span', { className: 'rt-status rt-status--damaged', title: run.damage, text: 'damaged record' }) : null,
      run.verification ? el('span', {
        className: `rt-status rt-status--${run.verification.startsWith('verified') ? 'succeeded' : 'failed'}`,
        title: run.verification,
        text: run.verification.startsWith('verified') ? 'verified' : 'verification failed',
      }) : null,
      run.rollback ? el('span', { className: 'rt-status rt-status--rollback', title: run.rollback, text: 'rollback' }) : null,
      run.hotfix ? el('span', { className: 'rt-status rt-status--hotfix', text: 'hotfix' }) : null),
    el('span', { className: 'rt-meta' }, time(run.started), run.actor ? ` · ${run.actor}` : '', ` · ${count}`));
    button.addEventListener('click', () => this.onSelectRun(environment, run));
    return button;
  }

  run(environment, run) {
    const showAt = run.ended ?? run.started;
    const button = el('button', { type: 'button', className: 'rt-button rt-button--primary', id: 'rt-show-at', text: 'Show the board as it was after this run' });
    button.addEventListener('click', () => this.onShowAt(showAt));
    return el('section', { className: 'rt-run-detail', 'aria-labelledby': 'rt-run-title' },
      el('h3', { id: 'rt-run-title', tabindex: -1, text: `Run ${run.runId}` }),
      el('dl', { className: 'rt-facts' },
        fact('Status', el('span', { className: `rt-status rt-status--${run.status}`, text: STATUS_LABELS[run.status] ?? run.status })),
        fact('Release', el('code', { text: run.releaseId.slice(0, 12), title: run.releaseId })),
        fact('Started', time(run.started)),
        fact('Ended', time(run.ended)),
        fact('By', run.actor ?? '—'),
        run.verification ? fact('Verification', run.verification) : null,
        run.rollback ? fact('Rollback', run.rollback) : null,
        buildFact(run.url)),
      run.damage ? el('p', { className: 'rt-damage', role: 'note', text: `Damaged record: ${run.damage}.` }) : null,
      button,
      el('h4', { className: 'rt-results-title', text: `Artifacts (${run.results.length})` }),
      el('ul', { className: 'rt-results' }, run.results.map((result) => el('li', { 'data-artifact': result.artifactId },
        el('span', { className: 'rt-result-id', title: result.artifactId, text: result.artifactId }),
        el('span', { className: 'rt-line' },
          el('code', { text: result.displayVersion, title: result.version }),
          el('span', { className: `rt-status rt-status--${result.status}`, text: STATUS_LABELS[result.status] ?? result.status }),
          el('span', { className: 'rt-meta' }, time(result.at, true)))))));
  }

  showCell(row, environments, environmentIndex) {
    const environment = environments[environmentIndex];
    const cell = row.cells[environmentIndex];
    const upstream = environmentIndex > 0 ? environments[environmentIndex - 1] : null;
    const upstreamCell = upstream === null ? null : row.cells[environmentIndex - 1];
    const history = el('button', { type: 'button', className: 'rt-button', text: `History of ${environment.name}` });
    history.addEventListener('click', () => this.onShowHistory(environmentIndex));
    let drift = 'first environment of the promotion order';
    if (upstream !== null) {
      if (upstreamCell === null || upstreamCell.liveVersion === null) {
        drift = `nothing live in ${upstream.name}`;
      } else if (cell !== null && cell.liveVersion === null) {
        drift = `nothing live here yet; ${upstream.name} has ${shortVersion(row, upstreamCell.liveVersion)}`;
      } else if (cell !== null && upstreamCell.liveVersion !== cell.liveVersion) {
        drift = `differs: ${upstream.name} has ${shortVersion(row, upstreamCell.liveVersion)} live`;
      } else if (cell !== null) {
        drift = `same as ${upstream.name}`;
      }
    }
    this.render(`${row.id} in ${environment.name}`, [
      cell === null
        ? el('p', { text: `${row.id} is not in ${environment.name}.` })
        : el('dl', { className: 'rt-facts' },
          cell.status === 'succeeded' ? null
            : fact('Live version', cell.liveVersion === null ? 'none yet' : el('code', { className: 'rt-wrap', text: cell.liveVersion })),
          fact(cell.status === 'succeeded' ? 'Version' : 'Attempted version', el('code', { className: 'rt-wrap', text: cell.version })),
          fact('Product version', cell.productVersion ?? '—'),
          fact('Status', el('span', { className: `rt-status rt-status--${cell.status}`, text: STATUS_LABELS[cell.status] ?? cell.status })),
          fact('Release', el('code', { className: 'rt-wrap', text: cell.releaseId })),
          fact('When', time(cell.at)),
          fact('By', cell.by ?? '—'),
          buildFact(cell.url),
          cell.hotfix ? fact('Hotfix', upstream !== null && cell.driftFrom
            ? `yes: not yet in ${upstream.name}`
            : 'yes') : null,
          fact(upstream === null ? 'Promotion' : `Compared with ${upstream.shortName}`, drift)),
      cell !== null && cell.failure ? el('h4', { text: 'Why it failed' }) : null,
      cell !== null && cell.failure ? el('pre', { className: 'rt-failure', text: cell.failure }) : null,
      cell !== null && cell.changes ? changesOf(cell.changes) : null,
      history,
    ]);
  }

  render(title, content) {
    const close = el('button', { type: 'button', className: 'rt-button rt-close', 'aria-label': 'Close the panel', text: '×' });
    close.addEventListener('click', () => this.onClose());
    this.element.replaceChildren(
      el('div', { className: 'rt-panel-head' }, el('h2', { id: 'rt-panel-title', tabindex: -1, text: title }), close),
      el('div', { className: 'rt-panel-body' }, content));
    this.element.hidden = false;
  }
}

/** What the live version brought: its summary and its commits, each one line (text only, never markup). */
function changesOf(changes) {
  const items = changes.commits.map(line => el('li', { className: 'rt-commit', text: line }));
  if (changes.more > 0) {
    items.push(el('li', { className: 'rt-commit', text: `and ${changes.more} more` }));
  }
  return el('section', { className: 'rt-changes' },
    el('h4', { text: `What it brought: ${changes.summary}` }),
    items.length === 0 ? null : el('ul', { className: 'rt-commits' }, items));
}

/** A commit cut to 12 digits as the board shows them; a tag as is. */
function shortVersion(row, version) {
  return row.kind === 'deploy' && version.length > 12 ? version.slice(0, 12) : version;
}

function fact(term, value) {
  return [el('dt', { text: term }), el('dd', {}, value)];
}

/** The run's page (a Jenkins build), when the source gave one that is a web link. */
function buildFact(url) {
  const link = safeLink(url, document.baseURI);
  return link === null ? null : fact('Build', el('a', { href: link, className: 'rt-link', text: 'Open the build' }));
}
