/// The summary's only style sheet, inline: no fonts, no images, nothing fetched.
///
/// Screen: one readable column that also fits a 390 px phone (tables become stacked cards, long hashes and names
/// wrap anywhere; inside a table cell only where nothing else fits, so that a column is never squeezed to one
/// letter). Print: A4, the case reference at the top and "Page n / m" at the bottom of every page (page
/// margin boxes, which Chromium prints), each section on a new page, no row, message or picture split across two.
///
/// A conversation of 50,000 messages is laid out only when it scrolls into view (`content-visibility: auto` on each
/// thread): Chromium opens such a summary in under 3 s instead of 8 s here. Printing lays every thread out.
enum SummaryStyle {
    static func css(reference: String, pageLabel: String) -> String {
        """
        body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:0 auto;max-width:62em;padding:1em;color:#111;\
        background:#fff;line-height:1.45;overflow-wrap:anywhere}
        h1{font-size:1.6em;margin:.2em 0}
        h2{font-size:1.3em;border-bottom:2px solid #333;margin-top:1.6em}
        h3{font-size:1.1em;margin-top:1.4em}
        h4{font-size:1em;margin:.8em 0 .2em}
        a{color:#0645ad}
        table{border-collapse:collapse;width:100%;font-size:.9em}
        th,td{border:1px solid #777;padding:.3em .4em;text-align:left;vertical-align:top;overflow-wrap:break-word}
        th{background:#e6e6e6}
        code,.hash{font-family:"DejaVu Sans Mono",monospace;font-size:.85em;word-break:break-all}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f3f3;padding:.4em;font-size:.85em}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.5em 0}
        dt{font-weight:bold}
        dd{margin:0}
        .warn{color:#7a3e00;font-weight:bold}
        .muted{color:#444}
        .notice{border:2px solid #7a3e00;background:#fff6e0;padding:.6em}
        .sensitive{border:2px dashed #8b0000;color:#6b0000;padding:.5em;background:#fff}
        ol.thread{list-style:none;padding:0;margin:0;content-visibility:auto;contain-intrinsic-size:auto 100em}
        ol.thread li{border-bottom:1px solid #ccc;padding:.25em 0}
        ol.thread li.day{border:0}
        .t{color:#333}
        .x{white-space:pre-wrap}
        .app{color:#444;font-style:italic}
        .body{white-space:pre-wrap;border-left:3px solid #777;padding-left:.6em}
        .gallery{display:flex;flex-wrap:wrap;gap:1em}
        figure{margin:0;flex:1 1 16em;max-width:100%;border:1px solid #777;padding:.5em;box-sizing:border-box}
        figure img,li img{display:block;max-width:100%;height:auto;max-height:36em}
        li img{max-height:20em}
        figcaption{font-size:.9em}
        @media (max-width:40em){
        dl.facts{grid-template-columns:1fr}
        dd{margin-bottom:.3em}
        table.stack thead{position:absolute;left:-10000px}
        table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
        table.stack tr{border:1px solid #777;margin-bottom:.6em}
        table.stack td{border:0;border-bottom:1px solid #ddd}
        table.stack td::before{content:attr(data-label) ": ";font-weight:bold}
        }
        @page{size:A4;margin:16mm 12mm 16mm 12mm;\
        @top-left{content:\(SummaryHTML.cssString(reference));font-size:8pt;color:#333}\
        @bottom-right{content:\(SummaryHTML.cssString(pageLabel)) " " counter(page) " / " counter(pages);font-size:8pt;color:#333}}
        @media print{
        body{max-width:none;padding:0;font-size:10pt}
        section{break-before:page}
        ol.thread{content-visibility:visible}
        h2,h3,h4{break-after:avoid}
        tr,li,figure,dl,.sensitive{break-inside:avoid}
        a{color:inherit;text-decoration:none}
        nav{display:none}
        }

        """
    }
}
