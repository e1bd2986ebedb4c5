package dev.zoo.bench.report;

import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page under construction: one stylesheet, headings, definition lists,
 * tables and PNG images inlined as data URIs, so the page opens offline from anywhere.
 */
public final class HtmlPage {

    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;"
            + "max-width:1200px;padding:0 1em;color:#222}\n"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;"
            + "text-align:right}th{background:#f2f2f2}td:first-child,td:nth-child(2){text-align:left}\n"
            + ".failed{background:#fde8e8;border-left:4px solid #d62728;padding:.5em 1em;margin:1em 0}\n"
            + ".charts{display:flex;flex-wrap:wrap;gap:1em}.charts img{width:580px;max-width:100%;border:1px solid #ddd}\n"
            + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:600}\n";

    private final StringBuilder html = new StringBuilder();

    /** A page titled {@code title}, with that title as its first heading. */
    public HtmlPage(String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style></head><body>\n<h1>").append(escape(title))
                .append("</h1>\n");
    }

    public HtmlPage heading(String text) {
        html.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** Name, value, name, value ... as a definition list. */
    public HtmlPage facts(String... pairs) {
        html.append("<dl>");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            html.append("<dt>").append(escape(pairs[i])).append("</dt><dd>").append(escape(pairs[i + 1])).append("</dd>");
        }
        html.append("</dl>\n");
        return this;
    }

    /** A highlighted box for something that went wrong. */
    public HtmlPage failure(String text) {
        html.append("<div class=\"failed\">").append(escape(text)).append("</div>\n");
        return this;
    }

    public HtmlPage table(String caption, List<String> header, List<List<String>> rows) {
        heading(caption);
        html.append("<table><tr>");
        header.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        return this;
    }

    /** The PNG images, inlined, side by side where the window is wide enough; {@code alts[i]} describes image i. */
    public HtmlPage images(List<byte[]> pngs, List<String> alts) {
        html.append("<div class=\"charts\">\n");
        for (int i = 0; i < pngs.size(); i++) {
            html.append("<img alt=\"").append(escape(alts.get(i))).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(pngs.get(i))).append("\">\n");
        }
        html.append("</div>\n");
        return this;
    }

    /** The finished page. */
    public String html() {
        return html + "</body></html>\n";
    }

    public static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
