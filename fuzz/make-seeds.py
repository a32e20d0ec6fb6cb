#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, fuzz/seeds/structure_text/ and fuzz/seeds/structure_html/.

A fuzz input is the options' bytes (as `FuzzOptions` in fuzz/src/lib.rs reads them with `arbitrary`:
integers little-endian, a bool is a byte's low bit, an Option a bool then the value, an f64 its bits)
followed by the text. Each seed carries the default options, then one of the texts below, all
written for this repo. Run: python3 fuzz/make-seeds.py (idempotent).
"""
import hashlib
import os
import struct

# Options::default(): summary None, 8 keyphrases, boilerplate and duplicates removed, threshold 0.8,
# 230 words and 500 CJK characters a minute, max_input_bytes None (the default, 16 MiB).
DEFAULTS = b"\x00" + struct.pack("<H", 8) + b"\x01\x01" + struct.pack("<ddd", 0.8, 230.0, 500.0) + b"\x00"

TEXT = {
    "news-page": """Home
World
Business
Sport
Sign in

Harbour Ferries Return After Three Winters
By Ada Lindqvist
March 3, 2021
Share

The harbour ferries are running again after three winters tied up at the old pier, and the first boat left at six in the morning with forty passengers.

Advertisement

Councillors approved the timetable in January. The service will cost less than the bridge tolls it replaces, the council said.

Why it matters

Residents of the islands have waited two hours for a bus since the ferries stopped.

"We have our mornings back," said one commuter.

Related stories
Bridge Tolls Rise Again
Island School Reopens

12 Comments
Reply
""",
    "markdown-post": """# Notes on Growing Tomatoes Indoors

*By R. Okafor, 2 May 2023*

## Light

Tomatoes want eight hours of strong light. A south window gives four in winter, so add a lamp.

- Use a full-spectrum lamp.
- Keep it 20 cm above the leaves.
- Run it on a timer.

## Water

Water when the top two centimetres are dry.

> Over-watering kills more seedlings than drought.

```
schedule = {"mon": 200, "thu": 200}
```

| week | height |
|---|---|
| 1 | 4 cm |
| 2 | 9 cm |
""",
    "wrapped-report": """ANNUAL REPORT 2024                                   Page 1

The committee met eleven times during the year and reviewed the
accounts of every district. Spending on roads rose by a tenth,
while spending on libraries stayed flat for the third year.

The committee recommends that the district councils publish
their accounts each quarter rather than once a year.

ANNUAL REPORT 2024                                   Page 2

Income from parking fell after the new bus lanes opened, and the
committee asks the councils to report the effect of each scheme
separately in future.

2
""",
    "doubled-headings": """Five Ways to Save Water
Five Ways to Save Water

1. Fix the Drips
1. Fix the Drips

A dripping tap wastes thousands of litres a year. Fixing it takes ten minutes.

"A dripping tap wastes thousands of litres a year."

2. Shorter Showers

Cutting a shower by two minutes saves more than a bath a week.

A dripping tap wastes thousands of litres a year. Fixing it takes ten minutes.
""",
    "japanese": """港の渡し船が三年ぶりに運航を再開

朝六時に最初の船が出港し、四十人の乗客が乗った。市議会は一月に時刻表を承認した。

島の住民は、渡し船が止まってから二時間バスを待っていた。「朝が戻ってきた」と通勤客の一人は話した。
""",
    "rtl-emoji-marks": """عودة العبارات إلى الميناء بعد ثلاثة شتاءات

عادت العبارات للعمل صباح اليوم، وغادر أول قارب في السادسة ومعه أربعون راكبًا.

שלום עולם — mixed ‏right-to-left‎ marks and ‮override‬ text.

Family: 👨‍👩‍👧‍👦 flags: 🇯🇵🇮🇳 skin: 👋🏽 keycap: 1️⃣
Zalgo: Z̷̢̛a̸͎͑l̴̰̈g̵̱̈́ỏ̶̳ and café vs cafe\u0301 and ﬁ ligature.
""",
    "control-chars": "Title\x00With NUL\r\nA line with\ttabs and \x0b vertical tab\r\rOld Mac ends\n\x1b[31mANSI red\x1b[0m\n\u2028line separator\u2029paragraph separator\n\ufeffBOM inside\n\x7f\x85 next line\n",
    "all-caps": """COUNCIL APPROVES NEW FERRY TIMETABLE

THE HARBOUR FERRIES WILL RUN EVERY HALF HOUR FROM MONDAY, THE COUNCIL SAID ON TUESDAY.

RESIDENTS WELCOMED THE NEWS. "WE HAVE WAITED THREE YEARS," ONE SAID.

KEY POINTS
- FERRIES EVERY 30 MINUTES
- FARES UNCHANGED
""",
}

HTML = {
    "news": """<!doctype html><html><head><title>Harbour Ferries Return | The Gazette</title>
<meta property="og:title" content="Harbour Ferries Return After Three Winters">
<meta name="author" content="Ada Lindqvist">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour Ferries Return","datePublished":"2021-03-03"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour Ferries Return After Three Winters</h1>
<p class="byline">By <a rel="author">Ada Lindqvist</a></p><time datetime="2021-03-03">March 3, 2021</time>
<p>The harbour ferries are running again after three winters tied up at the old pier, and the first boat left at six.</p>
<h2>Why it matters</h2><p>Residents of the islands have waited two hours for a bus since the ferries stopped, many said.</p>
<figure><img src="x.jpg"><figcaption>The first ferry leaves the pier.</figcaption></figure>
<blockquote>We have our mornings back.</blockquote>
<ul><li>Every half hour</li><li>Fares unchanged</li></ul>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Bridge tolls rise</a></li></ul></aside>
<footer>&copy; 2021 The Gazette</footer></body></html>
""",
    "hostile": """<p>Before<script>alert(1)</script><style>p{}</style><template><p>hidden</p></template>
<svg><desc><p>svg</p></desc></svg><math><mi>x</mi></math><iframe srcdoc="<p>x"></iframe>
<textarea><b>t</b></textarea><noscript><p>n</p></noscript><img src=x onerror=alert(1)>
<a href="javascript:alert(1)">link</a><!-- comment --><![CDATA[ cdata ]]><? pi ?>
&amp;&lt;&gt;&quot;&#39;&#x0;&#xD800;&#1114112;&notin;&notit;&AElig&#128512;</p>
<div hidden>hidden text</div><p style="display:none">none</p>
""",
    "table": """<table><caption>Fares</caption><thead><tr><th>Route<th>Price</thead>
<tbody><tr><td>North<td>2.50<tr><td>South<td rowspan=2>3.00<tr><td>East</tbody>
<tfoot><tr><td colspan=2>Prices in euros</table>
<table><tr><td><ul><li>nested list<li>in a cell</ul></td></tr></table>
""",
    "nesting": "<div>" * 60 + "<p>deep" + "<b><i>" * 30 + "text" + "</div>" * 10 + "<li><li><dd><dt><option><h1><h2>heads</h1></h2><p><p><table><p>in table</table>",
    "br-split": """<div>First paragraph of the story, with enough words to count as prose in the article.<br><br>
Second paragraph, after a double break, also long enough to be read as a paragraph of text.<br>
A single break continues it.<br><br><br>Third.</div><pre>  code
    kept   as is</pre>""",
    "fragment": """<b>Bold</b> start, <i>italic</i>, then text with no block element around it at all, just inline runs,
<span>spans</span> and a <a href="#x">link</a>. <p>A paragraph. <li>A stray item <h3>A heading in it</h3>""",
}


def write(target, name, text):
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds", target)
    os.makedirs(d, exist_ok=True)
    data = DEFAULTS + text.encode("utf-8")
    path = os.path.join(d, f"{name}-{hashlib.sha1(data).hexdigest()[:8]}")
    with open(path, "wb") as f:
        f.write(data)


for name, text in TEXT.items():
    write("structure_text", name, text)
for name, text in HTML.items():
    write("structure_html", name, text)
# The HTML target also starts from the text seeds (no markup: the fallback path) and vice versa.
write("structure_html", "plain-text", TEXT["news-page"])
write("structure_text", "html-as-text", HTML["news"])
