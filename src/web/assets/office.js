// The office's pages: the board (filter, sort, search, counts that filter,
// new units one by one or from a list) and the review panel on a unit's
// page (return with a comment, approve, check the published version).
(function () {
  "use strict";
  var body = document.body;
  var csrf = body.dataset.csrf;
  function $(sel) { return document.querySelector(sel); }
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function say(msg) {
    var m = $("#office-msg");
    if (!m) return;
    m.hidden = !msg;
    m.textContent = msg || "";
  }
  function call(method, url, data, type) {
    var h = { "X-CSRF-Token": csrf };
    if (type) h["Content-Type"] = type;
    return fetch(url, { method: method, headers: h, body: data, credentials: "same-origin" })
      .then(function (r) {
        var ct = r.headers.get("content-type") || "";
        if (ct.indexOf("application/json") === 0) {
          return r.json().then(function (j) { return { status: r.status, body: j }; });
        }
        return r.blob().then(function (b) { return { status: r.status, blob: b, body: {} }; });
      });
  }

  // ---- the board ----
  var table = $("#board");
  if (table) {
    var rows = all("#board tbody tr");
    var shown = $("#shown");
    var q = $("#q"), st = $("#st"), onlyErrors = $("#only-errors"), onlyLate = $("#only-late");
    var apply = function () {
      var text = (q.value || "").trim(), status = st.value, n = 0;
      rows.forEach(function (tr) {
        var d = tr.dataset;
        var ok = (!text || d.name.indexOf(text) >= 0) &&
          (!status || d.status === status) &&
          (!onlyErrors.checked || parseInt(d.errors, 10) > 0) &&
          (!onlyLate.checked || d.late === "1");
        tr.hidden = !ok;
        if (ok) n++;
      });
      shown.textContent = "显示 " + n + " / " + rows.length;
    };
    [q, st, onlyErrors, onlyLate].forEach(function (el) {
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    all("[data-filter]").forEach(function (b) {
      b.addEventListener("click", function () {
        var f = b.dataset.filter;
        st.value = f.indexOf("status:") === 0 ? f.slice(7) : "";
        onlyErrors.checked = f === "errors";
        onlyLate.checked = f === "late";
        q.value = "";
        apply();
      });
    });
    var numeric = { year: 1, errors: 1, warnings: 1, late: 1 };
    var order = { empty: 0, draft: 1, returned: 2, submitted: 3, approved: 4 };
    var last = null, dir = 1;
    all("[data-sort]").forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.dataset.sort;
        dir = last === key ? -dir : (numeric[key] ? -1 : 1);
        last = key;
        var tbody = table.tBodies[0];
        var sorted = rows.slice().sort(function (x, y) {
          var a = x.dataset[key], c = y.dataset[key];
          if (key === "status") { a = order[a]; c = order[c]; }
          else if (numeric[key]) { a = parseInt(a, 10); c = parseInt(c, 10); }
          return (a < c ? -1 : a > c ? 1 : 0) * dir;
        });
        sorted.forEach(function (tr) { tbody.appendChild(tr); });
      });
    });
    apply();

    $("#new-unit").addEventListener("click", function () {
      var data = JSON.stringify({
        name: $("#new-name").value, level: $("#new-level").value,
        year: parseInt($("#new-year").value, 10)
      });
      call("POST", "/api/v1/units", data, "application/json").then(function (r) {
        if (r.status === 201) {
          say("已新建。登录链接（请发给该单位）：" + r.body.link);
        } else {
          say(r.body.error || ("新建失败（" + r.status + "）"));
        }
      });
    });
    var bulk = $("#bulk");
    bulk.addEventListener("change", function () {
      var f = bulk.files[0];
      if (!f) return;
      var type = /\.csv$/i.test(f.name) ? "text/csv" : "application/octet-stream";
      f.arrayBuffer().then(function (buf) { return call("POST", "/api/v1/units/bulk", buf, type); })
        .then(function (r) {
          bulk.value = "";
          if (r.status === 201 && r.blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(r.blob);
            a.download = "各单位登录链接.csv";
            document.body.appendChild(a);
            a.click();
            say("已按名单新建单位，登录链接表已下载；刷新页面可看到新单位。");
          } else {
            say(r.body.error || ("导入失败（" + r.status + "）"));
          }
        });
    });
  }

  // ---- the review panel on a unit's page ----
  var unit = body.dataset.unit;
  if ($("#review") && unit) {
    var api = "/api/v1/units/" + encodeURIComponent(unit);
    $("#return").addEventListener("click", function () {
      var comment = $("#comment").value.trim();
      if (!comment) { say("请写明退回意见，单位会在页面顶部看到。"); $("#comment").focus(); return; }
      call("POST", api + "/return", JSON.stringify({ comment: comment }), "application/json").then(function (r) {
        if (r.status === 200) location.reload(); else say(r.body.error || ("退回失败（" + r.status + "）"));
      });
    });
    $("#approve").addEventListener("click", function () {
      call("POST", api + "/approve", null, null).then(function (r) {
        if (r.status === 200) location.reload(); else say(r.body.error || ("审定失败（" + r.status + "）"));
      });
    });
    var pub = $("#published");
    if (pub) pub.addEventListener("change", function () {
      var f = pub.files[0];
      if (!f) return;
      var type = /\.pdf$/i.test(f.name) ? "application/pdf" :
        /\.docx$/i.test(f.name) ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" :
        /\.html?$/i.test(f.name) ? "text/html" : "text/plain";
      f.arrayBuffer().then(function (buf) { return call("POST", api + "/published", buf, type); })
        .then(function (r) {
          pub.value = "";
          var box = $("#differs");
          box.textContent = "";
          if (r.status !== 200) { say(r.body.error || ("核对失败（" + r.status + "）")); return; }
          var d = r.body.differs || [];
          say(d.length ? "发布的版本与审定版本有 " + d.length + " 处不同：" : "发布的版本与审定版本一致。");
          var ul = document.createElement("ul");
          d.forEach(function (x) {
            var li = document.createElement("li");
            li.textContent = x.where + "：审定为“" + x.approved + "”，发布为“" + x.published + "”";
            ul.appendChild(li);
          });
          box.appendChild(ul);
        });
    });
  }
})();
