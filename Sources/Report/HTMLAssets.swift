/// The HTML report's stylesheet and script. They are constants, never built from data, so their
/// SHA-256 hashes can pin them in the page's Content-Security-Policy: even if some data escaped its
/// escaping, the browser would run no other script and load nothing from anywhere.
enum HTMLAssets {
    static let stylesheet = """
    :root {
      --ink: #1d2433; --muted: #5b6475; --line: #dde1e8; --paper: #ffffff; --canvas: #f3f5f8;
      --navy: #10263f; --navy-2: #1b3a5c; --accent: #2f6fb0;
      --critical: #8f1d1d; --high: #d0342c; --medium: #d97706; --low: #2f6fb0; --info: #667085;
      --pass: #1f7a4d; --fail: #b42318;
      --sans: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI",
        "Meiryo", "Noto Sans CJK JP", "IPAGothic", "IPAexGothic", "Liberation Sans", "DejaVu Sans", sans-serif;
      --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
    }
    * { box-sizing: border-box; }
    html[data-lang="en"] .l-ja, html[data-lang="ja"] .l-en { display: none; }
    html:not(.js) .toolbar, html:not(.js) .lang-toggle, html:not(.js) footer button { display: none; }
    html:not(.js) .table-wrap { border-top: 1px solid var(--line); border-radius: 8px; }
    body { margin: 0; background: var(--canvas); color: var(--ink); font: 14px/1.5 var(--sans); }
    code, .mono { font-family: var(--mono); font-size: 12.5px; }
    bdi { unicode-bidi: isolate; }
    .masthead { background: linear-gradient(180deg, var(--navy), var(--navy-2)); color: #fff; padding: 22px 32px 18px; }
    .masthead-top { display: flex; align-items: flex-start; justify-content: space-between; gap: 24px; }
    .eyebrow { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #a9c1dc; }
    h1 { margin: 2px 0 2px; font-size: 24px; font-weight: 650; }
    .profile-title { color: #d6e2f0; font-size: 15px; }
    .lang-toggle { display: inline-flex; border: 1px solid #5c7da3; border-radius: 6px; overflow: hidden; flex: none; }
    .lang-toggle button { background: transparent; color: #d6e2f0; border: 0; padding: 6px 12px; font: inherit; cursor: pointer; }
    .lang-toggle button[aria-pressed="true"] { background: #fff; color: var(--navy); font-weight: 600; }
    .meta { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px 32px; margin: 18px 0 0; }
    .meta div { min-width: 0; }
    .meta dt { font-size: 11px; letter-spacing: .06em; text-transform: uppercase; color: #a9c1dc; }
    .meta dd { margin: 2px 0 0; overflow-wrap: anywhere; }
    .meta code { color: #fff; background: rgba(255,255,255,.1); padding: 1px 5px; border-radius: 4px; }
    .meta .paths code { display: table; margin-bottom: 3px; }
    main { max-width: 1500px; margin: 0 auto; padding: 20px 32px 8px; }
    .verdict { display: flex; align-items: center; gap: 14px; padding: 12px 16px; border-radius: 8px; background: var(--paper);
      border: 1px solid var(--line); border-left: 6px solid var(--pass); }
    .verdict.fail { border-left-color: var(--fail); }
    .verdict-badge { font-weight: 700; letter-spacing: .05em; color: #fff; background: var(--pass); padding: 3px 10px; border-radius: 4px; }
    .verdict.fail .verdict-badge { background: var(--fail); }
    .cards { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 12px; margin: 16px 0 8px; }
    .card { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid var(--info); border-radius: 8px; padding: 10px 14px; }
    .card-n { font-size: 26px; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
    .card-l { color: var(--muted); font-size: 12.5px; }
    .card.zero .card-n { color: #a0a7b4; }
    .card.sev-critical { border-top-color: var(--critical); } .card.sev-high { border-top-color: var(--high); }
    .card.sev-medium { border-top-color: var(--medium); } .card.sev-low { border-top-color: var(--low); }
    .card.neutral { border-top-color: #aab2bf; }
    section.block { margin-top: 26px; }
    h2 { font-size: 18px; margin: 0 0 10px; display: flex; align-items: baseline; gap: 10px; }
    h2 .count { font-size: 13px; color: var(--muted); font-weight: 400; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 18px; background: var(--paper); border: 1px solid var(--line);
      border-bottom: 0; border-radius: 8px 8px 0 0; padding: 10px 12px; }
    .toolbar input[type="search"] { flex: 0 1 320px; min-width: 200px; padding: 6px 10px; border: 1px solid #c3c9d4; border-radius: 6px; font: inherit; }
    .toolbar input[type="search"]:focus { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
    .toolbar fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
    .toolbar legend { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .check { display: inline-flex; align-items: center; gap: 5px; cursor: pointer; user-select: none; white-space: nowrap; }
    .shown { margin-left: auto; color: var(--muted); font-size: 12.5px; white-space: nowrap; }
    .table-wrap { background: var(--paper); border: 1px solid var(--line); border-radius: 0 0 8px 8px; overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid #edf0f4; }
    thead th { position: sticky; top: 0; background: #f7f8fa; border-bottom: 1px solid var(--line); font-size: 12px; font-weight: 600;
      color: #3a4356; white-space: nowrap; z-index: 1; }
    th button.sort { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; }
    th button.sort:focus-visible { outline: 2px solid var(--accent); }
    th button.sort::after { content: "\\2195"; color: #b3bac6; font-size: 11px; }
    th[aria-sort="ascending"] button.sort::after { content: "\\25B2"; color: var(--accent); }
    th[aria-sort="descending"] button.sort::after { content: "\\25BC"; color: var(--accent); }
    tbody tr:hover { background: #f8fafc; }
    tr.suppressed td { color: #6b7280; background: #fafafa; }
    tr.suppressed .pill { opacity: .55; }
    .pill { display: inline-block; min-width: 64px; text-align: center; padding: 2px 8px; border-radius: 999px; font-size: 12px;
      font-weight: 600; color: #fff; background: var(--info); white-space: nowrap; }
    .pill.sev-critical { background: var(--critical); } .pill.sev-high { background: var(--high); }
    .pill.sev-medium { background: var(--medium); } .pill.sev-low { background: var(--low); }
    .sub { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
    td.subject { white-space: nowrap; }
    td.msg { min-width: 320px; max-width: 560px; }
    td.msg p { margin: 0; }
    ul.plain { list-style: none; margin: 0; padding: 0; }
    ul.evidence { margin: 6px 0 0; padding-left: 16px; color: #3a4356; font-size: 12.5px; }
    .ptr { color: var(--muted); font-family: var(--mono); font-size: 11.5px; overflow-wrap: anywhere; }
    .remedy { margin-top: 6px !important; font-size: 12.5px; }
    .remedy b { color: var(--pass); font-weight: 600; }
    ul.cites { margin: 0; padding-left: 16px; font-size: 12.5px; max-width: 300px; }
    .status { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 4px; border: 1px solid; white-space: nowrap; }
    .status.active { color: var(--fail); border-color: #f1b5ae; background: #fef3f2; }
    .status.suppressed { color: #475467; border-color: #d0d5dd; background: #f2f4f7; }
    .tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 4px; background: #eef2f7; color: #3a4356; margin: 1px 2px 1px 0; white-space: nowrap; }
    .tag.warn { background: #fff4e5; color: #8a4b00; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.time { white-space: nowrap; font-family: var(--mono); font-size: 12px; }
    .muted { color: var(--muted); }
    .no-match { background: var(--paper); border: 1px solid var(--line); border-top: 0; margin: 0; padding: 14px; color: var(--muted); text-align: center; }
    footer { max-width: 1500px; margin: 28px auto 30px; padding: 14px 32px 0; border-top: 1px solid var(--line); color: var(--muted);
      font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; }
    footer button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #c3c9d4; background: var(--paper); cursor: pointer; }
    @media (max-width: 900px) { .cards, .meta { grid-template-columns: repeat(2, minmax(0, 1fr)); } main, .masthead { padding-left: 16px; padding-right: 16px; } }
    @media print {
      body { background: #fff; } .toolbar, .lang-toggle, footer button, .no-match { display: none !important; }
      tr[hidden] { display: table-row !important; } .table-wrap { overflow: visible; border-radius: 0; }
      thead th { position: static; } .masthead { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); }
      .eyebrow, .meta dt, .profile-title { color: var(--muted); } .meta code { color: var(--ink); }
    }
    """

    static let script = """
    (function () {
      'use strict';
      var root = document.documentElement;
      root.classList.add('js');

      function each(list, fn) { Array.prototype.forEach.call(list, fn); }

      function setLanguage(lang) {
        root.setAttribute('lang', lang);
        root.setAttribute('data-lang', lang);
        var title = root.getAttribute('data-title-' + lang);
        if (title) { document.title = title; }
        each(document.querySelectorAll('[data-set-lang]'), function (button) {
          button.setAttribute('aria-pressed', String(button.getAttribute('data-set-lang') === lang));
        });
        each(document.querySelectorAll('[data-placeholder-' + lang + ']'), function (input) {
          input.setAttribute('placeholder', input.getAttribute('data-placeholder-' + lang));
          input.setAttribute('aria-label', input.getAttribute('data-placeholder-' + lang));
        });
      }

      function sortKey(cell) {
        var key = cell.getAttribute('data-sort');
        return key !== null ? key : cell.innerText.trim().toLowerCase();
      }

      function compareKeys(a, b, numeric) {
        if (numeric) {
          var x = parseFloat(a), y = parseFloat(b);
          if (!isNaN(x) && !isNaN(y) && x !== y) { return x < y ? -1 : 1; }
        }
        return a < b ? -1 : (a > b ? 1 : 0);
      }

      function sortTable(table, column) {
        var headers = table.tHead.rows[0].cells;
        var header = headers[column];
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        each(headers, function (th) { if (th.hasAttribute('aria-sort')) { th.setAttribute('aria-sort', 'none'); } });
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = header.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.filter.call(body.rows, function (row) { return !row.classList.contains('placeholder'); });
        var keyed = rows.map(function (row, index) { return { row: row, key: sortKey(row.cells[column]), index: index }; });
        keyed.sort(function (p, q) {
          var order = compareKeys(p.key, q.key, numeric);
          return (ascending ? order : -order) || p.index - q.index;
        });
        keyed.forEach(function (entry) { body.appendChild(entry.row); });
      }

      function applyFilters(name) {
        var table = document.querySelector('table[data-table="' + name + '"]');
        if (!table) { return; }
        var input = document.querySelector('[data-filter-for="' + name + '"]');
        var words = (input ? input.value : '').toLowerCase().split(/\\s+/).filter(Boolean);
        var severityBoxes = document.querySelectorAll('[data-severity-for="' + name + '"]');
        var allowed = {};
        each(severityBoxes, function (box) { allowed[box.value] = box.checked; });
        var suppressedBox = document.querySelector('[data-suppressed-for="' + name + '"]');
        var showSuppressed = !suppressedBox || suppressedBox.checked;
        var shown = 0, total = 0;
        each(table.tBodies[0].rows, function (row) {
          if (row.classList.contains('placeholder')) { return; }
          total += 1;
          var text = row.textContent.toLowerCase();
          var severity = row.getAttribute('data-severity');
          var visible = words.every(function (word) { return text.indexOf(word) !== -1; }) &&
            (!severity || severityBoxes.length === 0 || allowed[severity] === true) &&
            (showSuppressed || row.getAttribute('data-status') !== 'suppressed');
          row.hidden = !visible;
          if (visible) { shown += 1; }
        });
        each(document.querySelectorAll('[data-shown-for="' + name + '"]'), function (el) { el.textContent = String(shown); });
        var noMatch = document.querySelector('[data-no-match-for="' + name + '"]');
        if (noMatch) { noMatch.hidden = !(total > 0 && shown === 0); }
      }

      each(document.querySelectorAll('[data-set-lang]'), function (button) {
        button.addEventListener('click', function () { setLanguage(button.getAttribute('data-set-lang')); });
      });
      each(document.querySelectorAll('table.sortable'), function (table) {
        each(table.tHead.rows[0].cells, function (th, column) {
          var button = th.querySelector('button.sort');
          if (button) { button.addEventListener('click', function () { sortTable(table, column); }); }
        });
      });
      each(document.querySelectorAll('[data-filter-for]'), function (input) {
        input.addEventListener('input', function () { applyFilters(input.getAttribute('data-filter-for')); });
      });
      each(document.querySelectorAll('[data-severity-for], [data-suppressed-for]'), function (box) {
        box.addEventListener('change', function () {
          applyFilters(box.getAttribute('data-severity-for') || box.getAttribute('data-suppressed-for'));
        });
      });
      var download = document.querySelector('[data-download-json]');
      if (download) {
        download.addEventListener('click', function () {
          var data = document.getElementById('netaudit-report').textContent;
          var link = document.createElement('a');
          link.href = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
          link.download = download.getAttribute('data-download-json');
          document.body.appendChild(link);
          link.click();
          link.remove();
        });
      }
      setLanguage(root.getAttribute('data-lang') || 'en');
      each(document.querySelectorAll('table[data-table]'), function (table) { applyFilters(table.getAttribute('data-table')); });
    })();
    """
}
