//! The golden test: the built-in sample (the repo's copy of the article this project started from)
//! comes out exactly as `india-japan-alliance.expected.md` describes it.

use article_structurer::{structure, BlockKind, Options, RemovedReason};

const SAMPLE: &str = include_str!("../assets/sample.txt");

#[test]
fn sample_comes_out_as_expected() {
    let a = structure(SAMPLE, &Options::default());

    let title = a.title.as_ref().expect("a title");
    assert_eq!(title.lines, [1, 1]);
    assert_eq!(title.text, "India and Japan Forge Transformative Strategic Alliance Across AI and Defence");

    let kp = a.key_points.as_ref().expect("key points");
    assert_eq!(kp.label.as_ref().map(|l| l.lines), Some([2, 2]), "the label line is a label, not content");
    assert_eq!(kp.items.iter().map(|i| i.lines[0]).collect::<Vec<_>>(), [3, 4, 5, 6, 7]);
    assert!(kp.items[0].text.starts_with("Prime Minister Narendra Modi"), "markers are stripped: {}", kp.items[0].text);

    // The lead, then four sections with their paragraphs and captions in place.
    type Outline = Vec<(Option<u32>, Vec<(BlockKind, u32)>)>;
    let outline: Outline = a
        .sections
        .iter()
        .map(|s| (s.heading.as_ref().map(|h| h.lines[0]), s.blocks.iter().map(|b| (b.kind, b.lines[0])).collect()))
        .collect();
    use BlockKind::{Caption, Paragraph};
    assert_eq!(
        outline,
        vec![
            (None, vec![(Paragraph, 8)]),
            (Some(10), vec![(Paragraph, 11), (Caption, 12), (Paragraph, 14)]),
            (Some(15), vec![(Paragraph, 17), (Caption, 18), (Paragraph, 19)]),
            (Some(21), vec![(Paragraph, 22), (Paragraph, 23)]),
            (Some(24), vec![(Paragraph, 25)]),
        ]
    );
    let headings: Vec<&str> = a.sections.iter().filter_map(|s| s.heading.as_ref()).map(|h| h.text.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Strategic Alignment for Future Security",
            "Navigating Complex Technological Landscapes",
            "Institutionalizing the Bilateral Growth Roadmap",
            "Global Implications of Strategic Cooperation"
        ]
    );

    let tk = a.takeaways.as_ref().expect("takeaways");
    assert_eq!(tk.label.as_ref().map(|l| l.lines), Some([26, 26]));
    assert_eq!(tk.items.iter().map(|i| i.lines[0]).collect::<Vec<_>>(), [27, 28]);

    // The four heading copies are removed, each pointing at the copy that was kept.
    let removed: Vec<(u32, Option<[u32; 2]>)> = a.removed.iter().map(|r| (r.lines[0], r.duplicate_of)).collect();
    assert_eq!(removed, [(9, Some([10, 10])), (13, Some([15, 15])), (16, Some([21, 21])), (20, Some([24, 24]))]);
    assert!(a.removed.iter().all(|r| matches!(r.reason, RemovedReason::Duplicate | RemovedReason::MisplacedHeading)));
    assert_eq!(a.stats.duplicates_removed, 4);
    assert_eq!(a.stats.boilerplate_removed, 0);
}
