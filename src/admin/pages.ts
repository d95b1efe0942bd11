/**
 * The admin pages: server-rendered HTML in Swedish, usable without JavaScript (a small script only
 * updates the re-index progress), with landmarks, a skip link, labelled forms and captioned tables.
 * Every POST from a signed-in session carries a CSRF token (checked by the guard in index.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../server/pages.js';
import type { AdminPrincipal } from './auth.js';
import type { DocumentRow } from './documents.js';
import type { ReindexStatus } from './reindex.js';
import type { FollowUp } from '../storage/store.js';
import type { FeedbackItem, QuestionGroup } from './report.js';

const e = (v: unknown) => escapeHtml(v === null || v === undefined ? '' : String(v));

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header{background:#12355b;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center}
header a{color:#fff}header .who{margin-left:auto}
header form{display:inline}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:1100px;margin:0 auto;padding:16px 16px 48px}
h1{font-size:1.6rem;margin:.3em 0 .5em}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #b45309;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:12px 0}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #c9ced6;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
.muted{color:#4a4f57}
.warn{color:#8a2a00}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:8px 0 16px}
label{display:block;font-weight:600}
input,select,button,textarea{font:inherit}
input,select,textarea{border:1px solid #6b7280;border-radius:4px;padding:4px 6px}
button{background:#12355b;color:#fff;border:0;border-radius:4px;padding:6px 14px;cursor:pointer}
header button{background:#fff;color:#12355b}
fieldset{border:1px solid #c9ced6;border-radius:4px;margin:12px 0;padding:8px 12px}
fieldset label{display:inline;font-weight:400;margin-right:16px}
.field{margin:12px 0}
.hint{color:#4a4f57;font-size:.9rem;margin:2px 0}
.error{color:#a00000;font-weight:600}
.errors{border:2px solid #a00000;padding:8px 12px;border-radius:4px}
.ok{border:2px solid #166534;padding:8px 12px;border-radius:4px}
blockquote{margin:4px 0;padding:4px 8px;border-left:3px solid #c9ced6;white-space:pre-wrap}
progress{width:100%;max-width:480px;height:1.2em}
`;

const NAV: Array<[string, string]> = [
  ['/admin', 'Obesvarade frågor'],
  ['/admin/aterkoppling', 'Återkoppling'],
  ['/admin/uppfoljning', 'Uppföljning'],
  ['/admin/vanliga', 'Vanligaste frågor'],
  ['/admin/dokument', 'Dokument'],
  ['/admin/ladda-upp', 'Ladda upp dokument'],
];

export interface PageContext {
  path: string;
  principal: AdminPrincipal | null;
  /** the CSRF token for forms (signed-in sessions); null for bearer-token requests */
  csrf: string | null;
}

export function csrfField(ctx: PageContext): string {
  return ctx.csrf ? `<input type="hidden" name="_csrf" value="${e(ctx.csrf)}">` : '';
}

export function layout(title: string, body: string, ctx: PageContext | null): string {
  const nav = ctx
    ? `<nav aria-label="Administration"><ul>${NAV.map(([href, label]) => `<li><a href="${href}"${href === ctx.path ? ' aria-current="page"' : ''}>${e(label)}</a></li>`).join('')}</ul></nav>`
    : '';
  const who =
    ctx?.principal?.via === 'oidc'
      ? `<div class="who">Inloggad som ${e(ctx.principal.name ?? ctx.principal.sub)} <form method="post" action="/admin/logout">${csrfField(ctx)}<button type="submit">Logga ut</button></form></div>`
      : '';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} – Brygga administration</title>
<style>${CSS}</style>
${ctx ? '<script src="/admin/admin.js" defer></script>' : ''}
</head>
<body>
<a class="skip" href="#innehall">Hoppa till innehållet</a>
<header><strong>Brygga – administration</strong>${nav}${who}</header>
<main id="innehall" tabindex="-1">
<h1>${e(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export function messagePage(title: string, message: string, loginLink = true): string {
  return layout(title, `<p>${e(message)}</p>${loginLink ? '<p><a href="/admin/login">Till inloggningen</a></p>' : ''}`, null);
}

export interface Filters {
  from?: string;
  to?: string;
  channel?: string;
}

function filterForm(path: string, f: Filters, csvHref: string): string {
  const opt = (v: string, label: string) => `<option value="${v}"${f.channel === v ? ' selected' : ''}>${label}</option>`;
  return `<form class="filters" method="get" action="${path}" aria-label="Filter">
<div><label for="from">Från och med</label><input type="date" id="from" name="from" value="${e(f.from)}"></div>
<div><label for="to">Till och med</label><input type="date" id="to" name="to" value="${e(f.to)}"></div>
<div><label for="channel">Kanal</label><select id="channel" name="channel">${opt('', 'Alla')}${opt('web', 'Webben')}${opt('slack', 'Slack')}${opt('teams', 'Teams')}</select></div>
<div><button type="submit">Visa</button></div>
<div><a href="${e(csvHref)}">Ladda ner som CSV</a></div>
</form>`;
}

export function queryString(f: Filters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const CHANNELS: Record<string, string> = { web: 'webben', slack: 'Slack', teams: 'Teams', none: 'okänd' };
const OUTCOMES: Record<string, string> = { answered: 'besvarad', passages: 'bara närmaste stycken', not_found: 'hittades inte' };
const AUDIENCES: Record<string, string> = { public: 'allmänheten', internal: 'internt', restricted: 'begränsad', okänd: 'okänd' };
const counts = (o: Record<string, number | undefined>, names: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${e(names[k] ?? k)}: ${v}`)
    .join(', ');

/** Swedish date and time in Europe/Stockholm, e.g. "2026-11-30 14:05". */
export function when(iso: string | null): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function groupsPage(title: string, intro: string, path: string, groups: QuestionGroup[], f: Filters, csvHref: string, ctx: PageContext): string {
  const rows = groups
    .map(
      (g) => `<tr><td>${e(g.question)}${g.variants.length ? `<div class="muted">Även: ${g.variants.map(e).join(' · ')}</div>` : ''}</td>
<td>${g.count}</td><td>${counts(g.byChannel, CHANNELS)}</td><td>${counts(g.byAudience, AUDIENCES)}</td><td>${counts(g.byOutcome, OUTCOMES)}</td><td>${e(when(g.lastAskedAt))}</td></tr>`,
    )
    .join('\n');
  const table = groups.length
    ? `<table><caption>${e(title)} (${groups.length} grupper)</caption><thead><tr><th scope="col">Fråga</th><th scope="col">Antal</th><th scope="col">Kanaler</th><th scope="col">Målgrupper</th><th scope="col">Utfall</th><th scope="col">Senast</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Inga frågor under den valda perioden.</p>';
  return layout(title, `<p class="muted">${e(intro)}</p>${filterForm(path, f, csvHref)}${table}`, ctx);
}

export function feedbackPage(items: FeedbackItem[], f: Filters, csvHref: string, ctx: PageContext): string {
  const list = items.length
    ? `<ol class="feedback">${items
        .map(
          (i) => `<li><article aria-label="Återkoppling ${e(when(i.at))}">
<h2>${e(i.question ?? '(frågan saknas)')}</h2>
<p class="muted">${e(when(i.at))} · ${e(CHANNELS[i.channel] ?? i.channel)} · tummen ned</p>
<p><strong>Kommentar:</strong> ${i.comment ? e(i.comment) : '<span class="muted">(ingen kommentar)</span>'}</p>
<details><summary>Svaret som fick tummen ned</summary><blockquote>${e(i.answer)}</blockquote></details>
${
  i.citations.length
    ? `<p><strong>Källor i svaret:</strong></p><ul>${i.citations
        .map((c) => `<li>${e(c.title ?? c.docId)}${c.lines ? `, rad ${c.lines[0]}–${c.lines[1]}` : ''}${c.text ? `<blockquote>${e(c.text)}</blockquote>` : ''}</li>`)
        .join('')}</ul>`
    : '<p class="muted">Svaret citerade inga källor.</p>'
}
</article></li>`,
        )
        .join('\n')}</ol>`
    : '<p>Ingen har gett tummen ned under den valda perioden.</p>';
  return layout('Återkoppling', `<p class="muted">Svar som fått tummen ned, med kommentar, fråga och de stycken svaret citerade. Texterna är redan rensade från personuppgifter.</p>${filterForm('/admin/aterkoppling', f, csvHref)}${list}`, ctx);
}

/** Answers a Slack or Teams user asked a person to follow up ("Behöver mer hjälp"). */
export function followUpPage(items: FollowUp[], f: Filters, csvHref: string, ctx: PageContext): string {
  const rows = items
    .map(
      (i) => `<tr><td>${e(when(i.at))}</td><td>${e(CHANNELS[i.channel] ?? i.channel)}</td><td>${e(i.question ?? '(frågan saknas)')}</td>
<td><details><summary>Svaret</summary><blockquote>${e(i.answer)}</blockquote></details></td><td>${i.link && /^https:\/\//.test(i.link) ? `<a href="${e(i.link)}">Öppna tråden</a>` : '<span class="muted">–</span>'}</td></tr>`,
    )
    .join('\n');
  const table = items.length
    ? `<table><caption>Att följa upp (${items.length})</caption><thead><tr><th scope="col">Tid</th><th scope="col">Kanal</th><th scope="col">Fråga</th><th scope="col">Svar</th><th scope="col">Tråd</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Ingen har bett om mer hjälp under den valda perioden.</p>';
  return layout('Uppföljning', `<p class="muted">Svar där någon i Slack eller Teams tryckte på "Behöver mer hjälp"; kollegorna fick en länk till tråden.</p>${filterForm('/admin/uppfoljning', f, csvHref)}${table}`, ctx);
}

const ACCESS: Record<string, string> = { public: 'Offentlig', internal: 'Intern', restricted: 'Begränsad' };

export function reindexStatusHtml(s: ReindexStatus): string {
  const pct = s.total > 0 ? Math.round((100 * s.done) / s.total) : 0;
  const text =
    s.state === 'running'
      ? `Indexerar … ${s.step ? e(s.step) : ''}`
      : s.state === 'done'
        ? `Klart ${e(when(s.finishedAt))}: ${s.documents ?? '?'} dokument, ${s.chunks ?? '?'} avsnitt.`
        : s.state === 'failed'
          ? `Omindexeringen misslyckades: ${e(s.error)}. Det gamla indexet används fortfarande.`
          : 'Ingen omindexering har körts sedan start.';
  return `<div id="reindex-status" data-state="${s.state}">
<p id="reindex-text" role="status" aria-live="polite">${text}</p>
${s.state === 'running' ? `<progress id="reindex-progress" max="100" value="${pct}" aria-label="Omindexering">${pct} %</progress>` : ''}
</div>`;
}

export function documentsPage(docs: DocumentRow[], status: ReindexStatus, ctx: PageContext, notice: string | null): string {
  const rows = docs
    .map(
      (d) => `<tr><td>${e(d.title)}<div class="muted">${e(d.file)}</div></td><td>${e(d.access ? (ACCESS[d.access] ?? d.access) : '–')}</td><td>${e(d.kind ?? '–')}</td>
<td>${d.decisionDate || d.validUntil ? `${d.decisionDate ? `beslutad ${e(d.decisionDate)}` : ''}${d.validUntil ? `<br>gäller till ${e(d.validUntil)}` : ''}` : '–'}</td>
<td>${d.indexed ? e(when(d.lastIndexed)) : '<span class="warn">inte indexerad</span>'}</td><td>${d.chunks}</td>
<td>${d.warnings.length ? `<ul class="warn">${d.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : '–'}</td></tr>`,
    )
    .join('\n');
  return layout(
    'Dokument',
    `${notice ? `<p class="ok" role="status">${e(notice)}</p>` : ''}
<section aria-labelledby="reindex-h"><h2 id="reindex-h">Omindexering</h2>
<p class="muted">Läser kunskapsmappen på nytt. Brygga svarar från det gamla indexet tills det nya är klart.</p>
<form method="post" action="/admin/reindex">${csrfField(ctx)}<button type="submit">Indexera om</button></form>
${reindexStatusHtml(status)}</section>
<p><a href="/admin/api/documents?format=csv">Ladda ner listan som CSV</a></p>
<table><caption>Alla dokument (${docs.length})</caption><thead><tr><th scope="col">Titel</th><th scope="col">Åtkomst</th><th scope="col">Typ</th><th scope="col">Beslut</th><th scope="col">Senast indexerad</th><th scope="col">Avsnitt</th><th scope="col">Varningar</th></tr></thead><tbody>${rows}</tbody></table>`,
    ctx,
  );
}

export interface UploadValues {
  title?: string;
  kind?: string;
  language?: string;
  access?: string;
  author?: string;
  publisher?: string;
  year?: string;
  decisionDate?: string;
  validUntil?: string;
}

export function uploadPage(ctx: PageContext, values: UploadValues = {}, errors: Record<string, string> = {}, kinds: string[] = []): string {
  const err = (k: string) => (errors[k] ? `<p class="error" id="${k}-error">${e(errors[k])}</p>` : '');
  const described = (k: string, hint?: string) => {
    const ids = [hint ? `${k}-hint` : '', errors[k] ? `${k}-error` : ''].filter(Boolean).join(' ');
    return `${ids ? ` aria-describedby="${ids}"` : ''}${errors[k] ? ' aria-invalid="true"' : ''}`;
  };
  const text = (k: keyof UploadValues, label: string, opts: { required?: boolean; type?: string; hint?: string; list?: string } = {}) => `<div class="field">
<label for="${k}">${e(label)}${opts.required ? ' (obligatoriskt)' : ''}</label>${opts.hint ? `<p class="hint" id="${k}-hint">${e(opts.hint)}</p>` : ''}
<input id="${k}" name="${k}" type="${opts.type ?? 'text'}" value="${e(values[k])}"${opts.required ? ' required' : ''}${opts.list ? ` list="${opts.list}"` : ''}${described(k, opts.hint)}>${err(k)}</div>`;
  const radio = (name: keyof UploadValues, value: string, label: string) =>
    `<label><input type="radio" name="${name}" value="${value}"${values[name] === value ? ' checked' : ''}${name === 'access' ? ' required' : ''}> ${e(label)}</label>`;
  const summary = Object.keys(errors).length
    ? `<div class="errors" role="alert"><h2>Dokumentet sparades inte</h2><ul>${Object.entries(errors)
        .map(([k, m]) => `<li><a href="#${k === 'access' ? 'access-public' : k === 'language' ? 'language-sv' : k}">${e(m)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  return layout(
    'Ladda upp dokument',
    `${summary}<p class="muted">Filen sparas i kunskapsmappen med sina uppgifter i manifestet och indexeras sedan om. Samma regler gäller som för manifest.json. Format: .txt, .md, .html, .pdf, .docx (högst 20 MB).</p>
<form method="post" action="/admin/ladda-upp" enctype="multipart/form-data" novalidate>${csrfField(ctx)}
<div class="field"><label for="file">Fil (obligatoriskt)</label><input id="file" name="file" type="file" accept=".txt,.md,.html,.htm,.pdf,.docx" required${described('file')}>${err('file')}</div>
${text('title', 'Titel', { required: true })}
<fieldset id="access"${described('access', 'access')}><legend>Vem får läsa dokumentet? (obligatoriskt)</legend>
<p class="hint" id="access-hint">Inget val är förifyllt: välj själv. Offentliga dokument kan citeras för invånare i webbchatten.</p>
${radio('access', 'public', 'Offentlig – alla, även invånare').replace('type="radio"', 'id="access-public" type="radio"')}<br>${radio('access', 'internal', 'Intern – kommunens medarbetare')}<br>${radio('access', 'restricted', 'Begränsad – utvalda medarbetare')}
${err('access')}</fieldset>
${text('kind', 'Typ av dokument', { hint: 'Till exempel report, policy, slides eller information.', list: 'kinds' })}
<datalist id="kinds">${kinds.map((k) => `<option value="${e(k)}"></option>`).join('')}</datalist>
<fieldset id="language"><legend>Språk</legend>${radio('language', 'sv', 'Svenska').replace('type="radio"', 'id="language-sv" type="radio"')} ${radio('language', 'en', 'Engelska')}${err('language')}</fieldset>
${text('author', 'Författare')}
${text('publisher', 'Utgivare')}
${text('year', 'År', { type: 'number' })}
${text('decisionDate', 'Beslutsdatum (styrdokument)', { type: 'date', hint: 'När beslutet fattades, ÅÅÅÅ-MM-DD.' })}
${text('validUntil', 'Gäller till (styrdokument)', { type: 'date', hint: 'Efter detta datum citeras dokumentet inte som gällande.' })}
<button type="submit">Ladda upp och indexera</button>
</form>`,
    ctx,
  );
}

/** The script of the documents page: polls the re-index status while it runs. */
export const ADMIN_JS = `(function(){
var box=document.getElementById('reindex-status');
if(!box||box.getAttribute('data-state')!=='running')return;
function poll(){fetch('/admin/api/reindex',{credentials:'same-origin',headers:{accept:'application/json'}}).then(function(r){return r.json()}).then(function(s){
var t=document.getElementById('reindex-text'),p=document.getElementById('reindex-progress');
if(s.state==='running'){if(p&&s.total>0){p.value=Math.round(100*s.done/s.total);p.textContent=p.value+' %';}if(t)t.textContent='Indexerar … '+(s.step||'');setTimeout(poll,700);}
else{location.reload();}
}).catch(function(){setTimeout(poll,2000)});}
setTimeout(poll,500);
})();`;

export type PageRenderer = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
export type { FastifyInstance };
