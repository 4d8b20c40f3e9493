/*
 * qingdan site: the filter of a page's tables, the search over every list,
 * and permalinks that find their entry on whatever page it now is. Plain
 * JavaScript, no dependencies; the search index is loaded with <script>
 * elements, so all of it works offline and from file://.
 * List text only ever reaches the page through textContent.
 */
(function () {
  'use strict';

  var body = document.body;
  var root = body.getAttribute('data-root') || '';
  var pageType = body.getAttribute('data-page-type') || '';
  var pageKind = body.getAttribute('data-kind') === '' ? null : Number(body.getAttribute('data-kind'));
  var pageNumber = Number(body.getAttribute('data-page') || '1');
  var RESULT_LIMIT = 100;

  function fold(text) {
    return String(text).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  }
  function termsOf(query) {
    var q = fold(query);
    return q === '' ? [] : q.split(' ');
  }
  function hasAll(text, terms) {
    for (var i = 0; i < terms.length; i++) if (text.indexOf(terms[i]) < 0) return false;
    return true;
  }
  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }
  function optionalNumber(value) {
    return value === '' || value === null || value === undefined ? null : Number(value);
  }
  function pageHref(file, anchor) {
    return root + file.split('/').map(encodeURIComponent).join('/') + (anchor ? '#' + anchor : '');
  }
  function params() {
    var out = {};
    var search = location.search.replace(/^\?/, '');
    if (search === '') return out;
    search.split('&').forEach(function (pair) {
      var i = pair.indexOf('=');
      var key = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, ' '));
      out[key] = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
    });
    return out;
  }

  // ---- The search index: a manifest and chunks, each a script that calls back here. ----
  var manifest = null;
  var chunkData = {};
  var loads = {};
  window.qingdanSearchManifest = function (data) {
    manifest = data;
  };
  window.qingdanSearchChunk = function (data) {
    chunkData[data.kind + '/' + data.n] = data.records;
  };
  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () {
        s.remove();
        resolve();
      };
      s.onerror = function () {
        s.remove();
        reject(new Error('cannot load ' + src));
      };
      document.head.appendChild(s);
    });
  }
  function getManifest() {
    if (!loads.manifest) {
      loads.manifest = loadScript(root + 'assets/search/manifest.js').then(function () {
        if (!manifest) throw new Error('no search manifest');
        return manifest;
      });
    }
    return loads.manifest;
  }
  function getChunk(kind, n) {
    var key = kind + '/' + n;
    if (!loads[key]) {
      loads[key] = loadScript(pageHref(manifest.kinds[kind].chunks[n - 1])).then(function () {
        return chunkData[key] || [];
      });
    }
    return loads[key];
  }

  // Record: [anchor, page, departments, category, label, code, text]
  var searchToken = 0;
  /** Search the index; onUpdate(results, count, loaded, total) after every chunk. */
  function search(query, onUpdate, onError) {
    var token = ++searchToken;
    getManifest().then(function (m) {
      if (token !== searchToken) return;
      var jobs = [];
      m.kinds.forEach(function (k, i) {
        if (query.kind !== null && query.kind !== i) return;
        for (var n = 1; n <= k.chunks.length; n++) jobs.push([i, n]);
      });
      var results = [];
      var count = 0;
      var loaded = 0;
      var next = function () {
        if (token !== searchToken) return;
        if (loaded === jobs.length) {
          onUpdate(results, count, loaded, jobs.length);
          return;
        }
        var job = jobs[loaded];
        getChunk(job[0], job[1]).then(function (records) {
          if (token !== searchToken) return;
          for (var i = 0; i < records.length; i++) {
            var r = records[i];
            if (query.exceptPage !== null && r[1] === query.exceptPage) continue;
            if (query.dept !== null && r[2].indexOf(query.dept) < 0) continue;
            if (query.cat !== null && r[3] !== query.cat) continue;
            if (!hasAll(r[6], query.terms)) continue;
            count++;
            if (results.length < RESULT_LIMIT) results.push({ kind: job[0], record: r });
          }
          loaded++;
          if (loaded < jobs.length) onUpdate(results, count, loaded, jobs.length);
          next();
        }, onError);
      };
      next();
    }, onError);
  }
  function cancelSearch() {
    searchToken++;
  }

  function showResults(list, status, results, count, loaded, total) {
    list.textContent = '';
    results.forEach(function (x) {
      var kind = manifest.kinds[x.kind];
      var r = x.record;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = pageHref(kind.pages[r[1] - 1], r[0]);
      var label = document.createElement('span');
      label.className = 'result-label';
      label.textContent = r[4];
      a.appendChild(label);
      li.appendChild(a);
      var meta = document.createElement('span');
      meta.className = 'result-meta';
      var parts = [];
      if (r[5]) parts.push(r[5]);
      parts.push(kind.title + (kind.pages.length > 1 ? '（第 ' + r[1] + ' 页）' : ''));
      var names = r[2].map(function (d) {
        return manifest.departments[d] ? manifest.departments[d].name : '';
      }).filter(Boolean);
      if (names.length) parts.push(names.join('、'));
      if (r[3] >= 0 && kind.categories[r[3]] !== undefined) parts.push(kind.categories[r[3]]);
      parts.forEach(function (text, i) {
        if (i > 0) meta.appendChild(document.createTextNode(' · '));
        var span = document.createElement('span');
        span.textContent = text;
        meta.appendChild(span);
      });
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (loaded < total) status.textContent = '正在检索……（已检索 ' + loaded + ' / ' + total + ' 个索引文件，找到 ' + count + ' 条）';
    else if (count === 0) status.textContent = '没有找到匹配的条目。';
    else status.textContent = '找到 ' + count + ' 条' + (count > results.length ? '，显示前 ' + results.length + ' 条，请加上关键词或条件缩小范围。' : '。');
  }
  function searchFailed(status) {
    return function () {
      status.textContent = '检索索引无法加载：请直接浏览各清单页面。';
    };
  }

  // ---- The search over every list (index page). ----
  function setUpSearch(section) {
    section.hidden = false;
    var form = section.querySelector('form');
    var q = form.elements.q;
    var kind = form.elements.kind;
    var dept = form.elements.dept;
    var cat = form.elements.cat;
    var status = section.querySelector('.search-status');
    var list = section.querySelector('.search-results');

    var fillCategories = function () {
      var chosen = optionalNumber(kind.value);
      var keep = cat.value;
      while (cat.options.length > 1) cat.remove(1);
      cat.options[0].textContent = chosen === null ? '全部类别（先选清单）' : '全部类别';
      var k = chosen !== null && manifest ? manifest.kinds[chosen] : null;
      if (k) {
        k.categories.forEach(function (text, i) {
          var o = document.createElement('option');
          o.value = String(i);
          o.textContent = text;
          cat.appendChild(o);
        });
      }
      cat.disabled = !k || k.categories.length === 0;
      cat.value = keep;
      if (cat.selectedIndex < 0) cat.value = '';
    };
    var run = function () {
      var query = {
        terms: termsOf(q.value),
        kind: optionalNumber(kind.value),
        dept: optionalNumber(dept.value),
        cat: cat.disabled ? null : optionalNumber(cat.value),
        exceptPage: null,
      };
      if (query.terms.length === 0 && query.dept === null && query.cat === null && query.kind === null) {
        cancelSearch();
        list.textContent = '';
        status.textContent = '';
        return;
      }
      status.textContent = '正在检索……';
      search(query, function (results, count, loaded, total) {
        showResults(list, status, results, count, loaded, total);
      }, searchFailed(status));
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      run();
    });
    q.addEventListener('input', debounce(run, 250));
    kind.addEventListener('change', function () {
      getManifest().then(function () {
        fillCategories();
        run();
      }, searchFailed(status));
    });
    dept.addEventListener('change', run);
    cat.addEventListener('change', run);

    var p = params();
    if (p.q) q.value = p.q;
    if (p.kind !== undefined) kind.value = p.kind;
    if (p.dept !== undefined) dept.value = p.dept;
    if (p.q || p.kind || p.dept) {
      getManifest().then(function () {
        fillCategories();
        if (p.cat !== undefined) cat.value = p.cat;
        run();
      }, searchFailed(status));
    }
    if (location.hash === '#search') section.scrollIntoView();
  }

  // ---- The filter of the tables on this page (list and department pages). ----
  function setUpFilter(form) {
    var rows = Array.prototype.slice.call(document.querySelectorAll('table.entries tbody tr'));
    if (rows.length === 0) return null;
    form.hidden = false;
    var texts = null;
    var q = form.elements.q;
    var kind = form.elements.kind;
    var dept = form.elements.dept;
    var cat = form.elements.cat;
    var status = form.querySelector('.filter-status');
    var more = document.querySelector('.more-results');
    var moreStatus = more && more.querySelector('.search-status');
    var moreList = more && more.querySelector('.search-results');

    var apply = function () {
      if (!texts) texts = rows.map(function (row) {
        return fold(row.textContent);
      });
      var terms = termsOf(q.value);
      var k = kind ? kind.value : '';
      var d = dept ? dept.value : '';
      var c = cat ? cat.value : '';
      var active = terms.length > 0 || k !== '' || d !== '' || c !== '';
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = hasAll(texts[i], terms) &&
          (k === '' || row.closest('table').getAttribute('data-kind') === k) &&
          (d === '' || (row.getAttribute('data-d') || '').split(' ').indexOf(d) >= 0) &&
          (c === '' || row.getAttribute('data-c') === c);
        row.hidden = !ok;
        if (ok) shown++;
      });
      Array.prototype.forEach.call(document.querySelectorAll('.table-wrap'), function (wrap) {
        var table = wrap.querySelector('table.entries');
        if (table) wrap.hidden = table.querySelector('tbody tr:not([hidden])') === null;
      });
      status.textContent = active ? '本页显示 ' + shown + ' / ' + rows.length + ' 条。' : '';

      if (!more) return;
      if (!active) {
        cancelSearch();
        more.hidden = true;
        return;
      }
      more.hidden = false;
      moreStatus.textContent = '正在检索其他页……';
      search({
        terms: terms,
        kind: pageKind,
        dept: optionalNumber(d),
        cat: c === '' ? null : Number(c.split('.')[1]),
        exceptPage: pageNumber,
      }, function (results, count, loaded, total) {
        showResults(moreList, moreStatus, results, count, loaded, total);
      }, searchFailed(moreStatus));
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      apply();
    });
    q.addEventListener('input', debounce(apply, 200));
    [kind, dept, cat].forEach(function (select) {
      if (select) select.addEventListener('change', apply);
    });
    var p = params();
    if (p.q) {
      q.value = p.q;
      apply();
    }
    return {
      /** Show every row again (a permalink to a filtered-out row). */
      reset: function () {
        form.reset();
        apply();
      },
    };
  }

  // ---- Permalinks: #items-SCJG-SX-001 on a page where the entry is not (any more). ----
  function notice(text) {
    var p = document.querySelector('.permalink-notice');
    if (!p) {
      p = document.createElement('p');
      p.className = 'banner banner-sample permalink-notice';
      p.setAttribute('role', 'status');
      var main = document.getElementById('main');
      main.insertBefore(p, main.firstChild);
    }
    p.textContent = text;
  }
  function followHash(filter) {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      return;
    }
    if (id === '' || id === 'main' || id === 'search') return;
    var target = document.getElementById(id);
    if (target) {
      if (target.hidden && filter) {
        filter.reset();
        target.scrollIntoView();
      }
      return;
    }
    if (pageType !== 'list' || pageKind === null) return;
    getManifest().then(function (m) {
      var kind = m.kinds[pageKind];
      var n = 1;
      var look = function () {
        if (n > kind.chunks.length) {
          notice('本版清单中没有找到条目“' + id + '”：它可能已被删除或改了编码。');
          return;
        }
        getChunk(pageKind, n).then(function (records) {
          for (var i = 0; i < records.length; i++) {
            if (records[i][0] === id) {
              if (records[i][1] !== pageNumber) location.replace(pageHref(kind.pages[records[i][1] - 1], id));
              return;
            }
          }
          n++;
          look();
        });
      };
      look();
    }, function () {});
  }

  var searchSection = document.getElementById('search');
  if (searchSection) setUpSearch(searchSection);
  var filterForm = document.querySelector('form.filter');
  var filter = filterForm ? setUpFilter(filterForm) : null;
  followHash(filter);
  window.addEventListener('hashchange', function () {
    followHash(filter);
  });
})();
