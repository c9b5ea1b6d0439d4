// The board's data, without the DOM: reading board.json, the point-in-time view, drift and filters.
// Everything here is plain data in, plain data out, so the grid only draws what this module decides.

export const SCHEMA_VERSION = 2;

export const STATUSES = ['succeeded', 'failed', 'running', 'pending-approval'];

export const STATUS_LABELS = {
  succeeded: 'succeeded',
  failed: 'failed',
  running: 'running',
  'pending-approval': 'pending approval',
  unchanged: 'unchanged',
  skipped: 'skipped',
  partial: 'partly released',
  cancelled: 'cancelled',
};

/** Results after which the artifact is live with the result's version. */
const LIVE = new Set(['succeeded', 'unchanged']);

/** Throws with a message for people when the document is not a board this front end can draw. */
export function checkDocument(doc) {
  if (doc === null || typeof doc !== 'object') {
    throw new Error('board.json is not a JSON object');
  }
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    throw new Error(`board.json has schemaVersion ${doc.schemaVersion}; this page reads version ${SCHEMA_VERSION}.`
      + ' Reload the page, or update the plugin or release-train so both sides agree.');
  }
  return doc;
}

/**
 * The cells of every row as they were at `moment` (a Date): per environment, the history's starting
 * state, then every live (succeeded or unchanged) result up to that moment; a result that found the
 * artifact unchanged keeps the earlier deployment. Mirrors the engine's PointInTime.
 * Environments whose kept history starts after `moment` cannot say; they come back in `unknownBefore`.
 */
export function documentAt(doc, moment) {
  const time = moment.getTime();
  const environmentCount = doc.environments.length;
  const live = doc.environments.map((environment) => liveAt(environment, time));
  const unknownBefore = doc.environments.map((environment) => {
    const start = environment.history.start;
    return start !== null && Date.parse(start) > time ? start : null;
  });
  const products = doc.products.map((product) => ({
    name: product.name,
    artifacts: product.artifacts.map((artifact) => {
      const cells = new Array(environmentCount);
      for (let e = 0; e < environmentCount; e += 1) {
        cells[e] = live[e].get(artifact.id) ?? null;
      }
      return { id: artifact.id, kind: artifact.kind, name: artifact.name, cells: withDrift(cells, doc.environments) };
    }),
  }));
  return { ...doc, at: new Date(time).toISOString(), products, unknownBefore };
}

function liveAt(environment, time) {
  const live = new Map();
  const history = environment.history;
  if (history.start !== null && Date.parse(history.start) > time) {
    return live;
  }
  for (const state of history.liveAtStart) {
    live.set(state.artifactId, cellOf(state, 'succeeded', state.releaseId, state.by, state.url));
  }
  // runs are newest first; replay them oldest first so later results win
  for (let r = history.runs.length - 1; r >= 0; r -= 1) {
    const run = history.runs[r];
    for (const result of run.results) {
      if (!LIVE.has(result.status)) {
        continue;
      }
      const at = Date.parse(result.at);
      if (at > time) {
        continue;
      }
      const known = live.get(result.artifactId);
      const sameDeployment = result.status === 'unchanged' && known !== undefined && known.version === result.version;
      if (!sameDeployment && (known === undefined || at >= Date.parse(known.at))) {
        live.set(result.artifactId, cellOf(result, 'succeeded', run.releaseId, run.actor, run.url, run.hotfix === true));
      }
    }
  }
  return live;
}

function cellOf(source, status, releaseId, by, url, hotfix = false) {
  return {
    version: source.version,
    displayVersion: source.displayVersion,
    productVersion: source.productVersion ?? null,
    status,
    releaseId,
    at: source.at,
    by: by ?? null,
    liveVersion: source.version,
    liveDisplayVersion: source.displayVersion,
    driftFrom: null,
    url: url ?? null,
    failure: null,
    hotfix,
  };
}

/**
 * Flags each cell whose live version differs from the one live in the previous environment (promotion
 * order). Mirrors the engine's BoardAssembler.
 */
export function withDrift(cells, environments) {
  for (let e = 1; e < cells.length; e += 1) {
    const cell = cells[e];
    const upstream = cells[e - 1];
    if (cell !== null) {
      const differs = upstream !== null && upstream.liveVersion !== null && cell.liveVersion !== null
        && upstream.liveVersion !== cell.liveVersion;
      cell.driftFrom = differs ? environments[e - 1].name : null;
    }
  }
  if (cells.length > 0 && cells[0] !== null) {
    cells[0].driftFrom = null;
  }
  return cells;
}

/**
 * The rows the grid draws: one per product (with its version in each environment) followed by one per
 * artifact that is in at least one environment. Each artifact row carries the lower-case text that the
 * free-text filter searches.
 */
export function boardRows(doc) {
  const rows = [];
  for (const product of doc.products) {
    const artifacts = [];
    for (const artifact of product.artifacts) {
      if (artifact.cells.every((cell) => cell === null)) {
        continue;
      }
      artifacts.push({
        type: 'artifact',
        id: artifact.id,
        product: product.name,
        kind: artifact.kind,
        name: artifact.name,
        cells: artifact.cells,
        drifted: artifact.cells.some((cell) => cell !== null && cell.driftFrom !== null),
        statuses: new Set(artifact.cells.filter((cell) => cell !== null).map((cell) => cell.status)),
        search: searchText(product.name, artifact),
      });
    }
    if (artifacts.length > 0) {
      rows.push({
        type: 'product',
        id: `product:${product.name}`,
        product: product.name,
        name: product.name,
        versions: productVersions(artifacts, doc.environments.length),
        artifactCount: artifacts.length,
      });
      rows.push(...artifacts);
    }
  }
  return rows;
}

function searchText(product, artifact) {
  const parts = [artifact.id, product, artifact.kind];
  for (const cell of artifact.cells) {
    if (cell !== null) {
      parts.push(cell.version, cell.displayVersion, cell.productVersion ?? '', cell.by ?? '', cell.releaseId.slice(0, 12));
    }
  }
  return parts.join(' ').toLowerCase();
}

/**
 * A product's live version per environment: that of its most recently deployed artifact there (attempts
 * that failed, run or wait do not count). Mirrors the engine's BoardProduct.versionIn.
 */
export function productVersions(artifacts, environmentCount) {
  const versions = new Array(environmentCount).fill(null);
  const times = new Array(environmentCount).fill(-Infinity);
  for (const artifact of artifacts) {
    artifact.cells.forEach((cell, e) => {
      if (cell !== null && cell.status === 'succeeded' && cell.productVersion !== null) {
        const at = Date.parse(cell.at);
        if (at > times[e]) {
          times[e] = at;
          versions[e] = cell.productVersion;
        }
      }
    });
  }
  return versions;
}

/**
 * The rows left by the filters: `product` (exact name or ''), `status` (a status, 'drifted' or ''), and
 * `text` (every whitespace-separated word must appear in the artifact's id, product, versions, release or
 * actor). A product row stays when at least one of its artifacts does.
 */
export function filterRows(rows, filters) {
  const words = (filters.text ?? '').toLowerCase().split(/\s+/).filter((word) => word.length > 0);
  const wanted = (row) => (!filters.product || row.product === filters.product)
    && (!filters.status || (filters.status === 'drifted' ? row.drifted : row.statuses.has(filters.status)))
    && words.every((word) => row.search.includes(word));
  const result = [];
  let product = null;
  for (const row of rows) {
    if (row.type === 'product') {
      product = { ...row, shownCount: 0 };
    } else if (wanted(row)) {
      if (product.shownCount === 0) {
        result.push(product);
      }
      product.shownCount += 1;
      result.push(row);
    }
  }
  return result;
}

export function countArtifacts(rows) {
  let count = 0;
  for (const row of rows) {
    if (row.type === 'artifact') {
      count += 1;
    }
  }
  return count;
}

export function findRun(environment, runId) {
  return environment.history.runs.find((run) => run.runId === runId) ?? null;
}

/** Only http(s) links, or links relative to the page: never javascript: or data: from the ledger. */
export function safeLink(url, base) {
  if (typeof url !== 'string' || url.length === 0) {
    return null;
  }
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null;
  } catch {
    return null;
  }
}
