// The fixed parts of the `html` report: its stylesheet (screen and print) and its script
// (sort, filter, #filter=/#status= fragments). No value from a device ever goes in here.
#pragma once

namespace camaudit::report::html_page {

inline constexpr const char* csp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

inline constexpr const char* style = R"CSS(
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:80em}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th[data-col]{cursor:pointer;background:#f0f0f0}th[data-col]:after{content:" \2195";color:#999}
.cards{display:flex;gap:.8em;flex-wrap:wrap}.card{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;min-width:7em}
.card b{display:block;font-size:1.6em}
.status-prohibited{color:#fff;background:#b00020}.status-review{background:#ffd54f}.status-waived{background:#90caf9}
.status-unknown{background:#e0e0e0}.status-allowed{background:#c8e6c9}
span.st{padding:0 .4em;border-radius:3px}
code{font-size:.9em;word-break:break-all}
.controls{margin:.5em 0}.controls input{width:20em}
tr.hidden{display:none}
@media print{
 .controls,th[data-col]:after{display:none}
 body{margin:0;max-width:none;font-size:10pt}
 details{page-break-inside:avoid}details>*{display:block}
 tr.hidden{display:table-row}
 a{color:#000;text-decoration:none}
}
)CSS";

inline constexpr const char* script = R"JS(
(function(){
 var table=document.getElementById('devices');if(!table)return;
 var rows=Array.prototype.slice.call(table.tBodies[0].rows);
 var text=document.getElementById('filter'),status=document.getElementById('status-filter');
 function apply(){
  var q=text.value.toLowerCase(),s=status.value,shown=0;
  rows.forEach(function(r){
   var ok=(!q||r.getAttribute('data-text').indexOf(q)>=0)&&(!s||r.getAttribute('data-status')===s);
   r.className=ok?'device':'device hidden';if(ok)shown++;});
  document.getElementById('visible-count').textContent=String(shown);
 }
 function fromHash(){
  var h=location.hash.replace(/^#/,'');
  h.split('&').forEach(function(p){var kv=p.split('=');if(kv.length<2)return;
   var v=decodeURIComponent(kv.slice(1).join('=').replace(/\+/g,' '));
   if(kv[0]==='filter')text.value=v;if(kv[0]==='status')status.value=v;});
 }
 var dir={};
 Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
  th.addEventListener('click',function(){
   var col=th.getAttribute('data-col');dir[col]=!dir[col];
   rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;
    return (dir[col]?1:-1)*x.localeCompare(y,undefined,{numeric:true});});
   rows.forEach(function(r){table.tBodies[0].appendChild(r);});});
 });
 text.addEventListener('input',apply);status.addEventListener('change',apply);
 window.addEventListener('hashchange',function(){fromHash();apply();});
 // Paper shows everything: every device's evidence opens before printing.
 window.addEventListener('beforeprint',function(){
  Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
 fromHash();apply();
})();
)JS";

}  // namespace camaudit::report::html_page
