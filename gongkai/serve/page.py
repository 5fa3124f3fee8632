"""The one page of ``gongkai serve``: its own CSS and script, nothing fetched from elsewhere."""

PAGE_HTML = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gongkai 公开 · 核对预决算文件</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0; color: #1d1d1f; background: #f6f6f4; }
  header { padding: 14px 24px; background: #1f3a5f; color: #fff; }
  header h1 { margin: 0; font-size: 20px; } header p { margin: 4px 0 0; font-size: 13px; opacity: .85; }
  main { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(360px, 1.2fr); gap: 16px; padding: 16px 24px; }
  #drop { grid-column: 1 / -1; border: 2px dashed #8aa; border-radius: 8px; padding: 22px; text-align: center; background: #fff; }
  #drop.over { background: #eef6ff; border-color: #36c; }
  #status { margin-top: 8px; font-size: 14px; }
  .error-text { color: #b00020; }
  #doc { grid-column: 1 / -1; display: none; background: #fff; border-radius: 8px; padding: 12px 16px; }
  #doc h2 { margin: 0 0 4px; font-size: 17px; } #coverage { font-size: 14px; color: #444; }
  #filters label { margin-right: 12px; font-size: 14px; } #downloads a { margin-right: 12px; font-size: 14px; }
  #findings { background: #fff; border-radius: 8px; padding: 8px; max-height: 78vh; overflow: auto; }
  .finding { border-left: 4px solid #999; padding: 8px 10px; margin: 6px 0; cursor: pointer; border-radius: 4px; }
  .finding:hover, .finding.active { background: #f0f4fa; }
  .finding.error { border-color: #d32f2f; } .finding.warning { border-color: #f29900; } .finding.info { border-color: #1a73e8; }
  .sev { font-weight: 600; margin-right: 6px; } .rule { font-family: ui-monospace, monospace; font-size: 12px; color: #555; }
  .quote { font-size: 13px; color: #444; margin-top: 4px; } .why { display: none; font-size: 13px; background: #fafafa; padding: 6px; margin-top: 6px; }
  .finding.open .why { display: block; } button.more { font-size: 12px; margin-top: 4px; }
  #viewer { background: #fff; border-radius: 8px; padding: 8px; max-height: 78vh; overflow: auto; }
  #pagebox { position: relative; display: inline-block; } #pagebox img { display: block; max-width: none; }
  .mark { position: absolute; box-sizing: border-box; border: 2px solid #d32f2f; background: rgba(255, 80, 80, .18); pointer-events: none; }
  .mark.warning { border-color: #f29900; background: rgba(255, 190, 60, .22); } .mark.info { border-color: #1a73e8; background: rgba(80, 150, 255, .18); }
</style>
</head>
<body>
<header><h1>gongkai 公开 · 核对预决算文件</h1>
<p>只在本机运行：文件不离开这台电脑，页面不加载任何外部资源。</p></header>
<main>
  <div id="drop">
    <p>把部门决算、部门预算或绩效自评文件（PDF、DOCX、XLSX、DOC、XLS、HTML、TXT）拖到这里，或 <input id="file" type="file" name="file"></p>
    <div id="status"></div>
  </div>
  <section id="doc">
    <h2 id="title"></h2>
    <div id="meta"></div>
    <div id="coverage"></div>
    <div id="counts"></div>
    <div id="filters">
      <label><input type="checkbox" value="error" checked> 错误</label>
      <label><input type="checkbox" value="warning" checked> 警告</label>
      <label><input type="checkbox" value="info" checked> 提示</label>
    </div>
    <div id="downloads"></div>
  </section>
  <section id="findings"></section>
  <section id="viewer"><div id="pagehint">点击左侧的一条发现，查看它所在的页面。</div><div id="pagebox"></div></section>
</main>
<script>
const LABEL = {error: "错误", warning: "警告", info: "提示"};
const TYPES = {final_accounts: "部门决算", budget: "部门预算", performance_self_evaluation: "绩效自评报告", other: "其他"};
let current = null;
const $ = (id) => document.getElementById(id);
function esc(text) { const d = document.createElement("div"); d.textContent = text == null ? "" : String(text); return d.innerHTML; }
function mark(quote, figures) {
  let html = esc(quote);
  for (const f of figures) { if (f) html = html.split(esc(f)).join("<mark>" + esc(f) + "</mark>"); }
  return html;
}
async function send(file) {
  $("status").textContent = "正在核对 " + file.name + " …";
  $("status").className = "";
  const body = new FormData(); body.append("file", file);
  let response;
  try { response = await fetch("/api/check", {method: "POST", body}); } catch (e) { return fail("无法连接到本机服务"); }
  const data = await response.json();
  if (!response.ok) return fail(data.error || "核对失败");
  current = data; show(data);
}
function fail(message) { $("status").textContent = message; $("status").className = "error-text"; }
function show(data) {
  const d = data.document;
  $("status").textContent = "核对完成：" + data.name;
  $("doc").style.display = "block";
  $("title").textContent = d.title || data.name;
  const year = d.fiscal_year ? d.fiscal_year + "年度" : "年度不明";
  $("meta").textContent = [TYPES[d.doc_type] || d.doc_type, year, d.department || "部门不明", d.pages + "页"].join(" · ");
  $("coverage").textContent = data.coverage;
  $("counts").textContent = data.counts.error + " 个错误，" + data.counts.warning + " 个警告，" + data.counts.info + " 个提示";
  const t = encodeURIComponent(data.token);
  $("downloads").innerHTML = '<a href="/api/' + t + '/findings.csv" download>下载 CSV</a><a href="/api/' + t + '/report.json" download>下载 JSON</a>' +
    (data.pdf ? '<a href="/api/' + t + '/annotated.pdf" download>下载标注 PDF</a>' : "");
  list();
  $("pagebox").innerHTML = ""; $("pagehint").style.display = "block";
}
function list() {
  const wanted = new Set([...document.querySelectorAll("#filters input:checked")].map((i) => i.value));
  const box = $("findings"); box.innerHTML = "";
  if (!current.findings.length) { box.innerHTML = "<p>没有发现问题。</p>"; return; }
  for (const f of current.findings) {
    if (!wanted.has(f.severity)) continue;
    const item = document.createElement("div");
    item.className = "finding " + f.severity; item.id = "finding-" + f.index; item.dataset.index = f.index;
    const quotes = f.quotes.slice(0, 2).map((q) => '<div class="quote">第' + q.page + "页「" + mark(q.quote, f.figures) + "」</div>").join("");
    const arithmetic = (f.stated ? "文中：" + esc(f.stated) : "") + (f.expected ? "　应为：" + esc(f.expected) : "");
    item.innerHTML = '<span class="sev">' + LABEL[f.severity] + '</span><span class="rule">' + esc(f.rule) + (f.page ? " · 第" + f.page + "页" : "") +
      "</span><div>" + esc(f.message) + "</div>" + quotes + '<button class="more" type="button">规则与算式</button><div class="why">' +
      (arithmetic ? "<div>" + arithmetic + "</div>" : "") + "<div>" + esc(f.doc) + "</div></div>";
    item.querySelector("button.more").addEventListener("click", (e) => { e.stopPropagation(); item.classList.toggle("open"); });
    item.addEventListener("click", () => open(f));
    box.appendChild(item);
  }
}
function open(f) {
  document.querySelectorAll(".finding.active").forEach((e) => e.classList.remove("active"));
  const item = $("finding-" + f.index); if (item) { item.classList.add("active"); item.scrollIntoView({block: "nearest"}); }
  const page = (f.boxes[0] && f.boxes[0].page) || f.page;
  $("pagehint").style.display = "none";
  const holder = $("pagebox"); holder.innerHTML = "";
  if (!current.pdf || !page) { holder.textContent = "这个文件不是 PDF，没有页面图像；引文见左侧。"; return; }
  const img = document.createElement("img");
  img.alt = "第" + page + "页"; img.id = "page-image"; img.dataset.page = page;
  img.src = "/api/" + encodeURIComponent(current.token) + "/page/" + page + ".png";
  holder.appendChild(img);
  const s = current.scale;
  for (const b of f.boxes.filter((b) => b.page === page)) {
    const [x0, top, x1, bottom] = b.box;
    const m = document.createElement("div"); m.className = "mark " + f.severity;
    Object.assign(m.style, {left: x0 * s + "px", top: top * s + "px", width: (x1 - x0) * s + "px", height: (bottom - top) * s + "px"});
    holder.appendChild(m);
  }
  img.addEventListener("load", () => { const m = holder.querySelector(".mark"); if (m) m.scrollIntoView({block: "center", inline: "nearest"}); });
}
$("file").addEventListener("change", (e) => { if (e.target.files[0]) send(e.target.files[0]); });
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) send(e.dataTransfer.files[0]); });
document.querySelectorAll("#filters input").forEach((i) => i.addEventListener("change", () => current && list()));
</script>
</body>
</html>
"""
