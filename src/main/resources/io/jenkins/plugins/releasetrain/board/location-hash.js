// Deep links: the filters, the point in time and the open history entry live in the URL hash, so a link
// shows someone else exactly this view. Only known keys are read; values are treated as plain text.

const KEYS = ['product', 'status', 'q', 'at', 'env', 'run', 'artifact'];

/** The view state in a hash such as `#product=shop&status=failed&env=production&run=42`. */
export function readHash(hash) {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    state[key] = value === null ? '' : value;
  }
  if (state.at !== '' && Number.isNaN(Date.parse(state.at))) {
    state.at = '';
  }
  return state;
}

/** The hash for a view state; empty values are left out so plain views keep plain URLs. */
export function writeHash(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}

export function emptyState() {
  return readHash('');
}
