// ballotlaw serve: the page. Every text from the rule file, the results or the engine is put in the page as
// text (textContent), never as HTML. Offsets from the server count UTF-16 units, as JavaScript strings do.
"use strict";

const BLOCK_WORDS = new Set([
  "ballotlaw", "election", "end", "source", "level", "count", "votes", "contest", "amends", "amend", "replace",
  "add", "remove", "relations", "example", "given", "expect", "spec", "property", "known", "failure",
]);
const TOKENS = /(#[^\n]*)|("[^"\n]*"?)|(\[[^\]\n]*\]?)|(\d{4}-\d{2}-\d{2}|\d+\/\d+|\d+(?:\.\d+)?%?)|([a-z_][a-z0-9_'-]*)/g;
const SETTLE_MS = 250;

const state = {
  path: null, // the rule file, relative to the folder
  loaded: null, // SHA-256 of the file as read from disk (what saving compares with)
  saved: "", // the text as last read or saved
  results: null, // a results file of the folder
  upload: null, // or an uploaded one
  keywords: new Set(),
  sequence: 0, // the latest evaluation asked for; older answers are dropped
  diagnostics: [],
  previousSeats: new Map(),
  timer: null,
};

const $ = (id) => document.getElementById(id);
const source = () => $("source");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

async function api(url, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  const response = await fetch(url, options);
  let answer = {};
  try { answer = await response.json(); } catch (error) { answer = {error: `${response.status}`}; }
  return {status: response.status, answer};
}

// ---- the editor: highlighting and diagnostics drawn under the textarea --------------------------------------

function tokens(text) {
  const out = [];
  TOKENS.lastIndex = 0;
  let match;
  while ((match = TOKENS.exec(text)) !== null) {
    const [whole, comment, string, citation, number, word] = match;
    let kind = null;
    if (comment !== undefined) kind = "comment";
    else if (string !== undefined) kind = "string";
    else if (citation !== undefined) kind = "citation";
    else if (number !== undefined) kind = "number";
    else if (word !== undefined) kind = BLOCK_WORDS.has(word) ? "block" : state.keywords.has(word) ? "keyword" : "name";
    if (kind !== null) out.push([match.index, match.index + whole.length, kind]);
  }
  return out;
}

function draw() {
  const text = source().value;
  const marks = state.diagnostics
    .filter((d) => typeof d.from === "number")
    .map((d) => [d.from, Math.max(d.to, d.from + 1), d.severity]);
  const cuts = new Set([0, text.length]);
  const toks = tokens(text);
  for (const [a, b] of toks) { cuts.add(a); cuts.add(b); }
  for (const [a, b] of marks) { cuts.add(Math.min(a, text.length)); cuts.add(Math.min(b, text.length + 1)); }
  const points = [...cuts].sort((x, y) => x - y);
  const pre = $("highlight");
  const fragment = document.createDocumentFragment();
  let t = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    while (t < toks.length && toks[t][1] <= a) t++;
    const kind = t < toks.length && toks[t][0] <= a ? toks[t][2] : null;
    const over = marks.filter(([from, to]) => from <= a && a < to).map((m) => m[2]);
    const piece = a >= text.length ? " " : text.slice(a, b);
    const classes = [];
    if (kind) classes.push(`tok-${kind}`);
    if (over.length) classes.push(over.includes("error") ? "diag-error" : "diag-warning");
    fragment.append(classes.length ? element("span", {class: classes.join(" "), text: piece}) : document.createTextNode(piece));
  }
  fragment.append(document.createTextNode("\n"));
  pre.replaceChildren(fragment);
  follow();
}

function follow() {
  $("highlight").scrollTop = source().scrollTop;
  $("highlight").scrollLeft = source().scrollLeft;
}

function reveal(from, to) {
  const area = source();
  area.focus();
  area.setSelectionRange(from, to === undefined ? from : to);
  const line = area.value.slice(0, from).split("\n").length - 1;
  const height = parseFloat(getComputedStyle(area).lineHeight) || 19;
  area.scrollTop = Math.max(0, (line - 4) * height);
  follow();
}

function where(d) {
  if (d.line !== undefined) return `${d.file}:${d.line}:${d.column}`;
  if (d.pointer !== undefined) return `${d.file}:${d.pointer}`;
  return `${d.file}${d.row ? ":" + d.row : ""}${d.field ? ":" + d.field : ""}`;
}

function diagnosticItem(d) {
  const item = element("li", {class: d.severity, "data-code": d.code},
    element("span", {class: "code", text: `${d.severity}[${d.code}]`}), " ",
    element("span", {class: "where", text: where(d)}), " ", d.message,
    d.hint ? element("div", {class: "hint", text: `help: ${d.hint}`}) : null);
  if (typeof d.from === "number") item.addEventListener("click", () => reveal(d.from, d.to));
  return item;
}

function showDiagnostics(found) {
  state.diagnostics = found;
  $("diagnostics").replaceChildren(...found.map(diagnosticItem));
  const errors = found.filter((d) => d.severity === "error").length;
  const warnings = found.length - errors;
  $("diagnostic-count").textContent = found.length ? `${errors} error(s), ${warnings} warning(s)` : "none";
  draw();
  showStatus();
}

function showStatus(message) {
  const errors = state.diagnostics.filter((d) => d.severity === "error").length;
  const changed = source().value !== state.saved;
  const parts = [];
  if (message) parts.push(message);
  parts.push(errors ? `${errors} error(s)` : "checks");
  parts.push(changed ? "not saved" : "saved");
  $("status").textContent = parts.join(" · ");
  $("status").className = errors ? "errors" : "";
}

// ---- evaluation as you type -----------------------------------------------------------------------------------

function changed() {
  showStatus();
  clearTimeout(state.timer);
  state.timer = setTimeout(evaluate, SETTLE_MS);
}

async function evaluate() {
  if (state.path === null) return;
  const sequence = ++state.sequence;
  const body = {path: state.path, text: source().value, results: state.results, upload: state.upload,
                accept_data_errors: $("accept") ? $("accept").checked : false};
  const {status, answer} = await api("/api/evaluate", body);
  if (sequence !== state.sequence) return; // a later text is being evaluated
  document.body.dataset.evaluated = String(sequence);
  if (status !== 200) { showStatus(answer.error || `error ${status}`); return; }
  showDiagnostics(answer.diagnostics);
  showExamples(answer.examples);
  showData(answer);
  showOutcome(answer.outcome);
  showTrace(answer.trace);
}

function status(text) {
  return element("span", {class: `status ${String(text).replace(/\s+/g, "-")}`, text: String(text)});
}

function showData(answer) {
  const box = $("data");
  const parts = [];
  if (answer.problem) parts.push(element("p", {class: "diag-error", text: answer.problem}));
  if (answer.data.length) {
    parts.push(element("h3", {text: "The results' own arithmetic"}));
    parts.push(element("ul", {class: "diagnostics"}, ...answer.data.map(diagnosticItem)));
  }
  if (answer.data_refused && answer.data.some((d) => d.severity === "error")) {
    const accept = element("input", {type: "checkbox", id: "accept"});
    accept.addEventListener("change", evaluate);
    parts.push(element("label", {}, accept, " compute the outcome anyway (it is then not certifiable)"));
  } else if ($("accept") && $("accept").checked) {
    const accept = element("input", {type: "checkbox", id: "accept", checked: true});
    accept.addEventListener("change", evaluate);
    parts.push(element("label", {}, accept, " outcome computed despite the errors: not certifiable"));
  }
  box.replaceChildren(...parts);
}

function share(selection) {
  const measured = selection.tests.find((test) => test.display);
  return measured ? measured.display : "";
}

function votes(selection) {
  if (selection.votes_status === "published") return selection.votes.toLocaleString("en");
  if (selection.votes_at_most !== null) return `not published (≤ ${selection.votes_at_most.toLocaleString("en")})`;
  return selection.votes_status;
}

function unitTable(contest, unit) {
  const clauses = [];
  for (const selection of unit.selections) {
    for (const test of selection.tests) if (!clauses.includes(test.clause)) clauses.push(test.clause);
  }
  const short = (clause) => clause.slice(clause.indexOf(".") + 1);
  const head = element("tr", {},
    element("th", {text: contest.kind === "candidates" ? "candidate" : contest.kind === "options" ? "option" : "list"}),
    element("th", {class: "num", text: "votes"}), element("th", {class: "num", text: "share"}),
    element("th", {class: "num", text: "seats"}), element("th", {text: "qualified"}),
    ...clauses.map((c) => element("th", {text: short(c)})));
  const ordered = [...unit.selections].sort((a, b) =>
    (b.seats || 0) - (a.seats || 0) || (b.votes || 0) - (a.votes || 0) || a.id.localeCompare(b.id));
  const rows = ordered.map((selection) => {
    const key = `${contest.id}/${unit.unit}/${selection.id}`;
    const before = state.previousSeats.get(key);
    const seats = selection.seats === null ? "-" : String(selection.seats);
    state.previousSeats.set(key, seats);
    return element("tr", {"data-selection": selection.id, class: before !== undefined && before !== seats ? "changed" : ""},
      element("td", {text: selection.id}),
      element("td", {class: "num", text: votes(selection)}),
      element("td", {class: "num", text: share(selection)}),
      element("td", {class: "num seats", text: seats}),
      element("td", {}, selection.qualified === null ? "" : status(selection.qualified)),
      ...clauses.map((clause) => {
        const test = selection.tests.find((t) => t.clause === clause);
        return element("td", {}, test ? status(test.result) : "");
      }));
  });
  return element("table", {}, element("thead", {}, head), element("tbody", {}, ...rows));
}

function showOutcome(outcome) {
  const view = $("outcome-view");
  if (!outcome) {
    const why = state.results || state.upload ? "No outcome: the rule file or the results have errors."
      : "Choose a results file to see the outcome.";
    view.replaceChildren(element("p", {class: "muted", text: why}));
    return;
  }
  const parts = [element("p", {}, "status ", status(outcome.status), ` · results ${outcome.results.file}`)];
  for (const contest of outcome.contests) {
    parts.push(element("h3", {}, `${contest.id}: ${contest.title} `, status(contest.status)));
    for (const reason of contest.reasons) parts.push(element("p", {class: "muted", text: `${reason.clause}: ${reason.text}`}));
    const units = contest.units.slice(0, 60);
    for (const unit of units) {
      parts.push(element("h4", {}, `${unit.name || unit.unit} `, status(unit.status)));
      parts.push(unitTable(contest, unit));
      const notes = [];
      if (unit.seats_note) notes.push(`seats (${unit.seats_status}): ${unit.seats_note}`);
      for (const check of unit.checks) notes.push(`${check.clause}: ${check.result} - ${check.detail}`);
      for (const reason of unit.reasons) notes.push(`${reason.clause}: ${reason.text}`);
      if (notes.length) parts.push(element("ul", {class: "notes"}, ...notes.map((n) => element("li", {text: n}))));
    }
    if (contest.units.length > units.length) {
      parts.push(element("p", {class: "muted", text: `and ${contest.units.length - units.length} more unit(s): see ballotlaw run`}));
    }
  }
  view.replaceChildren(...parts);
}

function link(url, text) {
  if (!/^https?:\/\//.test(url || "")) return document.createTextNode(text);
  return element("a", {href: url, target: "_blank", rel: "noopener noreferrer", text});
}

function showTrace(steps) {
  const items = steps.slice(0, 2000).map((step) => {
    const clause = element("span", {class: "clause", text: step.clause});
    if (typeof step.from === "number") clause.addEventListener("click", () => reveal(step.from));
    const cites = step.citations.map((c) => link(c.url, `${c.source}${c.pinpoint ? " " + c.pinpoint : ""}: ${c.title || ""}`));
    const citeLine = element("span", {class: "cites"});
    cites.forEach((c, i) => { if (i) citeLine.append("; "); citeLine.append(c); });
    return element("li", {value: step.n}, `${step.contest} · ${step.unit} · ${step.kind} · `, clause,
      element("span", {class: "decision", text: `${step.decision} → ${step.result}`}),
      cites.length ? citeLine : null,
      step.assumption ? element("span", {class: "assumption", text: `assumption: ${step.assumption}`}) : null);
  });
  $("trace-view").replaceChildren(...items);
}

function showExamples(examples) {
  const failed = examples.filter((e) => !e.passed).length;
  $("examples-count").textContent = examples.length ? `${examples.length - failed}/${examples.length}` : "";
  $("examples-view").replaceChildren(...examples.map((example) => {
    const item = element("li", {"data-example": example.id},
      element("span", {class: example.passed ? "passed-mark" : "failed-mark", text: example.passed ? "passed" : "FAILED"}),
      ` ${example.id}: ${example.title} (line ${example.line})`,
      example.failures.length ? element("ul", {class: "diagnostics"}, ...example.failures.map(diagnosticItem)) : null);
    if (typeof example.from === "number") item.addEventListener("click", () => reveal(example.from));
    return item;
  }));
}

// ---- verification and pinning ------------------------------------------------------------------------------------

function pin(block) {
  const area = source();
  let text = block;
  const name = /^example (\S+)/.exec(block);
  if (name) {
    let id = name[1];
    for (let n = 2; new RegExp(`^example ${id}\\b`, "m").test(area.value); n++) id = `${name[1]}_${n}`;
    text = block.replace(/^example \S+/, `example ${id}`);
  }
  area.value = area.value.replace(/\n*$/, "\n\n") + text;
  reveal(area.value.length - text.length);
  changed();
}

async function verify() {
  const view = $("verify-view");
  const budget = Number($("budget").value) || 100;
  view.replaceChildren(element("p", {class: "muted", text: `searching ${budget} generated elections per property…`}));
  $("run-verify").disabled = true;
  try {
    const {status: code, answer} = await api("/api/verify", {path: state.path, text: source().value, examples: budget});
    if (code !== 200) { view.replaceChildren(element("p", {class: "diag-error", text: answer.error})); return; }
    const parts = [];
    if (answer.nothing_checked) parts.push(element("p", {class: "diag-error", text: `nothing was checked: ${answer.nothing_checked}`}));
    for (const property of answer.properties) {
      const box = element("div", {class: "property", "data-property": property.property},
        status(property.status), ` ${property.contest}: ${property.property} - ${property.phrase}`,
        property.summary ? element("p", {text: property.summary}) : null,
        ...property.details.map((d) => element("div", {class: "muted", text: d})));
      if (property.example_block) {
        const button = element("button", {type: "button", class: "pin", text: "Pin as an example block"});
        button.addEventListener("click", () => pin(property.example_block));
        box.append(element("pre", {text: property.example_block}), button);
      }
      parts.push(box);
    }
    view.replaceChildren(...parts);
  } finally {
    $("run-verify").disabled = false;
  }
}

// ---- files: open, save, results ----------------------------------------------------------------------------------

async function openRules(path) {
  const {status: code, answer} = await api(`/api/file?path=${encodeURIComponent(path)}`);
  if (code !== 200) { showStatus(answer.error); return; }
  state.path = answer.path;
  state.loaded = answer.sha256;
  state.saved = answer.text;
  source().value = answer.text;
  state.previousSeats.clear();
  document.title = `${answer.path} - ballotlaw`;
  draw();
  await evaluate();
}

async function save() {
  if (state.path === null) return;
  const text = source().value;
  let body = {path: state.path, text, sha256: state.loaded, force: false};
  let {status: code, answer} = await api("/api/save", body);
  if (code === 409) {
    const question = answer.reason === "errors"
      ? `The rule file has ${answer.errors} error(s). Save it anyway?`
      : "The file has changed on disk since it was opened. Overwrite it?";
    if (!window.confirm(question)) { showStatus("save cancelled"); return; }
    body = {...body, force: true};
    ({status: code, answer} = await api("/api/save", body));
  }
  if (code !== 200) { showStatus(answer.error || answer.reason || `error ${code}`); return; }
  state.loaded = answer.sha256;
  state.saved = text;
  showStatus(`saved ${answer.path}`);
}

async function upload(file) {
  const text = await file.text();
  const {status: code, answer} = await api("/api/upload", {name: file.name, text});
  if (code !== 200) { showStatus(answer.error); return; }
  const option = element("option", {value: `upload:${answer.upload}`, text: `${answer.name} (uploaded)`});
  $("results-file").append(option);
  $("results-file").value = option.value;
  chooseResults(option.value);
}

function chooseResults(value) {
  state.results = value && !value.startsWith("upload:") ? value : null;
  state.upload = value && value.startsWith("upload:") ? value.slice(7) : null;
  state.previousSeats.clear();
  evaluate();
}

function fill(select, values, chosen, none) {
  const options = none ? [element("option", {value: "", text: none})] : [];
  for (const value of values) options.push(element("option", {value, text: value}));
  if (chosen && !values.includes(chosen)) options.push(element("option", {value: chosen, text: chosen}));
  select.replaceChildren(...options);
  select.value = chosen || "";
}

function tabs() {
  for (const button of document.querySelectorAll("#tabs button")) {
    button.addEventListener("click", () => {
      for (const other of document.querySelectorAll("#tabs button")) {
        other.setAttribute("aria-selected", String(other === button));
        $(other.dataset.tab).hidden = other !== button;
      }
    });
  }
}

function keys(event) {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); return; }
  if (event.key === "Tab" && event.target === source() && !event.ctrlKey && !event.altKey) {
    event.preventDefault();
    document.execCommand("insertText", false, "  ");
  }
}

async function start() {
  tabs();
  const {status: code, answer} = await api("/api/start");
  if (code !== 200) { showStatus(answer.error); return; }
  state.keywords = new Set(answer.keywords);
  $("budget").max = answer.max_examples;
  fill($("rules-file"), answer.rule_files, answer.rules, answer.rules ? null : "(choose a rule file)");
  fill($("results-file"), answer.results_files, answer.results, "(no results)");
  state.results = answer.results;
  const area = source();
  area.addEventListener("input", () => { draw(); changed(); });
  area.addEventListener("scroll", follow);
  document.addEventListener("keydown", keys);
  $("save").addEventListener("click", save);
  $("run-verify").addEventListener("click", verify);
  $("results-file").addEventListener("change", (e) => chooseResults(e.target.value));
  $("upload").addEventListener("change", (e) => { if (e.target.files.length) upload(e.target.files[0]); });
  $("rules-file").addEventListener("change", (e) => {
    if (source().value !== state.saved && !window.confirm("The rule file has changes that are not saved. Discard them?")) {
      e.target.value = state.path;
      return;
    }
    openRules(e.target.value);
  });
  window.addEventListener("beforeunload", (e) => { if (source().value !== state.saved) e.preventDefault(); });
  if (answer.rules) await openRules(answer.rules);
  else document.body.dataset.evaluated = "0";
}

document.addEventListener("DOMContentLoaded", start);
