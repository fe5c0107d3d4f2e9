using System.Text;
using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>
/// The frame of every page: <c>lang</c>, a viewport for phones, one small inline stylesheet (no
/// script, no external file: the page is whole in one answer), a skip link, a header and the
/// <c>&lt;main&gt;</c>. Colours keep text at a contrast of 4.5:1 or more on their background.
/// </summary>
internal static class PageLayout
{
    private const string Style = """
        :root{color-scheme:light;--ink:#1a1a1a;--muted:#4d4d4d;--line:#c8c8c8;--link:#0645ad;--bg:#fff;--soft:#f3f4f6}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header,main,footer{max-width:80rem;margin:0 auto;padding:0 1rem}
        header{border-bottom:1px solid var(--line);padding-top:.75rem;padding-bottom:.75rem}
        header p{margin:0;color:var(--muted)}
        h1{font-size:1.6rem;margin:1rem 0 .25rem}
        h2{font-size:1.25rem;margin:2rem 0 .5rem}
        h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
        a{color:var(--link)}
        a:focus-visible,summary:focus-visible,.scroll:focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:1}
        .scroll{overflow-x:auto;margin:.5rem 0}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        th,td{padding:.4rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        .num,thead th,.badge,time{white-space:nowrap}
        .name{display:block;font-weight:400}
        thead th{background:var(--soft)}
        td.num,th.num{text-align:right}
        .muted{color:var(--muted)}
        .badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.875rem;font-weight:600;border:1px solid currentColor}
        .ok{color:#0b5d1e;background:#e7f5ea}
        .warning{color:#7a3e00;background:#fff1dc}
        .capped,.failed{color:#9b1111;background:#fdeaea}
        .bar{display:inline-block;width:6rem;height:.6rem;background:var(--soft);border:1px solid var(--line);vertical-align:middle;margin-right:.4rem}
        .bar span{display:block;height:100%;background:#1a4fd6}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.75rem;margin:.5rem 0;padding:0;list-style:none}
        .cards li{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem}
        .cards b{display:block;font-size:1.2rem}
        nav.pager ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
        nav.pager a,nav.pager span{display:inline-block;padding:.3rem .7rem;border:1px solid var(--line);border-radius:.3rem}
        nav.pager [aria-current]{font-weight:700;background:var(--soft)}
        svg{max-width:100%;height:auto;display:block}
        footer{color:var(--muted);font-size:.875rem;padding-top:2rem;padding-bottom:2rem}
        @media (max-width:40rem){
        h1{font-size:1.35rem}body{font-size:15px}.cards b{font-size:1.05rem}
        table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
        table.stack,table.stack tbody,table.stack tr{display:block}
        table.stack tr{border:1px solid var(--line);border-radius:.4rem;margin:.6rem 0;padding:.2rem .6rem}
        table.stack th,table.stack td{display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:1rem;border:0;padding:.2rem 0;text-align:right;overflow-wrap:anywhere}
        table.stack td::before,table.stack th::before{content:attr(data-label);font-weight:600;color:var(--muted);text-align:left}
        table.stack .name{display:inline}
        }
        """;

    /// <param name="title">The document's title and the page's <c>h1</c> (plain text).</param>
    /// <param name="subtitle">Plain text under the site name.</param>
    /// <param name="body">The content of <c>&lt;main&gt;</c> after the <c>h1</c>, as HTML.</param>
    public static string Render(string title, string subtitle, string body, DateTimeOffset asOf)
    {
        var html = new StringBuilder(body.Length + Style.Length + 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<title>").Append(E(title)).Append(" · Billing</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#content\">Skip to content</a>\n")
            .Append("<header><p><strong>Billing</strong> · ").Append(E(subtitle)).Append("</p></header>\n")
            .Append("<main id=\"content\">\n<h1>").Append(E(title)).Append("</h1>\n")
            .Append(body)
            .Append("</main>\n<footer>As of ").Append(TimeElement(asOf)).Append(" (business clock). Amounts in major units; read-only.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A table that scrolls sideways on a narrow screen, reachable and scrollable by keyboard.</summary>
    public static string Scroll(string label, string table) =>
        $"<div class=\"scroll\" role=\"region\" aria-label=\"{E(label)}\" tabindex=\"0\">{table}</div>\n";

    /// <summary>A page that refuses: a status, a title, one sentence, nothing of any customer.</summary>
    public static string Refusal(string title, string message) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + $"<meta name=\"robots\" content=\"noindex\">\n<title>{E(title)} · Billing</title>\n<style>{Style}</style>\n</head>\n<body>\n"
        + $"<main id=\"content\">\n<h1>{E(title)}</h1>\n<p>{E(message)}</p>\n</main>\n</body>\n</html>\n";
}
