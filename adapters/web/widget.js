/*! Brygga chat widget: <script src=".../widget.js" data-mode="inline|launcher" data-lang="sv|en"></script>
 * or <brygga-chat mode="inline" lang="sv" server="https://..."></brygga-chat>.
 * Renders only what the server sends; holds no content of its own beyond its UI labels. */
(function () {
  'use strict';
  var script = document.currentScript;
  var T = {
    sv: {
      open: 'Fråga kommunen', close: 'Stäng chatten', title: 'Fråga kommunen',
      privacy: 'Skriv inte personnummer, telefonnummer eller andra personuppgifter. Svaren bygger på kommunens offentliga dokument och kan innehålla fel – kontrollera källorna.',
      erase: 'Radera konversationen', erased: 'Konversationen är raderad.',
      newChat: 'Ny konversation', label: 'Din fråga', placeholder: 'Skriv din fråga …', send: 'Skicka',
      you: 'Du', bot: 'Brygga', sources: 'Källor', further: 'vidare läsning, inte en del av svaret', helpful: 'Var svaret till hjälp?', up: 'Ja, bra svar', down: 'Nej, dåligt svar',
      comment: 'Kommentar (frivillig)', sendComment: 'Skicka kommentar', thanks: 'Tack för din återkoppling!',
      thinking: 'Brygga svarar …', offline: 'Kunde inte nå servern. Försök igen.', newStarted: 'En ny konversation har startats.',
      opensNew: '(öppnas i ny flik)',
      greeting: 'Hej! Jag svarar på frågor om kommunens samverkan med företag, föreningar och sociala företag, utifrån kommunens offentliga dokument. Prova till exempel:',
      examples: 'Exempelfrågor',
      human: 'Prata med en människa', humanTitle: 'Kontakta kommunen', phone: 'Ring', email: 'Mejla', url: 'Kontaktcenter',
      noContact: 'Kontakta kommunens växel eller kontaktcenter.',
      consent: 'Jag samtycker till att den här konversationen skickas till kommunens kontaktcenter. Personuppgifter tas bort innan den skickas.',
      sendConv: 'Skicka konversationen', sending: 'Skickar …',
      sent: 'Konversationen är skickad. Ditt ärendenummer är {ref}. Uppge det när du kontaktar kommunen.',
      decided: 'Beslutad', by: 'av', validTo: 'gäller till', validWas: 'gällde till'
    },
    en: {
      open: 'Ask the municipality', close: 'Close the chat', title: 'Ask the municipality',
      privacy: 'Do not write personal identity numbers, phone numbers or other personal data. Answers are based on the municipality\u2019s public documents and may contain errors \u2013 check the sources.',
      erase: 'Delete the conversation', erased: 'The conversation has been deleted.',
      newChat: 'New conversation', label: 'Your question', placeholder: 'Type your question …', send: 'Send',
      you: 'You', bot: 'Brygga', sources: 'Sources', further: 'further reading, not part of the answer', helpful: 'Was the answer helpful?', up: 'Yes, good answer', down: 'No, bad answer',
      comment: 'Comment (optional)', sendComment: 'Send comment', thanks: 'Thank you for your feedback!',
      thinking: 'Brygga is answering …', offline: 'Could not reach the server. Please try again.', newStarted: 'A new conversation has started.',
      opensNew: '(opens in a new tab)',
      greeting: 'Hello! I answer questions about the municipality\u2019s work with businesses, associations and social enterprises, based on the municipality\u2019s public documents. Try for example:',
      examples: 'Example questions',
      human: 'Talk to a person', humanTitle: 'Contact the municipality', phone: 'Call', email: 'E-mail', url: 'Contact centre',
      noContact: 'Contact the municipality\u2019s switchboard or contact centre.',
      consent: 'I agree that this conversation is sent to the municipality\u2019s contact centre. Personal data is removed before it is sent.',
      sendConv: 'Send the conversation', sending: 'Sending …',
      sent: 'The conversation has been sent. Your reference is {ref}. Quote it when you contact the municipality.',
      decided: 'Decided', by: 'by', validTo: 'valid until', validWas: 'was valid until'
    }
  };
  var CSS =
    ':host{all:initial;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a}' +
    '*{box-sizing:border-box}' +
    'button,textarea{font:inherit}' +
    ':focus-visible{outline:3px solid #b45309;outline-offset:2px}' +
    '.panel{display:flex;flex-direction:column;background:#fff;border:1px solid #8a9099;border-radius:10px;overflow:hidden;width:100%;min-width:0}' +
    '.inline .panel{max-width:640px;height:min(620px,85vh)}' +
    '.launcher .panel{position:fixed;right:8px;bottom:76px;width:min(400px,calc(100vw - 16px));height:min(600px,calc(100vh - 92px));box-shadow:0 6px 24px rgba(0,0,0,.25);z-index:2147483000}' +
    '.launcher .panel[hidden]{display:none}' +
    '.fab{position:fixed;right:16px;bottom:16px;z-index:2147483000;background:#0b5394;color:#fff;border:0;border-radius:24px;padding:12px 18px;font-weight:600;cursor:pointer;box-shadow:0 3px 10px rgba(0,0,0,.3)}' +
    '.fab:hover{background:#083d6e}' +
    'header{display:flex;align-items:center;gap:8px;padding:8px 12px;background:#0b5394;color:#fff}' +
    'h2{font-size:1rem;margin:0;flex:1}' +
    'header button{background:#fff;color:#0b5394;border:0;border-radius:6px;padding:4px 10px;cursor:pointer;font-size:.875rem}' +
    'header button:focus-visible{outline-color:#ffd27a}' +
    '.privacy{margin:0;padding:6px 12px;font-size:.8rem;background:#eef3f8;color:#2b3138;border-bottom:1px solid #d0d4da}' +
    '.privacy button{background:none;border:0;padding:0;color:#0b5394;text-decoration:underline;cursor:pointer;font-size:inherit}' +
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px}' +
    '.msg{max-width:92%;padding:8px 12px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}' +
    '.user{align-self:flex-end;background:#0b5394;color:#fff}' +
    '.bot{align-self:flex-start;background:#f1f3f5;color:#1a1a1a;border:1px solid #d0d4da}' +
    '.who{position:absolute;left:-9999px}' +
    '.bot a{color:#0b5394}' +
    '.notice{font-size:.85rem;color:#4a4f57;margin:4px 0 0}' +
    '.src{margin:8px 0 0;padding-left:1.2em;font-size:.875rem;white-space:normal}' +
    '.src-h{font-weight:600;font-size:.875rem;margin:8px 0 0}' +
    '.fb{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:8px;font-size:.85rem;white-space:normal}' +
    '.fb button{background:#fff;border:1px solid #5f6670;border-radius:6px;padding:2px 10px;cursor:pointer;color:#1a1a1a}' +
    '.fb button{display:inline-flex;align-items:center;min-height:30px}.dn svg{transform:rotate(180deg)}' +
    '.fb button[aria-pressed=true]{background:#0b5394;color:#fff;border-color:#0b5394}' +
    '.fb textarea{width:100%;min-height:3em;border:1px solid #5f6670;border-radius:6px;padding:4px}' +
    '.err{align-self:stretch;background:#fdecea;color:#8a1c12;border:1px solid #e0a39b;border-radius:8px;padding:8px 12px}' +
    '.status{font-size:.85rem;color:#4a4f57;padding:0 12px}' +
    'form{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #d0d4da}' +
    'form textarea{flex:1;min-width:0;resize:none;height:3.2em;border:1px solid #5f6670;border-radius:8px;padding:6px 8px}' +
    'form button{background:#0b5394;color:#fff;border:0;border-radius:8px;padding:0 14px;font-weight:600;cursor:pointer}' +
    'form button:disabled{background:#5f6670;cursor:wait}' +
    '.greet{align-self:flex-start;max-width:92%;padding:8px 12px;border-radius:10px;background:#f1f3f5;border:1px solid #d0d4da}' +
    '.greet ul{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-direction:column;gap:6px}' +
    '.greet li button,.tools button{background:#fff;color:#0b5394;border:1px solid #0b5394;border-radius:16px;padding:4px 12px;cursor:pointer;text-align:left}' +
    '.tools{padding:6px 12px 0;display:flex;justify-content:flex-end}' +
    '.human{align-self:stretch;border:1px solid #0b5394;border-radius:8px;padding:8px 12px;white-space:normal}' +
    '.human h3{font-size:.95rem;margin:0 0 4px}.human ul{margin:0 0 6px;padding-left:1.2em}.human label{display:flex;gap:6px;align-items:flex-start;margin:6px 0}' +
    '.human button.send{background:#0b5394;color:#fff;border:0;border-radius:6px;padding:4px 12px;cursor:pointer}.human button.send:disabled{background:#5f6670;cursor:default}' +
    '.pol{display:block;font-size:.8rem;color:#4a4f57}' +
    '.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';

  var THUMB = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d="M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z"/></svg>';

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  class BryggaChat extends HTMLElement {
    connectedCallback() {
      if (this._root) return;
      var lang = (this.getAttribute('lang') || 'sv').slice(0, 2) === 'en' ? 'en' : 'sv';
      this.t = T[lang];
      this.uiLang = lang;
      this.mode = this.getAttribute('mode') === 'launcher' ? 'launcher' : 'inline';
      this.base = (this.getAttribute('server') || location.origin).replace(/\/$/, '');
      this.key = 'brygga:' + this.base;
      this._root = this.attachShadow({ mode: 'open' });
      this.cfg = { examples: [], contact: {}, handover: false };
      this.render();
      this.restore();
      var self = this;
      fetch(this.base + '/api/widget-config?lang=' + lang).then(function (r) { return r.ok ? r.json() : null; }).then(function (c) {
        if (c) self.cfg = c;
        if (!self.items.length) self.greet();
      }, function () { if (!self.items.length) self.greet(); });
    }

    /** the greeting: what Brygga answers, with the example questions as buttons */
    greet() {
      var self = this, t = this.t;
      if (this.greeting && this.greeting.parentNode) this.greeting.remove();
      var list = (this.cfg.examples || []).map(function (q) {
        return el('li', null, [el('button', { type: 'button', text: q, onclick: function () { self.input.value = q; self.submit(); } })]);
      });
      this.greeting = el('div', { class: 'greet' }, [
        el('span', { class: 'who', text: t.bot + ': ' }), document.createTextNode(t.greeting),
        list.length ? el('ul', { 'aria-label': t.examples }, list) : null
      ]);
      this.log.insertBefore(this.greeting, this.log.firstChild);
    }

    /** "Prata med en människa": the contact routes, and sending the conversation with consent */
    toggleHuman() {
      var self = this, t = this.t, c = this.cfg.contact || {};
      if (this.humanBox && this.humanBox.parentNode) {
        this.humanBox.remove();
        this.humanBtn.setAttribute('aria-expanded', 'false');
        return;
      }
      var routes = [];
      if (c.phone) routes.push(el('li', null, [document.createTextNode(t.phone + ': '), el('a', { href: 'tel:' + c.phone.replace(/[^\d+]/g, ''), text: c.phone }), c.hours ? document.createTextNode(' (' + c.hours + ')') : null]));
      if (c.email) routes.push(el('li', null, [document.createTextNode(t.email + ': '), el('a', { href: 'mailto:' + c.email, text: c.email })]));
      if (c.url) routes.push(el('li', null, [el('a', { href: c.url, target: '_blank', rel: 'noopener', text: t.url, title: t.opensNew })]));
      var kids = [el('h3', { id: 'human-h', text: t.humanTitle }), routes.length ? el('ul', null, routes) : el('p', { text: t.noContact })];
      if (this.cfg.handover && this.sessionId && this.items.length) {
        var cb = el('input', { type: 'checkbox', id: 'consent' });
        var result = el('p', { role: 'status' });
        var send = el('button', { type: 'button', class: 'send', text: t.sendConv, disabled: 'disabled' });
        cb.addEventListener('change', function () { if (cb.checked) send.removeAttribute('disabled'); else send.setAttribute('disabled', 'disabled'); });
        send.addEventListener('click', function () {
          if (!cb.checked) return;
          send.setAttribute('disabled', 'disabled');
          result.textContent = t.sending;
          fetch(self.base + '/api/handover', {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ sessionId: self.sessionId, consent: true, lang: self.uiLang })
          }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); }).then(function (x) {
            result.textContent = x.ok ? t.sent.replace('{ref}', x.j.reference) : (x.j.error || t.offline);
            if (!x.ok) send.removeAttribute('disabled');
            else { cb.disabled = true; }
          }, function () { result.textContent = t.offline; send.removeAttribute('disabled'); });
        });
        kids.push(el('label', { for: 'consent' }, [cb, el('span', { text: t.consent })]), send, result);
      }
      this.humanBox = el('section', { class: 'human', 'aria-labelledby': 'human-h' }, kids);
      this.log.appendChild(this.humanBox);
      this.humanBtn.setAttribute('aria-expanded', 'true');
      this.reveal(this.humanBox);
      var first = this.humanBox.querySelector('a, input');
      if (first) first.focus();
    }

    /** shows a message: a long one from its start, a short one by scrolling to the end */
    reveal(node) {
      var log = this.log;
      if (node.offsetHeight > log.clientHeight - 16) log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
      else log.scrollTop = log.scrollHeight;
    }

    render() {
      var t = this.t, self = this;
      var root = this._root;
      root.appendChild(el('style', { text: CSS }));
      var wrap = el('div', { class: this.mode });
      this.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.title });
      this.status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
      this.input = el('textarea', { id: 'q', name: 'q', maxlength: '2000', placeholder: t.placeholder, rows: '2' });
      this.input.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); self.submit(); }
      });
      this.sendBtn = el('button', { type: 'submit', text: t.send });
      var form = el('form', { onsubmit: function (e) { e.preventDefault(); self.submit(); } }, [
        el('label', { for: 'q', class: 'vh', text: t.label }), this.input, this.sendBtn
      ]);
      var headerKids = [el('h2', { id: 'h', text: t.title }), el('button', { type: 'button', class: 'new', text: t.newChat, onclick: function () { self.reset(t.newStarted); } })];
      this.humanBtn = el('button', { type: 'button', 'aria-expanded': 'false', text: t.human, onclick: function () { self.toggleHuman(); } });
      this.panel = el('section', { class: 'panel', 'aria-labelledby': 'h', id: 'panel' }, [
        el('header', null, headerKids),
        el('p', { class: 'privacy' }, [document.createTextNode(t.privacy + ' '), el('button', { type: 'button', class: 'erase', text: t.erase, onclick: function () { self.erase(); } })]),
        this.log, this.status, el('div', { class: 'tools' }, [this.humanBtn]), form
      ]);
      if (this.mode === 'launcher') {
        this.panel.setAttribute('role', 'dialog');
        this.panel.hidden = true;
        this.fab = el('button', { type: 'button', class: 'fab', 'aria-expanded': 'false', 'aria-controls': 'panel', text: t.open, onclick: function () { self.toggle(); } });
        headerKids.push(el('button', { type: 'button', 'aria-label': t.close, text: '\u2715', onclick: function () { self.toggle(false); } }));
        this.panel.querySelector('header').appendChild(headerKids[2]);
        this.panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') self.toggle(false); });
        wrap.appendChild(this.fab);
      }
      wrap.appendChild(this.panel);
      root.appendChild(wrap);
    }

    toggle(open) {
      if (open === undefined) open = this.panel.hidden;
      this.panel.hidden = !open;
      this.fab.setAttribute('aria-expanded', String(open));
      (open ? this.input : this.fab).focus();
    }

    save() {
      try { localStorage.setItem(this.key, JSON.stringify({ sessionId: this.sessionId, items: this.items.slice(-40) })); } catch (e) { /* storage off */ }
    }

    restore() {
      this.items = [];
      var s = null;
      try { s = JSON.parse(localStorage.getItem(this.key) || 'null'); } catch (e) { s = null; }
      if (s && typeof s.sessionId === 'string') {
        this.sessionId = s.sessionId;
        var self = this;
        (s.items || []).forEach(function (it) { self.items.push(it); self.draw(it); });
      }
    }

    reset(note) {
      this.sessionId = undefined;
      this.items = [];
      this.log.textContent = '';
      this.humanBtn.setAttribute('aria-expanded', 'false');
      this.greet();
      this.save();
      this.status.textContent = note || '';
      this.input.focus();
    }

    erase() {
      var id = this.sessionId, self = this;
      var done = function () { self.reset(self.t.erased); };
      if (!id) return done();
      fetch(this.base + '/api/session/' + encodeURIComponent(id), { method: 'DELETE' }).then(done, done);
    }

    draw(it) {
      var t = this.t;
      var node;
      if (it.role === 'user') {
        node = el('div', { class: 'msg user' }, [el('span', { class: 'who', text: t.you + ': ' }), document.createTextNode(it.text)]);
      } else {
        node = el('div', { class: 'msg bot', 'aria-busy': 'false' });
        node._body = el('div');
        node.appendChild(el('span', { class: 'who', text: t.bot + ': ' }));
        node.appendChild(node._body);
        this.fill(node, it);
      }
      this.log.appendChild(node);
      this.log.scrollTop = this.log.scrollHeight;
      return node;
    }

    srcUrl(c) {
      var u = this.base + '/sources/' + String(c.docId).split('/').map(encodeURIComponent).join('/');
      if (c.lines && c.lines.length === 2) u += '?lines=' + c.lines[0] + '-' + c.lines[1] + '&lang=' + this.uiLang + '#passage';
      return u;
    }

    link(c, text) {
      return el('a', { href: this.srcUrl(c), target: '_blank', rel: 'noopener', text: text, title: this.t.opensNew });
    }

    /** answer text with [n] markers linked to their sources, the sources list, notice, feedback */
    fill(node, it) {
      var self = this, t = this.t, body = node._body;
      body.textContent = '';
      var cites = it.citations || [];
      var byN = {};
      cites.forEach(function (c) { byN[c.n] = c; });
      var text = String(it.text || '');
      // the sources are listed below as links: drop the answer's own plain-text list of them
      if (cites.length) text = text.replace(/\n+(K\u00e4llor|Sources):\n(\[\d+\][^\n]*(\n|$))+\s*$/, '');
      text.split(/(\[\d+\])/).forEach(function (part) {
        var m = /^\[(\d+)\]$/.exec(part);
        if (m && byN[m[1]]) body.appendChild(self.link(byN[m[1]], part));
        else if (part) body.appendChild(document.createTextNode(part));
      });
      if (it.notice) body.appendChild(el('p', { class: 'notice', text: it.notice }));
      if (cites.length) {
        body.appendChild(el('p', { class: 'src-h', text: t.sources }));
        body.appendChild(el('ol', { class: 'src' }, cites.map(function (c) {
          var label = c.title + (c.section ? ' \u2013 ' + c.section : '') + (c.page ? ', s. ' + c.page : '');
          var pol = [];
          if (c.decidedBy || c.decisionDate) pol.push([t.decided, c.decidedBy ? t.by + ' ' + c.decidedBy : '', c.decisionDate || ''].filter(Boolean).join(' '));
          if (c.validUntil) pol.push((c.expired ? t.validWas : t.validTo) + ' ' + c.validUntil);
          if (c.related) pol.push(t.further);
          return el('li', { value: String(c.n) }, [self.link(c, label), pol.length ? el('span', { class: 'pol', text: pol.join(' \u00b7 ') }) : null]);
        })));
      }
      if (it.messageId && !node._fb) {
        node._fb = this.feedback(it);
        node.appendChild(node._fb);
      }
    }

    feedback(it) {
      var self = this, t = this.t;
      var box = el('div', { class: 'fb', role: 'group', 'aria-label': t.helpful });
      var thanks = el('span', { role: 'status' });
      var send = function (rating, comment) {
        return fetch(self.base + '/api/feedback', {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId: self.sessionId, messageId: it.messageId, rating: rating, comment: comment, lang: self.uiLang })
        }).then(function (r) { return r.ok ? t.thanks : r.json().then(function (j) { return j.error || t.offline; }); }, function () { return t.offline; });
      };
      var rate = function (rating, btn) {
        up.setAttribute('aria-pressed', String(btn === up));
        down.setAttribute('aria-pressed', String(btn === down));
        send(rating).then(function (msg) {
          thanks.textContent = msg;
          if (box.querySelector('textarea')) return;
          var ta = el('textarea', { 'aria-label': t.comment, placeholder: t.comment, maxlength: '1000' });
          var b = el('button', { type: 'button', text: t.sendComment, onclick: function () {
            if (!ta.value.trim()) return;
            send(rating, ta.value).then(function (m) { thanks.textContent = m; ta.remove(); b.remove(); });
          } });
          box.appendChild(ta);
          box.appendChild(b);
        });
      };
      var up = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-label': t.up, onclick: function () { rate('up', up); } });
      var down = el('button', { type: 'button', 'aria-pressed': 'false', 'aria-label': t.down, class: 'dn', onclick: function () { rate('down', down); } });
      up.innerHTML = down.innerHTML = THUMB;
      box.appendChild(el('span', { text: t.helpful }));
      box.appendChild(up);
      box.appendChild(down);
      box.appendChild(thanks);
      return box;
    }

    showError(text) {
      var e = el('div', { class: 'err', role: 'alert', text: text });
      this.log.appendChild(e);
      this.log.scrollTop = this.log.scrollHeight;
    }

    submit() {
      var q = this.input.value.trim();
      if (!q || this.busy) return;
      this.busy = true;
      this.sendBtn.disabled = true;
      this.status.textContent = this.t.thinking;
      var u = { role: 'user', text: q };
      this.items.push(u);
      this.draw(u);
      this.input.value = '';
      var self = this;
      this.ask(q, true).catch(function () { self.showError(self.t.offline); }).then(function () {
        self.busy = false;
        self.sendBtn.disabled = false;
        self.status.textContent = '';
        self.save();
      });
    }

    ask(q, retry) {
      var self = this;
      return fetch(this.base + '/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ message: q, sessionId: this.sessionId, lang: this.uiLang })
      }).then(function (r) {
        if (!r.ok || !/event-stream/.test(r.headers.get('content-type') || '')) {
          return r.json().catch(function () { return {}; }).then(function (j) {
            if (r.status === 404 && j.code === 'unknown_session' && retry) { self.sessionId = undefined; return self.ask(q, false); }
            self.showError(j.error || self.t.offline);
          });
        }
        return self.stream(r);
      });
    }

    stream(r) {
      var self = this, reader = r.body.getReader(), dec = new TextDecoder(), buf = '';
      var it = { role: 'assistant', text: '', citations: [] };
      var node = null;
      var show = function () {
        if (!node) { node = self.draw(it); node.setAttribute('aria-busy', 'true'); }
        self.fill(node, it);
        self.reveal(node);
      };
      var handle = function (ev, data) {
        if (ev === 'session') { self.sessionId = data.sessionId; self.save(); }
        else if (ev === 'token') { it.text += data.text; show(); }
        else if (ev === 'notice') { it.notice = data.text; show(); }
        else if (ev === 'citations') { it.citations = data.citations; show(); }
        else if (ev === 'done') {
          var res = data;
          it.text = res.answer; it.citations = res.citations || []; it.messageId = res.messageId;
          if (res.notice) it.notice = res.notice;
          self.sessionId = res.sessionId;
          show();
          node.setAttribute('aria-busy', 'false');
          self.items.push(it);
        } else if (ev === 'error') { self.showError(data.error); }
      };
      var pump = function () {
        return reader.read().then(function (x) {
          if (x.value) buf += dec.decode(x.value, { stream: true });
          var i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            var frame = buf.slice(0, i); buf = buf.slice(i + 2);
            var ev = 'message', data = '';
            frame.split('\n').forEach(function (line) {
              if (line.indexOf('event:') === 0) ev = line.slice(6).trim();
              else if (line.indexOf('data:') === 0) data += line.slice(5).trim();
            });
            try { if (data) handle(ev, JSON.parse(data)); } catch (e) { /* ignore a bad frame */ }
          }
          if (!x.done) return pump();
          if (node) node.setAttribute('aria-busy', 'false');
        });
      };
      return pump();
    }
  }

  if (!customElements.get('brygga-chat')) customElements.define('brygga-chat', BryggaChat);

  if (script && script.src) {
    var chat = document.createElement('brygga-chat');
    chat.setAttribute('mode', script.getAttribute('data-mode') === 'launcher' ? 'launcher' : 'inline');
    chat.setAttribute('lang', script.getAttribute('data-lang') === 'en' ? 'en' : 'sv');
    chat.setAttribute('server', new URL(script.src, location.href).origin);
    if (chat.getAttribute('mode') !== 'launcher') script.parentNode.insertBefore(chat, script.nextSibling);
    else if (document.body) document.body.appendChild(chat);
    else document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(chat); });
  }
})();
