// The only way the board creates elements: text always goes through textContent, attributes through
// setAttribute with names chosen here, never from data; nothing is parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'className') {
      element.className = value;
    } else if (name === 'text') {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return parent;
}

// Full times name their time zone; the cells' short times are in the same zone, which the legend names.
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});

/** The time zone every time on the page is shown in (the browser's). */
export function timeZone() {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'local time';
}
const SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A <time> element: short local text, exact UTC time in its datetime attribute and tooltip. */
export function time(iso, short = false) {
  if (iso === null || iso === undefined) {
    return el('span', { className: 'rt-muted', text: '—' });
  }
  const date = new Date(iso);
  return el('time', { datetime: iso, title: iso, text: (short ? SHORT : DATE_TIME).format(date) });
}

/** The value of a datetime-local input (local time) for an ISO instant, and back. */
export function toLocalInputValue(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInputValue(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
