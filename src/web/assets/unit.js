// The unit's page: every change is saved as a draft and checked (debounced),
// each finding shown beside its cell or paragraph in the words `govreport
// check` prints; upload, submit, totals. No libraries, no build step.
(function () {
  "use strict";
  var body = document.body;
  var unit = body.dataset.unit;
  var version = body.dataset.version || "";
  var csrf = body.dataset.csrf;
  var readonly = body.dataset.readonly === "true";
  var api = "/api/v1/units/" + encodeURIComponent(unit);
  var form = document.getElementById("report");
  var timer = null, saving = false, again = false, stale = false;
  var DELAY = 400;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function text(el, s) { el.textContent = s; return el; }
  function make(tag, cls, s) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (s !== undefined) el.textContent = s;
    return el;
  }

  // ---- totals (shown, never sent: the program computes them) ----
  function num(el) {
    var v = (el.value || "").trim().replace(/[０-９]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
    return /^\d+$/.test(v) ? parseInt(v, 10) : 0;
  }
  function totals() {
    all("[data-total]").forEach(function (td) {
      var p = td.dataset.total, sum = 0;
      all('input[data-path^="' + p + '["]').forEach(function (i) { sum += num(i); });
      td.textContent = String(sum);
    });
    var outcome = [0, 0, 0, 0, 0, 0, 0];
    all("#t3 tbody tr[data-row]").forEach(function (tr) {
      var p = tr.dataset.row;
      if (p.indexOf("requests.outcomes.") !== 0) return;
      all("input", tr).forEach(function (i, k) { outcome[k] += num(i); outcome[6] += num(i); });
    });
    all("[data-outcome-total]").forEach(function (td) {
      td.textContent = String(outcome[parseInt(td.dataset.outcomeTotal, 10)]);
    });
  }

  // ---- findings ----
  var found = [];
  function target(d) {
    if (!d.path) return null;
    var el = document.querySelector('[data-path="' + CSS.escape(d.path) + '"]');
    if (el) return el;
    // A whole row or table: its first cell.
    return document.querySelector('[data-path^="' + CSS.escape(d.path) + '["]') ||
      document.querySelector('[data-path^="' + CSS.escape(d.path) + '."]');
  }
  function box(el) {
    var f = el.closest(".field");
    if (f) return $(".msgs", f);
    // A table cell: the box right under its table.
    var t = el.closest(".scroll");
    var next = t && t.nextElementSibling;
    return next && next.classList.contains("msgs") ? next : $("#general");
  }
  function where(d) {
    if (d.sheet) return d.sheet + "!" + d.ref;
    if (d.line) return "第 " + d.line + " 行";
    return "";
  }
  // The findings of the focused field, beside it.
  var pop = make("div", "pop");
  pop.id = "pop";
  pop.setAttribute("role", "status");
  pop.hidden = true;
  document.body.appendChild(pop);
  function popup(el) {
    var list = el && el._msgs;
    if (!list || !list.length) { pop.hidden = true; pop.textContent = ""; return; }
    pop.textContent = "";
    list.forEach(function (d) {
      var p = make("p", d.severity === "error" ? "error" : "warning");
      p.appendChild(make("b", null, (d.severity === "error" ? "错误" : "警告") + "[" + d.code + "] "));
      p.appendChild(document.createTextNode(d.message));
      pop.appendChild(p);
      if (d.help) pop.appendChild(make("p", "help", "帮助：" + d.help));
    });
    var r = el.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.max(4, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 4));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 4) + "px";
  }
  form.addEventListener("focusin", function (e) { popup(e.target); });
  form.addEventListener("focusout", function () { pop.hidden = true; pop.textContent = ""; });

  function show(list) {
    found = [];
    all("[data-path]", form).forEach(function (el) { el._msgs = []; });
    all(".msgs").forEach(function (m) { m.textContent = ""; });
    all(".has-error, .has-warning").forEach(function (el) {
      el.classList.remove("has-error", "has-warning");
      el.removeAttribute("aria-invalid");
      el.removeAttribute("title");
    });
    var errors = 0, warnings = 0;
    (list || []).forEach(function (d) {
      var err = d.severity === "error";
      if (err) errors++; else warnings++;
      var el = target(d);
      var item = make("div", "msg " + (err ? "error" : "warning"));
      var head = make("p", "what");
      head.appendChild(make("b", null, (err ? "错误" : "警告") + "[" + d.code + "]"));
      head.appendChild(document.createTextNode(" " + d.message));
      item.appendChild(head);
      if (d.help) item.appendChild(make("p", "help", "帮助：" + d.help));
      if (d.note) item.appendChild(make("p", "help", "说明：" + d.note));
      if (el) {
        el.classList.add(err ? "has-error" : "has-warning");
        if (err) el.setAttribute("aria-invalid", "true");
        el.title = d.message;
        el._msgs.push(d);
        item.tabIndex = 0;
        item.addEventListener("click", function () { el.focus(); });
      } else if (where(d)) {
        item.appendChild(make("p", "help", "位置：" + where(d)));
      }
      (el ? box(el) : $("#general")).appendChild(item);
      found.push({ el: el || item, err: err });
    });
    if (document.activeElement && document.activeElement._msgs) popup(document.activeElement);
    var counts = $("#counts");
    counts.textContent = "";
    if (!errors && !warnings) {
      counts.appendChild(make("span", "ok", "检查通过：没有发现问题"));
      return;
    }
    if (errors) counts.appendChild(jump(errors + " 个错误", true));
    if (warnings) counts.appendChild(jump(warnings + " 个警告", false));
  }
  function jump(label, err) {
    var a = make("button", err ? "count error" : "count warning", label);
    a.type = "button";
    a.title = "转到下一个" + (err ? "错误" : "警告");
    var i = -1;
    a.addEventListener("click", function () {
      var list = found.filter(function (f) { return f.err === err; });
      if (!list.length) return;
      i = (i + 1) % list.length;
      var el = list[i].el;
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
    });
    return a;
  }

  // ---- saving ----
  function values() {
    var v = {};
    all("[data-path]", form).forEach(function (el) { v[el.dataset.path] = el.value; });
    return v;
  }
  function banner(msg, reload) {
    var b = $("#banner");
    b.hidden = !msg;
    b.textContent = msg || "";
    if (reload) {
      var btn = make("button", null, "重新读取");
      btn.type = "button";
      btn.addEventListener("click", function () { location.reload(); });
      b.appendChild(document.createTextNode(" "));
      b.appendChild(btn);
    }
  }
  function request(method, url, data, type, auto) {
    var h = { "X-CSRF-Token": csrf };
    if (auto) h["X-Autosave"] = "1";
    if (type) h["Content-Type"] = type;
    if (version && method === "PUT") h["If-Match"] = '"' + version + '"';
    return fetch(url, { method: method, headers: h, body: data, credentials: "same-origin" })
      .then(function (r) {
        return r.text().then(function (t) {
          var j = null;
          try { j = JSON.parse(t); } catch (e) { j = { error: t }; }
          return { status: r.status, body: j };
        });
      });
  }
  function saved(r) {
    if (r.status === 200) {
      version = r.body.version;
      text($("#saved"), "已保存第 " + version + " 版");
      text($("#status b"), "草稿");
      banner("");
      show(r.body.diagnostics);
      return true;
    }
    if (r.status === 409) {
      stale = true;
      banner(r.body.error || "报告已在别处修改，这次没有保存。", true);
    } else if (r.status === 422 && r.body.diagnostics) {
      banner(r.body.error);
      show(r.body.diagnostics);
    } else {
      banner((r.body && r.body.error) || ("保存失败（" + r.status + "），稍后自动重试"));
    }
    return false;
  }
  function save() {
    timer = null;
    if (stale || readonly) return;
    if (saving) { again = true; return; }
    saving = true;
    text($("#saved"), "正在保存…");
    request("PUT", api + "/report", JSON.stringify(values()), "application/json", true)
      .then(saved, function () { banner("无法连接服务器，稍后自动重试"); again = true; })
      .then(function () {
        saving = false;
        if (again) { again = false; schedule(); }
      });
  }
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", function () { totals(); schedule(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("beforeunload", function (e) {
    if (timer || saving) { save(); e.preventDefault(); e.returnValue = ""; }
  });

  var up = $("#upload");
  if (up) up.addEventListener("change", function () {
    var f = up.files[0];
    if (!f) return;
    var type = /\.toml$/i.test(f.name) ? "application/toml" :
      /\.xls$/i.test(f.name) ? "application/vnd.ms-excel" :
      /\.ods$/i.test(f.name) ? "application/vnd.oasis.opendocument.spreadsheet" :
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    text($("#saved"), "正在上传…");
    f.arrayBuffer().then(function (buf) { return request("PUT", api + "/report", buf, type); })
      .then(function (r) {
        up.value = "";
        if (saved(r)) location.reload();
      });
  });

  var sub = $("#submit");
  if (sub) sub.addEventListener("click", function () {
    if (timer) { clearTimeout(timer); timer = null; }
    var go = function () {
      request("POST", api + "/submit", null, null).then(function (r) {
        if (r.status === 200) {
          text($("#status b"), "已提交，等待审核");
          banner("已提交。审核期间仍可修改，修改后需重新提交。");
        } else {
          banner(r.body.error || ("提交失败（" + r.status + "）"));
          if (r.body.diagnostics) show(r.body.diagnostics);
        }
      });
    };
    if (saving) { setTimeout(function () { sub.click(); }, 200); return; }
    go();
  });

  if (readonly) all("input, textarea", form).forEach(function (el) { el.readOnly = true; });
  totals();
  try { show(JSON.parse($("#initial").textContent)); } catch (e) { show([]); }
})();
