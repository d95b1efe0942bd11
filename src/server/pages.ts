/** Server-rendered HTML: the demo page that embeds the widget, and the sources page. */
import type { SourcePassage } from '../assistant-types.js';
import type { UiLang } from './messages.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
main{max-width:860px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.6rem;line-height:1.25;margin:.2em 0 .4em}
a{color:#0b5394}
a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.muted{color:#4a4f57}
`;

function layout(title: string, lang: UiLang, body: string, extraCss = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${BASE_CSS}${extraCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function demoPage(lang: UiLang, mode: 'inline' | 'launcher'): string {
  const sv = lang === 'sv';
  const title = sv ? 'Brygga – fråga om samverkan i kommunen' : 'Brygga – ask about cross-sector work in the municipality';
  const other = sv ? `<a href="/?lang=en&amp;mode=${mode}">In English</a>` : `<a href="/?lang=sv&amp;mode=${mode}">På svenska</a>`;
  const modeLink =
    mode === 'inline'
      ? `<a href="/?lang=${lang}&amp;mode=launcher">${sv ? 'Visa som chattknapp' : 'Show as a chat button'}</a>`
      : `<a href="/?lang=${lang}&amp;mode=inline">${sv ? 'Visa i sidan' : 'Show inline'}</a>`;
  const body = `<main>
<h1>${escapeHtml(title)}</h1>
<p class="muted">${
    sv
      ? 'Det här är en demosida. En kommun bäddar in chatten på sin webbplats med en enda rad:'
      : 'This is a demo page. A municipality embeds the chat on its web site with a single line:'
  }</p>
<pre class="code"><code>&lt;script src="https://din-server.example/widget.js" data-mode="${mode}" data-lang="${lang}"&gt;&lt;/script&gt;</code></pre>
<p>${other} · ${modeLink}</p>
<div id="chat-slot">
<script src="/widget.js" data-mode="${mode}" data-lang="${lang}"></script>
</div>
</main>`;
  return layout(title, lang, body, `.code{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:10px;overflow-x:auto;font-size:.85rem;white-space:pre-wrap;word-break:break-all}#chat-slot{margin-top:16px}`);
}

export function errorPage(message: string, lang: UiLang): string {
  const title = lang === 'sv' ? 'Brygga – något saknas' : 'Brygga – not available';
  return layout(title, lang, `<main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p></main>`);
}

export function sourcePage(p: SourcePassage, lang: UiLang): string {
  const sv = lang === 'sv';
  const m = p.meta;
  const facts = [
    m.author && `${sv ? 'Författare' : 'Author'}: ${m.author}`,
    m.publisher && `${sv ? 'Utgivare' : 'Publisher'}: ${m.publisher}`,
    m.commissionedBy && `${sv ? 'Beställare' : 'Commissioned by'}: ${m.commissionedBy}`,
    (m.year ?? m.date) && `${sv ? 'År' : 'Year'}: ${m.year ?? m.date}`,
  ].filter(Boolean) as string[];

  const [from, to] = p.highlight ?? [0, -1];
  const rows: string[] = [];
  let inMark = false;
  p.lines.forEach((text, i) => {
    const n = i + 1;
    if (n === from) {
      rows.push(`<section id="passage" class="hl" tabindex="-1" aria-label="${sv ? `Citerat stycke, rad ${from}–${to}` : `Cited passage, lines ${from}–${to}`}">`);
      inMark = true;
    }
    rows.push(`<div class="l" id="L${n}"><span class="n" aria-hidden="true">${n}</span><span class="t">${escapeHtml(text) || '&#8203;'}</span></div>`);
    if (n === to) {
      rows.push('</section>');
      inMark = false;
    }
  });
  if (inMark) rows.push('</section>');

  const quote = p.highlight
    ? p.lines.slice(from - 1, to).join('\n').trim()
    : '';
  const summary = p.highlight
    ? `<div class="quote"><p><strong>${sv ? `Citerat stycke (rad ${from}–${to})` : `Cited passage (lines ${from}–${to})`}</strong></p><blockquote>${escapeHtml(quote)}</blockquote><p><a href="#passage">${sv ? 'Visa stycket i dokumentet' : 'Show the passage in the document'}</a></p></div>`
    : '';

  const body = `<main>
<p class="muted">${sv ? 'Källa i Brygga' : 'Source in Brygga'}</p>
<h1>${escapeHtml(m.title)}</h1>
${facts.length ? `<p class="muted">${facts.map(escapeHtml).join(' · ')}</p>` : ''}
${summary}
<div class="doc" lang="${m.language ?? 'sv'}">
${rows.join('\n')}
</div>
</main>`;
  return layout(
    `${m.title} – Brygga`,
    lang,
    body,
    `.quote{background:#fff;border-left:4px solid #0b5394;padding:4px 16px;margin:16px 0}
blockquote{margin:0;white-space:pre-wrap}
.doc{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:8px 0;font-size:.95rem}
.l{display:flex;gap:12px;padding:0 12px}
.n{flex:0 0 3.5em;text-align:right;color:#5f6670;user-select:none;font-variant-numeric:tabular-nums}
.t{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.hl{background:#fff4c2;border-left:4px solid #b45309;display:block}
.hl:focus{outline:3px solid #b45309}
#passage{scroll-margin-top:40vh}`,
  );
}
