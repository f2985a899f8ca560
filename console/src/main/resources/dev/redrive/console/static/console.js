// The redrive console: plain DOM code, no framework, no network but this server's /console/api.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const STATE_LABELS = {
  SUCCEEDED: 'Succeeded', FAILED: 'Failed', CAUGHT: 'Caught error', RUNNING: 'In progress',
  WAITING: 'Waiting for a token', ABORTED: 'Cancelled', NOT_REACHED: 'Not reached'
};
let poll = null;
let renderId = 0;

/** Builds an element: h('a', {href: x, class: 'y'}, 'text', child). Text is never parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.substring(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces an element's children, leaving out the absent ones (null, undefined, false). */
function put(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** An error of the API, with AWS's code and message. */
class ApiError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST',
    headers: {'Content-Type': 'application/json', 'X-Redrive-Console': '1'},
    body: JSON.stringify(body)
  };
  const res = await fetch('api/' + path, init);
  let data;
  try { data = await res.json(); } catch (e) { throw new ApiError('InternalFailure', 'HTTP ' + res.status + ': the answer is not JSON'); }
  if (!res.ok) throw new ApiError(data.__type || ('HTTP' + res.status), data.message || '');
  return data;
}

function notice(text, ok) {
  const n = document.getElementById('notice');
  if (!text) { n.hidden = true; n.textContent = ''; return; }
  n.hidden = false;
  n.className = ok ? 'notice ok' : 'notice';
  n.textContent = text;
}

function showError(e) {
  notice(e instanceof ApiError ? e.code + ': ' + e.message : String(e));
}

function params() { return new URLSearchParams(location.search); }

function link(query, text, attrs) {
  const a = h('a', Object.assign({href: '?' + new URLSearchParams(query).toString()}, attrs || {}), text);
  a.addEventListener('click', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    go(query);
  });
  return a;
}

function go(query, replace) {
  const url = '?' + new URLSearchParams(query).toString();
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  notice('');
  render(true);
}

function when(iso) { return iso ? iso.replace('T', ' ').replace('Z', ' UTC') : ''; }

function badge(status) { return h('span', {class: 'badge ' + status}, status); }

function pretty(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') { try { return JSON.stringify(JSON.parse(value), null, 2); } catch (e) { return value; } }
  return JSON.stringify(value, null, 2);
}

/** Checks JSON typed in the page: the reason it is not JSON, or null. */
function jsonProblem(text, what) {
  if (text.trim() === '') return what + ' is empty: expected JSON, e.g. {}';
  try { JSON.parse(text); return null; } catch (e) { return what + ' is not valid JSON: ' + e.message; }
}

/** A textarea whose JSON is checked as it is typed; the button stays disabled while it is invalid. */
function jsonEditor(id, label, initial, button) {
  const err = h('div', {class: 'field-error', id: id + '-error', role: 'status', 'aria-live': 'polite'});
  const area = h('textarea', {id: id, spellcheck: 'false', 'aria-describedby': id + '-error'});
  area.value = initial;
  const check = () => {
    const problem = jsonProblem(area.value, label);
    err.textContent = problem || '';
    area.classList.toggle('invalid', !!problem);
    area.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (button) button.disabled = !!problem;
    return problem;
  };
  area.addEventListener('input', check);
  return {el: h('div', {}, h('label', {for: id}, label), area, err), area, check};
}

function setNav(view) {
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (a.dataset.nav === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

function schedule(fn, ms) {
  if (poll) clearTimeout(poll);
  poll = setTimeout(fn, ms);
}

async function render(fresh) {
  const id = ++renderId;
  if (poll) { clearTimeout(poll); poll = null; }
  const p = params();
  const view = p.get('view') || 'executions';
  setNav(view);
  const main = document.getElementById('main');
  try {
    if (view === 'execution') await executionView(main, p, fresh, id);
    else if (view === 'map-run') await mapRunView(main, p, id);
    else if (view === 'waiting') await waitingView(main, id);
    else if (view === 'start') await startView(main, p);
    else await executionsView(main, p, id);
  } catch (e) {
    if (id === renderId) { showError(e); schedule(() => render(false), 5000); }
  }
}

// ---- executions ----

async function executionsView(main, p, id) {
  const [overview, list] = await Promise.all([api('overview'), api('executions?' + listQuery(p))]);
  if (id !== renderId) return;
  document.getElementById('where').textContent = overview.region + ' · ' + overview.account + (overview.controller ? ' · controller attached' : '');
  const focused = document.activeElement && document.activeElement.id;
  const sm = h('select', {id: 'f-sm', name: 'sm'}, h('option', {value: ''}, 'All state machines'),
    overview.stateMachines.map((m) => h('option', {value: m.arn, selected: p.get('sm') === m.arn}, m.name)));
  const status = h('select', {id: 'f-status', name: 'status'}, h('option', {value: ''}, 'Any status'),
    STATUSES.map((x) => h('option', {value: x, selected: p.get('status') === x}, x)));
  const redrive = h('select', {id: 'f-redrive', name: 'redrive'}, h('option', {value: ''}, 'Redriven or not'),
    h('option', {value: 'REDRIVEN', selected: p.get('redrive') === 'REDRIVEN'}, 'Redriven'),
    h('option', {value: 'NOT_REDRIVEN', selected: p.get('redrive') === 'NOT_REDRIVEN'}, 'Not redriven'));
  const name = h('input', {id: 'f-name', name: 'name', type: 'search', placeholder: 'part of the name', value: p.get('name') || ''});
  const apply = () => {
    const q = {view: 'executions'};
    if (sm.value) q.sm = sm.value;
    if (status.value) q.status = status.value;
    if (redrive.value) q.redrive = redrive.value;
    if (name.value) q.name = name.value;
    go(q, true);
  };
  [sm, status, redrive].forEach((x) => x.addEventListener('change', apply));
  let typing;
  name.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(apply, 300); });
  const rows = list.items.map((e) => h('tr', {},
    h('td', {}, link({view: 'execution', arn: e.arn}, e.name, {class: 'exec-link'})),
    h('td', {}, badge(e.status)),
    h('td', {}, e.stateMachineName),
    h('td', {}, when(e.startDate)),
    h('td', {}, when(e.stopDate)),
    h('td', {}, String(e.redriveCount)),
    h('td', {}, e.redriveStatus)));
  const page = list.page;
  const pageQuery = (n) => Object.assign(Object.fromEntries(p.entries()), {view: 'executions', page: String(n)});
  put(main, 
    h('h1', {}, 'Executions'),
    h('div', {class: 'filters', role: 'search'},
      h('label', {for: 'f-sm'}, 'State machine', sm), h('label', {for: 'f-status'}, 'Status', status),
      h('label', {for: 'f-redrive'}, 'Redrive', redrive), h('label', {for: 'f-name'}, 'Name', name)),
    h('p', {class: 'muted'}, list.total + ' execution' + (list.total === 1 ? '' : 's') + ', newest first; updates every 3 s'),
    h('table', {id: 'executions'}, h('thead', {}, h('tr', {}, ['Name', 'Status', 'State machine', 'Started', 'Ended', 'Redrives', 'Redrive status'].map((x) => h('th', {scope: 'col'}, x)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', {colspan: '7', class: 'muted'}, 'No execution matches.')))),
    h('nav', {class: 'pager', 'aria-label': 'Pages'},
      page > 1 ? link(pageQuery(page - 1), '← Newer') : null,
      h('span', {}, 'Page ' + page + ' of ' + list.pages),
      page < list.pages ? link(pageQuery(page + 1), 'Older →') : null));
  if (focused) { const el = document.getElementById(focused); if (el) { el.focus(); if (el === name) name.setSelectionRange(name.value.length, name.value.length); } }
  schedule(() => { if (document.activeElement !== name) render(false); else schedule(() => render(false), 3000); }, 3000);
}

function listQuery(p) {
  const q = new URLSearchParams();
  if (p.get('sm')) q.set('stateMachine', p.get('sm'));
  for (const k of ['status', 'redrive', 'name', 'page']) if (p.get(k)) q.set(k, p.get(k));
  return q.toString();
}

// ---- one execution ----

const shown = {key: null, state: null, historyQuery: '', historyOffset: 0};

async function executionView(main, p, fresh, id) {
  const arn = p.get('arn');
  const data = await api('execution?arn=' + encodeURIComponent(arn));
  if (id !== renderId) return;
  const e = data.execution;
  const key = JSON.stringify([e.status, e.redriveCount, data.eventCount, data.controller.decisions.length, data.waiting.length]);
  if (fresh || shown.arn !== arn) {
    shown.arn = arn; shown.state = p.get('state') || data.failedState || null; shown.historyQuery = ''; shown.historyOffset = 0;
    put(main, h('div', {id: 'exec-head'}), h('div', {id: 'exec-body'}));
  }
  if (fresh || shown.key !== key) {
    shown.key = key;
    renderHead(document.getElementById('exec-head'), data);
    renderBody(document.getElementById('exec-body'), data);
  }
  const live = e.status === 'RUNNING' || e.status === 'PENDING_REDRIVE' || (data.controller.attached && e.redriveStatus === 'REDRIVABLE');
  schedule(() => render(false), live ? 1000 : 4000);
}

function renderHead(el, data) {
  const e = data.execution;
  const stop = h('button', {id: 'stop', class: 'danger', onclick: () => act('stop', {executionArn: e.arn}, 'Stop requested')}, 'Stop execution');
  const redrive = h('button', {id: 'redrive', class: 'primary', onclick: () => act('redrive', {executionArn: e.arn}, 'Redrive started')}, 'Redrive');
  put(el, 
    h('p', {}, link({view: 'executions', sm: e.stateMachineArn}, '← ' + e.stateMachineName)),
    h('h1', {}, e.name, ' ', h('span', {id: 'status'}, badge(e.status))),
    h('div', {class: 'summary'},
      h('div', {}, h('span', {}, 'Execution ARN'), h('code', {class: 'token'}, e.arn)),
      h('div', {}, h('span', {}, 'Started'), when(e.startDate)),
      h('div', {}, h('span', {}, 'Ended'), when(e.stopDate) || '—'),
      h('div', {}, h('span', {}, 'Redrive count'), h('b', {id: 'redrive-count'}, String(e.redriveCount))),
      h('div', {}, h('span', {}, 'Last redriven'), when(e.redriveDate) || '—'),
      h('div', {}, h('span', {}, 'Redrive status'), e.redriveStatus + (e.redriveStatusReason ? ' (' + e.redriveStatusReason + ')' : ''))),
    e.error || e.cause ? h('div', {class: 'failure', id: 'failure', role: 'region', 'aria-label': 'Failure'},
      h('b', {}, 'Failed' + (data.failedState ? ' in state ' + data.failedState : '') + ': '), h('code', {}, e.error || ''),
      e.cause ? h('pre', {}, e.cause) : null) : null,
    h('div', {class: 'actions'}, e.status === 'RUNNING' ? stop : null, e.redriveStatus === 'REDRIVABLE' ? redrive : null));
}

async function act(action, body, done) {
  try {
    await api('actions/' + action, body);
    notice(done, true);
    render(false);
  } catch (err) { showError(err); }
}

function renderBody(el, data) {
  const e = data.execution;
  const side = h('div', {class: 'panel', id: 'state-panel', 'aria-live': 'polite'});
  const parts = [];
  if (data.graph) {
    parts.push(h('h2', {}, 'Graph'), legend(), h('div', {class: 'split'}, h('div', {class: 'graph', id: 'graph'}, graphSvg(data, side)), side));
  }
  parts.push(redrives(data));
  if (data.waiting.length) parts.push(h('h2', {}, 'Waiting for a task token'), waitingCards(data.waiting));
  if (data.mapRuns.length) parts.push(h('h2', {}, 'Map runs'), mapRunsTable(data.mapRuns));
  parts.push(decisionsSection(data.controller));
  parts.push(h('h2', {}, 'Input and output'), h('div', {class: 'split'},
    h('div', {}, h('h3', {}, 'Input'), h('pre', {class: 'json'}, pretty(e.input))),
    h('div', {}, h('h3', {}, 'Output'), h('pre', {class: 'json'}, e.output ? pretty(e.output) : '—'))));
  const history = h('div', {id: 'history'});
  parts.push(h('h2', {}, 'Events (' + data.eventCount + ')'), history);
  put(el, ...parts);
  if (data.graph) selectState(data, shown.state, side);
  historyTable(history, e.arn);
}

function legend() {
  return h('div', {class: 'legend', 'aria-hidden': 'true'}, Object.entries(STATE_LABELS).map(([k, v]) => h('span', {}, h('i', {class: k}), v)));
}

function graphSvg(data, side) {
  const g = data.graph;
  const taken = new Set(data.transitions.map((t) => t[0] + '\u0000' + t[1]));
  const byId = Object.fromEntries(g.nodes.map((n) => [n.id, n]));
  const nameOf = (id) => id === '__start' || id === '__end' ? id : byId[id].name;
  const svg = s('svg', {width: g.width, height: g.height, viewBox: '0 0 ' + g.width + ' ' + g.height, role: 'group', 'aria-label': 'State machine graph'});
  svg.append(s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse'}, s('path', {d: 'M0 0L10 5L0 10z', fill: '#607080'}))));
  for (const n of g.nodes) {
    if (n.kind === 'BRANCH' || n.kind === 'ITERATOR' || (n.kind === 'STATE' && g.nodes.some((c) => c.parent === n.id))) {
      const title = n.kind === 'STATE' ? n.name + ' (' + n.type + ')' : n.name;
      const st = data.states[n.name];
      const cls = n.kind === 'STATE' ? 'container state st-' + (st ? st.status : 'NOT_REACHED') : 'container';
      const grp = s('g', {class: cls, 'data-state': n.kind === 'STATE' ? n.name : ''}, s('rect', {x: n.x, y: n.y, width: n.w, height: n.h}), s('text', {x: n.x + 8, y: n.y + 17}, title));
      if (n.kind === 'STATE') stateKeys(grp, n, data, side);
      svg.append(grp);
    }
  }
  for (const edge of g.edges) {
    const pts = [];
    for (let i = 0; i < edge.points.length; i += 2) pts.push(edge.points[i] + ',' + edge.points[i + 1]);
    const isTaken = taken.has(nameOf(edge.from) + '\u0000' + nameOf(edge.to));
    svg.append(s('polyline', {class: 'edge ' + edge.kind + (isTaken ? ' taken' : ''), points: pts.join(' '), 'marker-end': 'url(#arrow)'}));
  }
  for (const n of g.nodes) {
    if (n.kind === 'START' || n.kind === 'END') {
      svg.append(s('g', {class: 'terminal'}, s('ellipse', {cx: n.x + n.w / 2, cy: n.y + n.h / 2, rx: n.w / 2, ry: n.h / 2}), s('text', {x: n.x + n.w / 2, y: n.y + n.h / 2 + 4, 'text-anchor': 'middle'}, n.name)));
    } else if (n.kind === 'STATE' && !g.nodes.some((c) => c.parent === n.id)) {
      const st = data.states[n.name];
      const status = st ? st.status : 'NOT_REACHED';
      const grp = s('g', {class: 'state st-' + status, 'data-state': n.name}, s('rect', {x: n.x, y: n.y, width: n.w, height: n.h}),
        s('text', {x: n.x + n.w / 2, y: n.y + n.h / 2 + 4, 'text-anchor': 'middle'}, n.name + (st && st.runs > 1 ? ' ×' + st.runs : '')));
      stateKeys(grp, n, data, side);
      svg.append(grp);
    }
  }
  return svg;
}

function stateKeys(grp, n, data, side) {
  const st = data.states[n.name];
  grp.setAttribute('tabindex', '0');
  grp.setAttribute('role', 'button');
  grp.setAttribute('aria-label', n.name + ', ' + n.type + ': ' + STATE_LABELS[st ? st.status : 'NOT_REACHED']);
  const choose = (ev) => { ev.stopPropagation(); selectState(data, n.name, side); };
  grp.addEventListener('click', choose);
  grp.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); choose(ev); } });
}

function selectState(data, name, side) {
  shown.state = name;
  document.querySelectorAll('#graph .state').forEach((g) => g.classList.toggle('selected', g.dataset.state === name));
  if (!name) { put(side, h('p', {class: 'muted'}, 'Select a state (click, or Tab then Enter) to see its input, output, retries and events.')); return; }
  const node = data.graph.nodes.find((n) => n.name === name && n.kind === 'STATE');
  const st = data.states[name];
  const events = h('div', {}, h('p', {class: 'muted'}, 'Loading events…'));
  const payloads = h('div', {}, h('p', {class: 'muted'}, 'Loading input and output…'));
  put(side, 
    h('h2', {id: 'state-title'}, name),
    h('p', {}, (node ? node.type + ' · ' : ''), h('b', {id: 'state-status'}, STATE_LABELS[st ? st.status : 'NOT_REACHED'])),
    st ? h('p', {class: 'muted'}, 'Ran ' + st.runs + ' time' + (st.runs === 1 ? '' : 's') + ' (' + Object.entries(st.counts).map(([k, v]) => v + ' ' + STATE_LABELS[k].toLowerCase()).join(', ') + '), in attempt' + (st.attempts.length === 1 ? ' ' : 's ') + st.attempts.join(', ') + ' (0 = first run, n = after redrive n); retries in its last run: ' + st.retries) : null,
    st && (st.error || st.cause) ? h('div', {class: 'failure'}, h('code', {}, st.error || ''), st.cause ? h('pre', {}, st.cause) : null) : null,
    st ? payloads : null,
    st ? h('h3', {}, 'Events') : null, st ? events : null);
  if (st) {
    const arn = encodeURIComponent(data.execution.arn);
    api('state?arn=' + arn + '&name=' + encodeURIComponent(name))
      .then((d) => put(payloads, 
        h('h3', {}, 'Input'), h('pre', {class: 'json', id: 'state-input'}, pretty(d.input)),
        d.output !== undefined ? h('h3', {}, 'Output') : null,
        d.output !== undefined ? h('pre', {class: 'json', id: 'state-output'}, pretty(d.output)) : null))
      .catch(showError);
    api('history?arn=' + arn + '&state=' + encodeURIComponent(name) + '&limit=50')
      .then((page) => put(events, eventsTable(page.items), page.matched > page.items.length ? h('p', {class: 'muted'}, page.items.length + ' of ' + page.matched + ' events; the table below searches them all.') : ''))
      .catch(showError);
  }
}

function redrives(data) {
  if (!data.redrives.length) return h('div');
  return h('div', {id: 'redrives'}, h('h2', {}, 'Redrives'), h('table', {},
    h('thead', {}, h('tr', {}, ['Redrive', 'When', 'Event', 'States run in this attempt'].map((x) => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, data.redrives.map((r) => h('tr', {},
      h('td', {}, '#' + r.redriveCount), h('td', {}, when(r.date)), h('td', {}, String(r.eventId)),
      h('td', {}, Object.entries(data.states).filter(([, st]) => st.attempts.includes(r.redriveCount)).map(([n]) => n).join(', ')))))));
}

function waitingCards(tasks) {
  return h('div', {id: 'waiting-tasks'}, tasks.map((t, i) => taskCard(t, 'w' + i)));
}

function taskCard(t, id) {
  const success = h('button', {class: 'primary', id: id + '-success'}, 'Send task success');
  const output = jsonEditor(id + '-output', 'Output (JSON)', '{}', success);
  const error = h('input', {id: id + '-error-name', value: 'Rejected'});
  const cause = h('input', {id: id + '-cause', value: ''});
  const token = t.taskToken;
  success.addEventListener('click', () => {
    const problem = output.check();
    if (problem) { output.area.focus(); return; }
    act('task-success', {taskToken: token, output: output.area.value}, 'Task success sent');
  });
  return h('div', {class: 'card waiting-task'},
    h('p', {}, h('b', {}, t.state), ' · ', t.resource, ' · waiting since ', when(t.since),
      t.executionName ? h('span', {}, ' · ', link({view: 'execution', arn: t.executionArn}, t.stateMachineName + '/' + t.executionName)) : null),
    token ? h('p', {}, 'Token: ', h('code', {class: 'token'}, token)) : h('p', {class: 'muted'}, 'Waiting for an activity worker (the token goes to the worker).'),
    token ? h('div', {}, output.el, success,
      h('div', {class: 'filters'}, h('label', {for: id + '-error-name'}, 'Error', error), h('label', {for: id + '-cause'}, 'Cause', cause),
        h('button', {class: 'danger', id: id + '-failure', onclick: () => act('task-failure', {taskToken: token, error: error.value, cause: cause.value}, 'Task failure sent')}, 'Send task failure'),
        h('button', {id: id + '-heartbeat', onclick: () => act('task-heartbeat', {taskToken: token}, 'Heartbeat sent')}, 'Send heartbeat'))) : null);
}

function mapRunsTable(runs) {
  return h('table', {id: 'map-runs'}, h('thead', {}, h('tr', {}, ['Map run', 'Status', 'Items: succeeded / failed / running / pending / total', 'Redrives'].map((x) => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, runs.map((m) => h('tr', {},
      h('td', {}, link({view: 'map-run', arn: m.arn}, m.arn.split(':').slice(-2).join(':'))), h('td', {}, badge(m.status)),
      h('td', {}, [m.itemCounts.succeeded, m.itemCounts.failed, m.itemCounts.running, m.itemCounts.pending, m.itemCounts.total].join(' / ')),
      h('td', {}, String(m.redriveCount))))));
}

function decisionsSection(c) {
  if (!c.attached) return h('div', {id: 'decisions'}, h('h2', {}, 'Controller decisions'), h('p', {class: 'muted'}, 'No controller attached: start the simulator with redrive serve --policy FILE to see its decisions here.'));
  return h('div', {id: 'decisions'}, h('h2', {}, 'Controller decisions'),
    c.decisions.length === 0 ? h('p', {class: 'muted'}, 'No decision yet: the controller decides when the execution fails, times out or is aborted.') :
      h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Event', 'Action', 'Rule', 'Reason', 'Delay', 'Controller did', 'Why'].map((x) => h('th', {scope: 'col'}, x)))),
        h('tbody', {}, c.decisions.map((d) => h('tr', {class: 'decision'},
          h('td', {}, when(d.at)), h('td', {}, d.status + ', redriveCount ' + d.redriveCount),
          h('td', {class: 'decision-' + (d.action || '')}, d.action || '—'), h('td', {}, d.rule || '—'), h('td', {}, d.reason),
          h('td', {}, d.delaySeconds ? d.delaySeconds + ' s' : '—'), h('td', {}, (d.result || 'pending') + (d.detail ? ': ' + d.detail : '')),
          h('td', {}, h('details', {}, h('summary', {}, 'Explanation'), h('pre', {class: 'json'}, d.explanation))))))));
}

function eventsTable(items) {
  return h('table', {class: 'events'}, h('thead', {}, h('tr', {}, ['ID', 'Type', 'State', 'Attempt', 'Time', 'Details'].map((x) => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, items.map((ev) => h('tr', {},
      h('td', {}, String(ev.id)), h('td', {}, ev.type), h('td', {}, ev.state || ''), h('td', {}, ev.attempt >= 0 && ev.attempt !== undefined ? String(ev.attempt) : ''),
      h('td', {}, when(ev.timestamp)),
      h('td', {}, ev.details ? h('details', {}, h('summary', {}, summaryOf(ev.details)), h('pre', {class: 'json'}, pretty(ev.details))) : '')))));
}

function summaryOf(d) {
  if (d.error) return d.error + (d.cause ? ': ' + String(d.cause).slice(0, 80) : '');
  if (d.name) return d.name;
  if (d.resource) return d.resource;
  return Object.keys(d).join(', ');
}

async function historyTable(el, arn) {
  const LIMIT = 100;
  const search = h('input', {id: 'history-search', type: 'search', placeholder: 'type, state, error, any text', value: shown.historyQuery});
  const body = h('div', {id: 'history-rows'});
  const pager = h('nav', {class: 'pager', 'aria-label': 'Event pages'});
  const load = async () => {
    const q = new URLSearchParams({arn, offset: String(shown.historyOffset), limit: String(LIMIT)});
    if (shown.historyQuery) q.set('q', shown.historyQuery);
    try {
      const page = await api('history?' + q.toString());
      put(body, eventsTable(page.items));
      const last = Math.min(page.matched, page.offset + page.items.length);
      put(pager, 
        h('button', {disabled: page.offset === 0, onclick: () => { shown.historyOffset = Math.max(0, page.offset - LIMIT); load(); }}, '← Earlier'),
        h('span', {id: 'history-count'}, (page.matched ? (page.offset + 1) + '–' + last : '0') + ' of ' + page.matched + (shown.historyQuery ? ' matching' : '') + ' events'),
        h('button', {disabled: last >= page.matched, onclick: () => { shown.historyOffset = page.offset + LIMIT; load(); }}, 'Later →'));
    } catch (e) { showError(e); }
  };
  let typing;
  search.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { shown.historyQuery = search.value; shown.historyOffset = 0; load(); }, 250); });
  put(el, h('div', {class: 'filters', role: 'search'}, h('label', {for: 'history-search'}, 'Search events', search)), pager, body);
  await load();
}

// ---- map run, waiting tasks, start ----

async function mapRunView(main, p, id) {
  const q = new URLSearchParams({arn: p.get('arn')});
  if (p.get('status')) q.set('status', p.get('status'));
  if (p.get('page')) q.set('page', p.get('page'));
  const data = await api('map-run?' + q.toString());
  if (id !== renderId) return;
  const m = data.mapRun;
  const c = m.executionCounts;
  const pageQuery = (n) => ({view: 'map-run', arn: p.get('arn'), page: String(n)});
  put(main, 
    h('p', {}, link({view: 'execution', arn: m.executionArn}, '← parent execution')),
    h('h1', {}, 'Map run ', badge(m.status)),
    h('p', {class: 'token'}, m.arn),
    h('div', {class: 'summary'}, ['succeeded', 'failed', 'running', 'pending', 'aborted', 'timedOut', 'total'].map((k) => h('div', {}, h('span', {}, 'Child executions ' + k), String(c[k])))),
    h('table', {id: 'children'}, h('thead', {}, h('tr', {}, ['#', 'Child execution', 'Status', 'Started', 'Ended', 'Error'].map((x) => h('th', {scope: 'col'}, x)))),
      h('tbody', {}, data.items.map((e) => h('tr', {}, h('td', {}, String(e.index)), h('td', {}, link({view: 'execution', arn: e.arn}, e.name)), h('td', {}, badge(e.status)), h('td', {}, when(e.startDate)), h('td', {}, when(e.stopDate)), h('td', {}, e.error || ''))))),
    h('nav', {class: 'pager', 'aria-label': 'Pages'}, data.page > 1 ? link(pageQuery(data.page - 1), '← Previous') : null, h('span', {}, 'Page ' + data.page + ' of ' + data.pages), data.page < data.pages ? link(pageQuery(data.page + 1), 'Next →') : null));
  if (m.status === 'RUNNING') schedule(() => render(false), 2000);
}

let waitingKey = null;
async function waitingView(main, id) {
  const data = await api('waiting');
  if (id !== renderId) return;
  const key = JSON.stringify(data);
  if (key !== waitingKey || !document.getElementById('waiting-tasks')) {
    waitingKey = key;
    put(main, h('h1', {}, 'Waiting tasks'),
      data.tasks.length ? waitingCards(data.tasks) : h('p', {class: 'muted', id: 'waiting-tasks'}, 'No task of a running execution waits for a token or a worker.'),
      h('h2', {}, 'Activities'),
      data.activities.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Activity'), h('th', {scope: 'col'}, 'ARN'), h('th', {scope: 'col'}, 'Created'))),
        h('tbody', {}, data.activities.map((a) => h('tr', {}, h('td', {}, a.name), h('td', {class: 'token'}, a.arn), h('td', {}, when(a.creationDate)))))) : h('p', {class: 'muted'}, 'No activity.'));
  }
  schedule(() => render(false), 3000);
}

async function startView(main, p) {
  const overview = await api('overview');
  const machines = overview.stateMachines.filter((m) => m.type === 'STANDARD');
  const start = h('button', {class: 'primary', id: 'start'}, 'Start execution');
  const sm = h('select', {id: 'start-sm'}, machines.map((m) => h('option', {value: m.arn, selected: p.get('sm') === m.arn}, m.name)));
  const name = h('input', {id: 'start-name', placeholder: 'a random UUID when empty'});
  const testCase = h('input', {id: 'start-case', placeholder: 'none'});
  const input = jsonEditor('start-input', 'Input (JSON)', '{}', start);
  start.addEventListener('click', async () => {
    const problem = input.check();
    if (problem) { input.area.focus(); return; }
    try {
      const body = {stateMachineArn: sm.value, input: input.area.value};
      if (name.value) body.name = name.value;
      if (testCase.value) body.testCase = testCase.value;
      const res = await api('actions/start', body);
      go({view: 'execution', arn: res.executionArn});
      notice('Execution started', true);
    } catch (e) { showError(e); }
  });
  put(main, h('h1', {}, 'Start an execution'),
    machines.length === 0 ? h('p', {class: 'muted'}, 'No Standard state machine yet: create one with the Step Functions API (CreateStateMachine).') :
      h('div', {class: 'panel'},
        h('div', {class: 'filters'}, h('label', {for: 'start-sm'}, 'State machine', sm), h('label', {for: 'start-name'}, 'Name', name),
          h('label', {for: 'start-case'}, 'Mock test case (--mock-config)', testCase)),
        input.el, start));
}

window.addEventListener('popstate', () => render(true));
document.addEventListener('visibilitychange', () => { if (!document.hidden) render(false); });
render(true);
