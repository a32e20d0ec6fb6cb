//! The HTML path (`InputFormat::Html`, `structure --html`) on the repo's own fixtures: a news page,
//! a blog post with JSON-LD, a figure, a table and code, hostile markup, generated hostile inputs
//! and generated documents (nothing visible is lost). None of this reads `../shared`.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency (Cargo.toml)

mod common;

use article_structurer::{render, structure, Article, BlockKind, Format, InputFormat, Options, RemovedReason};
use proptest::prelude::*;

fn html_options() -> Options {
    Options { input: InputFormat::Html, ..Options::default() }
}

fn fixture(name: &str) -> String {
    common::fixture(&format!("html/{name}"))
}

/// Every piece of body text, in reading order, with its kind.
fn body(a: &Article) -> Vec<(BlockKind, String)> {
    a.sections.iter().flat_map(|s| s.blocks.iter().map(|b| (b.kind, b.text.clone()))).collect()
}

fn headings(a: &Article) -> Vec<(String, u8)> {
    a.sections.iter().filter_map(|s| s.heading.as_ref().map(|h| (h.text.clone(), s.level))).collect()
}

fn removed_with(a: &Article, reason: RemovedReason) -> Vec<String> {
    a.removed.iter().filter(|r| r.reason == reason).map(|r| r.text.clone()).collect()
}

#[test]
fn a_news_page_comes_out_as_its_article() {
    let a = structure(&fixture("news-page.html"), &html_options());
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("Harbour Town Votes to Reopen Its Old Canals"));
    assert_eq!(a.byline.as_ref().map(|t| t.text.as_str()), Some("By Mara Ellison"));
    assert_eq!(a.published.as_ref().map(|t| t.text.as_str()), Some("18 April 2024"));
    assert_eq!(headings(&a), [("A long campaign".to_string(), 2), ("What the money buys".to_string(), 3)]);
    let b = body(&a);
    let kinds: Vec<BlockKind> = b.iter().map(|(k, _)| *k).collect();
    use BlockKind::*;
    assert_eq!(kinds, [Paragraph, Paragraph, Caption, Paragraph, Paragraph, List, Quote, Paragraph], "{b:#?}");
    assert!(b[0].1.starts_with("The town council voted late on Wednesday"));
    assert_eq!(b[2].1, "The filled-in canal under the market square, photographed in 1911.");
    let list = &a.sections[2].blocks[0];
    assert_eq!(list.items.len(), 3);
    assert_eq!(list.items[1], "A pumping station to keep the water moving in summer");
    // Page chrome is left out with its reason, and kept for the user to restore.
    let boiler = removed_with(&a, RemovedReason::Boilerplate);
    for t in ["Home", "Sport", "Advertisement", "Share Tweet Email", "Privacy policy", "Accept all"] {
        assert!(boiler.iter().any(|r| r == t), "{t} not removed as boilerplate: {boiler:?}");
    }
    assert!(boiler.iter().any(|r| r.starts_with("HIDDEN TEXT")));
    assert!(boiler.iter().any(|r| r.starts_with("We use cookies")));
    let related = removed_with(&a, RemovedReason::Related);
    assert!(related.contains(&"Market quarter wins heritage grant".to_string()), "{related:?}");
    let comments = removed_with(&a, RemovedReason::Comments);
    assert_eq!(comments.len(), 3, "{comments:?}");
    // Scripts and styles are not text.
    let json = a.to_json();
    for t in ["SCRIPT TEXT", "STYLE TEXT", "WRITTEN BY SCRIPT", "window.analytics"] {
        assert!(!json.contains(t), "{t} leaked into the article");
    }
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert!(!a.summary.sentences.is_empty());
}

#[test]
fn lines_are_lines_of_the_html_source() {
    let src = fixture("news-page.html");
    let lines = common::input_lines(&src);
    let a = structure(&src, &html_options());
    for (range, what) in common::spans(&a) {
        assert!(range[0] >= 1 && range[0] <= range[1] && range[1] as usize <= lines.len(), "{what} {range:?}");
    }
    // Each paragraph's first words stand on its first line of source.
    for s in &a.sections {
        for b in &s.blocks {
            if b.kind == BlockKind::Paragraph {
                let head: String = b.text.split(' ').take(3).collect::<Vec<_>>().join(" ");
                assert!(lines[b.lines[0] as usize - 1].contains(&head), "{head:?} not on line {}", b.lines[0]);
            }
        }
    }
    let title = a.title.as_ref().map(|t| t.lines[0]).unwrap_or(0) as usize;
    assert!(lines[title - 1].contains("<h1>"));
}

#[test]
fn a_blog_post_takes_its_metadata_from_json_ld() {
    let a = structure(&fixture("blog-post.html"), &html_options());
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("Sourdough at Altitude"));
    assert_eq!(a.byline.as_ref().map(|t| t.text.as_str()), Some("Jonas Whitlock"));
    assert_eq!(a.published.as_ref().map(|t| t.text.as_str()), Some("2023-11-02"));
    assert_eq!(headings(&a), [("Feeding the starter".to_string(), 3), ("The numbers I use".to_string(), 3)]);
    let b = body(&a);
    let table = b.iter().position(|(k, _)| *k == BlockKind::Table).expect("a table");
    let t = &a.sections.iter().flat_map(|s| &s.blocks).nth(table).expect("table block");
    assert_eq!(
        t.items,
        [
            "Ingredient\tSea level\tAt 2,000 m",
            "Flour\t500 g\t500 g",
            "Water\t350 g\t375 g",
            "Bulk proof\t5 h\t3 h 20 min"
        ]
    );
    assert!(b.iter().any(|(k, t)| *k == BlockKind::Code && t.contains("    return {k: round(v * factor)")));
    assert!(b.iter().any(|(k, t)| *k == BlockKind::Caption && t.starts_with("The crumb after")));
    assert!(b.iter().any(|(k, t)| *k == BlockKind::Caption && t == "Dough weights for one loaf"), "{b:#?}");
    assert!(b.iter().any(|(k, t)| *k == BlockKind::Quote && t.starts_with("Bake by the dough")));
    assert!(b.iter().any(|(k, t)| *k == BlockKind::List && t.contains("Mix with cooler water")));
    // The sidebar and the share widget are not article.
    let text: String = b.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
    for t in ["Archives", "October 2023", "two thousand metres", "Share this", "Powered by"] {
        assert!(!text.contains(t), "{t} is in the article");
    }
}

#[test]
fn hostile_markup_stays_inert_text() {
    let a = structure(&fixture("hostile.html"), &html_options());
    let json = a.to_json();
    for marker in [
        "script-one",
        "onerror-two",
        "svg-three",
        "svg-script",
        "iframe-four",
        "href-five",
        "noscript-seven",
        "evil.invalid",
        "textarea-nine",
        "template-ten",
        "alert(11)",
        "alert(12)",
        "comment-14",
        "svg title text",
    ] {
        assert!(!json.contains(marker), "{marker} reached the article");
    }
    let text: Vec<String> = body(&a).into_iter().map(|(_, t)| t).collect();
    let all = text.join("\n");
    assert!(all.contains("Before the storm the harbour was calm"), "{all}");
    assert!(all.contains("<script>alert('escaped')</script> stays as characters"), "{all}");
    assert!(all.contains("deep in nested tables the text still reads"), "{all}");
    assert!(all.contains("span text keeps going into the next words"), "{all}");
    assert!(all.contains("entities \u{1F600}"), "{all}");
    assert!(!all.contains("hidden paragraph"), "{all}");
    // CDATA outside SVG is a bogus comment up to the first `>`: what follows is text, as browsers
    // show it, and the end tag after it closes nothing.
    assert!(all.contains("alert('cdata-13') ]]>"), "{all}");
    // Rendered as a standalone HTML page, the escaped text stays escaped.
    let page = render(&a, Format::Html);
    assert!(!page.contains("<script>alert"), "markup in the rendered page");
}

/// Inputs built to hurt a parser: deep nesting, floods of one construct, unterminated states.
fn generated_hostile_inputs() -> Vec<(&'static str, String)> {
    let big = 200_000;
    vec![
        ("deep divs", "<div>".repeat(50_000) + "text at the bottom of a very deep tree of divs"),
        ("deep mixed", "<div><span><ul><li><table><tr><td><p><b>".repeat(5_000)),
        ("link flood", "<a href=x>".repeat(30_000) + "words"),
        ("list flood", "<li>item ".repeat(30_000)),
        ("table flood", "<table><tr><td>".repeat(10_000)),
        ("end tag flood", "<div>".repeat(400) + &"</span>".repeat(50_000)),
        ("heading flood", "<h1><h2><h3>".repeat(10_000)),
        ("angle brackets", "<".repeat(big)),
        ("unterminated script", format!("<script>{}", "var x = '</scr' + 'ipt>'; ".repeat(10_000))),
        ("unterminated comment", format!("<!--{}", "<p>not text</p>".repeat(10_000))),
        ("unterminated attribute", format!("<p title=\"{}", "x".repeat(big))),
        ("huge attribute", format!("<p class=\"{}\">text</p>", "ad ".repeat(50_000))),
        ("entity flood", "&amp;&#x41;&#99999999;&notanentity;&".repeat(20_000)),
        ("nulls and controls", "<p>\0\u{1}\u{7f}\u{202e}text\u{feff}</p>".repeat(5_000)),
        ("svg soup", "<svg><foreignObject><p>x<math><mi><svg>".repeat(5_000)),
        ("raw text tags", "<title><textarea><style><xmp><noscript><plaintext>".repeat(100)),
        ("json-ld bomb", format!("<script type=\"application/ld+json\">{}</script>", "[".repeat(100_000))),
        ("json-ld huge graph", {
            let items: Vec<String> = (0..5_000).map(|i| format!("{{\"@type\":\"Thing\",\"name\":\"n{i}\"}}")).collect();
            format!("<script type=\"application/ld+json\">{{\"@graph\":[{}]}}</script><p>x</p>", items.join(","))
        }),
        ("br flood", "<p>".to_string() + &"a<br>".repeat(50_000)),
        ("only whitespace", " \n\t\r\n ".repeat(10_000)),
        ("empty", String::new()),
    ]
}

#[test]
fn generated_hostile_inputs_give_an_article() {
    for (name, input) in generated_hostile_inputs() {
        let a = structure(&input, &html_options());
        assert_eq!(a.schema, 1, "{name}");
        let lines = common::input_lines(&input).len().max(1);
        for (range, what) in common::spans(&a) {
            assert!(range[0] >= 1 && range[1] as usize <= lines, "{name}: {what} {range:?} beyond {lines} lines");
        }
        let _ = render(&a, Format::Html);
    }
}

#[test]
fn text_without_markup_falls_back_to_the_text_path() {
    let text = common::fixture("news-page.txt");
    let a = structure(&text, &html_options());
    assert_eq!(a.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["html-not-found"]);
    let plain = structure(&text, &Options::default());
    assert_eq!(a.sections, plain.sections);
    assert_eq!(a.title, plain.title);
}

#[test]
fn markup_without_text_falls_back_with_a_diagnostic() {
    let a = structure("<div>\n<script>run()</script>\n<img src=x>\n</div>\n", &html_options());
    assert_eq!(a.diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), ["html-no-article"]);
    assert!(a.sections.is_empty());
}

#[test]
fn a_pasted_fragment_is_all_article() {
    // What a browser puts on the clipboard for a selection: a fragment, no page around it.
    let frag = "<meta charset='utf-8'><h2 style=\"color: rgb(0, 0, 0);\">Tide tables</h2><p>High water comes \
                fifty minutes later each day.</p><ul><li>Spring tides</li><li>Neap tides</li></ul>";
    let a = structure(frag, &html_options());
    assert_eq!(headings(&a), [("Tide tables".to_string(), 2)]);
    let b = body(&a);
    assert_eq!(b.len(), 2, "{b:?}");
    assert_eq!(b[1].1, "Spring tides\nNeap tides");
}

#[test]
fn boilerplate_is_kept_when_the_option_says_so() {
    let options = Options { remove_boilerplate: false, ..html_options() };
    let a = structure(&fixture("news-page.html"), &options);
    let text: String = body(&a).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
    assert!(text.contains("Weather") && text.contains("About time too"), "{text}");
    assert!(!text.contains("SCRIPT TEXT"));
}

/// A generated document: text blocks in common containers, some in chrome.
fn document() -> impl Strategy<Value = (String, Vec<String>)> {
    let word = "[a-z]{3,9}";
    let text = prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "));
    let block = (0usize..9, text);
    prop::collection::vec(block, 1..25).prop_map(|blocks| {
        let mut html = String::from("<html><head><title>t</title></head><body>\n");
        let mut words = Vec::new();
        for (i, (kind, t)) in blocks.into_iter().enumerate() {
            // A unique word per block, so that dedup keeps or reports each.
            let t = format!("w{i}x {t}");
            words.push(format!("w{i}x"));
            let piece = match kind {
                0 => format!("<p>{t}</p>"),
                1 => format!("<h2>{t}</h2>"),
                2 => format!("<ul><li>{t}</li></ul>"),
                3 => format!("<div class=\"content\"><p>{t}, and more, and more.</p></div>"),
                4 => format!("<nav><a href=x>{t}</a></nav>"),
                5 => format!("<aside><p>{t}</p></aside>"),
                6 => format!("<blockquote>{t}</blockquote>"),
                7 => format!("<div style=\"display:none\">{t}</div>"),
                _ => format!("<pre>{t}</pre>"),
            };
            html.push_str(&piece);
            html.push('\n');
        }
        html.push_str("</body></html>\n");
        (html, words)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Nothing visible is lost: every block's text ends up in the article or in `removed`.
    #[test]
    fn nothing_visible_is_lost((html, words) in document()) {
        let a = structure(&html, &html_options());
        let mut seen = String::new();
        for s in [&a.title, &a.byline, &a.published].into_iter().flatten() {
            seen.push_str(&s.text);
            seen.push('\n');
        }
        for s in &a.sections {
            if let Some(h) = &s.heading {
                seen.push_str(&h.text);
                seen.push('\n');
            }
            for b in &s.blocks {
                seen.push_str(&b.text);
                seen.push('\n');
            }
        }
        for r in &a.removed {
            seen.push_str(&r.text);
            seen.push('\n');
        }
        for w in &words {
            prop_assert!(seen.contains(w.as_str()), "{} lost from {}", w, html);
        }
    }
}

#[test]
fn an_article_split_by_widgets_is_read_whole() {
    const TOPICS: [&str; 5] = [
        "the river rose overnight, and the ferry stopped running before dawn",
        "fishermen moved their boats to the inner basin, away from the swell",
        "the council opened the school hall for families from the lower streets",
        "by noon the water had reached the market, where traders stacked sandbags",
        "engineers said the new gates held, although the old quay wall gave way",
    ];
    let para = |n: usize| {
        format!(
            "<p>Paragraph {n} of the story: {}, and witnesses said so at length, in their own words.</p>",
            TOPICS[n - 1]
        )
    };
    let html = format!(
        "<body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article>\
         <div class=\"story-part\"><div class=\"story-text\">{}</div></div>\
         <div class=\"most-read\"><h2>Most read</h2><ul><li><a href=/a>Another story entirely</a></li>\
         <li><a href=/b>And one more story</a></li></ul></div>\
         <div class=\"story-part\"><div class=\"story-text\">{}{}{}{}</div></div>\
         </article></body>",
        para(1),
        para(2),
        para(3),
        para(4),
        para(5)
    );
    let a = structure(&html, &html_options());
    let text: Vec<String> = body(&a).into_iter().map(|(_, t)| t).collect();
    assert_eq!(text.len(), 5, "{text:#?}");
    assert!(text[0].starts_with("Paragraph 1 of the story"));
    let related = removed_with(&a, RemovedReason::Related);
    assert!(related.contains(&"Another story entirely".to_string()), "{related:?}");
}

/// Soup made of the pieces HTML parsers trip over.
fn soup() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "<!--",
        "-->",
        "--!>",
        "<!",
        "<?",
        "&",
        "&amp",
        "&amp;",
        "&#",
        "&#x",
        "&#1234;",
        "&notin",
        ";",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "\t",
        "\0",
        "p",
        "div",
        "li",
        "ul",
        "table",
        "td",
        "tr",
        "script",
        "style",
        "title",
        "textarea",
        "svg",
        "math",
        "plaintext",
        "a",
        "h2",
        "pre",
        "br",
        "<p>",
        "<li>",
        "<td>",
        "<script>",
        "</script>",
        "<style>",
        "<svg>",
        "</svg>",
        "<![CDATA[",
        "]]>",
        "<table>",
        "<title>",
        "<pre>",
        "hidden",
        "class=comment",
        "style=display:none",
        "word",
        "Ünïcødé",
        "\u{202e}",
        "\u{1F600}",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any soup: no panic, an Article, lines within the input, deterministic.
    #[test]
    fn any_soup_gives_an_article(html in soup()) {
        let a = structure(&html, &html_options());
        prop_assert_eq!(a.schema, 1);
        let lines = common::input_lines(&html).len().max(1);
        for (range, what) in common::spans(&a) {
            prop_assert!(range[0] >= 1 && range[0] <= range[1] && range[1] as usize <= lines, "{} {:?}", what, range);
        }
        prop_assert_eq!(a, structure(&html, &html_options()));
    }
}

#[test]
fn key_points_and_takeaways_come_from_labelled_lists() {
    let html = "<article><h1>Tides Explained</h1><h2>Key points</h2><ul><li>The moon pulls the sea.</li>\
                <li>Two tides a day, mostly.</li></ul><p>The tide is the rise and fall of the sea, and it \
                follows the moon more than the sun, which is why it shifts by about fifty minutes a day.</p>\
                <p>Harbours publish tables of the times, worked out years ahead from the orbits involved.</p>\
                <h3>Key takeaways</h3><ol><li>Check the table before you sail.</li><li>Spring tides run \
                strongest.</li></ol></article>";
    let a = structure(html, &html_options());
    let kp = a.key_points.as_ref().expect("key points");
    assert_eq!(kp.label.as_ref().map(|l| l.text.as_str()), Some("Key points"));
    assert_eq!(
        kp.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
        ["The moon pulls the sea.", "Two tides a day, mostly."]
    );
    let tk = a.takeaways.as_ref().expect("takeaways");
    assert_eq!(tk.items.len(), 2);
    assert_eq!(body(&a).len(), 2, "{:#?}", body(&a));
}

#[test]
fn a_standfirst_beside_the_body_is_kept() {
    let html = "<body><div class=\"wrap\"><div class=\"standfirst\">The harbour will reopen next spring after two \
                years of works, the port authority said on Monday, ending a long wait for the fishing fleet.</div>\
                <div class=\"body\"><p>Work on the new breakwater began in the spring of last year, after storms had \
                damaged the old wall beyond repair, and it has run to time.</p><p>The fleet moved to a neighbouring \
                port during the works, which added an hour to every trip, and skippers said the cost was heavy.</p>\
                <p>The authority said the new wall would stand up to storms of a kind that, until recently, came once \
                in fifty years, and now come more often.</p></div></div></body>";
    let a = structure(html, &html_options());
    let text: Vec<String> = body(&a).into_iter().map(|(_, t)| t).collect();
    assert_eq!(text.len(), 4, "{text:#?}");
    assert!(text[0].starts_with("The harbour will reopen next spring"));
}

// Issue 13's reproducers on the HTML path, each named after what it pins.

fn html_article(input: &str) -> article_structurer::Article {
    article_structurer::structure(
        input,
        &article_structurer::Options { input: article_structurer::InputFormat::Html, ..Default::default() },
    )
}

fn body_texts(a: &article_structurer::Article) -> String {
    a.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text.as_str()).collect::<Vec<_>>().join(" | ")
}

#[test]
fn html_inside_svg_and_math_that_browsers_show_is_not_lost() {
    let prose = "Visible text that a browser shows, long enough to be a paragraph of the article.";
    for doc in [
        format!("<svg><p>{prose}</p></svg>"),
        format!("<svg><b>{prose}</b></svg>"),
        format!("<svg><foreignObject><p>{prose}</p></foreignObject></svg>"),
        format!("<math><mi><p>{prose}</p></mi></math>"),
        format!("<svg><foreignObject>{prose}</foreignObject></svg>"),
    ] {
        let a = html_article(&doc);
        assert!(body_texts(&a).contains("Visible text that a browser shows"), "{doc}: {a:?}");
    }
    // Drawing text stays out, as before.
    let a = html_article(&format!("<p>{prose}</p><svg><text>label of a chart</text></svg>"));
    assert!(!body_texts(&a).contains("label of a chart"));
}

#[test]
fn a_page_whose_article_is_in_noscript_is_read_with_its_title() {
    let doc = "<html><head><title>Harbour Ferries Return</title><meta property=\"og:title\" content=\"Harbour Ferries Return\">\
               </head><body><div id=app></div><noscript><article><h1>Harbour Ferries Return</h1><p>The harbour ferries are \
               running again after three winters tied up at the old pier, and the first boat left at six.</p></article>\
               </noscript></body></html>";
    let a = html_article(doc);
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("Harbour Ferries Return"));
    assert!(body_texts(&a).contains("The harbour ferries are running again"), "{a:?}");
}

#[test]
fn a_tag_cut_off_by_the_end_is_not_read_as_text() {
    let a = html_article("<p title=\"<script>alert(1)</script>");
    let shown = format!("{:?} {}", a.title, body_texts(&a));
    assert!(!shown.contains("<script>") && !shown.contains("<p"), "{shown}");
}

#[test]
fn json_ld_strings_have_their_character_references_decoded() {
    let doc = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"The Ferries&#x27; Return &amp; More\"}</script>\
               <p>The harbour ferries are running again after three winters tied up at the old pier, and the first boat left.</p>";
    let a = html_article(doc);
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("The Ferries' Return & More"));
}
