//! Stage 6: the extractive summary, per-section gists, keyphrases, stats and language.
//!
//! Runs on the finished [`Article`]: only the prose of its sections (paragraphs and list items) can
//! be picked, so boilerplate, headings, captions and removed text never reach the summary.
//!
//! Sentences (from [`sentences`]) become bags of stemmed content terms ([`lang`]: stop words out,
//! Snowball stems; character bigrams for Chinese and Japanese). Sentence similarity is TF-IDF
//! cosine, computed sparsely through an inverted index of terms: each sentence meets only the
//! sentences that share a term with it, and for a term that occurs in many sentences only its
//! [`NEIGHBOURS`] nearest occurrences, so the cost grows linearly with the text. A sentence scores
//! by
//! - centrality: its similarity to the sentences after it (what the article goes on to develop)
//!   and, at a lower weight, before it;
//! - position: earlier sentences weigh more (news and reports state their point first), and a
//!   section's first sentence gets a share of that weight too;
//! - overlap with the title and with its section's heading.
//!
//! The K best are taken greedily, skipping any too similar to one already taken, and shown in
//! reading order. K is `Options::summary_sentences` (1 to 10) or grows with the square root of the
//! article's length.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::core::article::{Article, BlockKind, SummarySentence};
use crate::core::keyphrases;
use crate::core::lang::{self, Lang, Script, StemMemo};
use crate::core::options::Options;
use crate::core::sentences;

/// For a term found in many sentences, each occurrence is linked to this many next occurrences.
pub const NEIGHBOURS: usize = 24;
/// Sentences at least this similar to one already picked are left out of the summary.
const REDUNDANT: f64 = 0.5;
/// The title's and each heading's first this many distinct terms count for overlap (a title or
/// heading of a megabyte would otherwise be compared with every sentence).
const OVERLAP_TERMS_MAX: usize = 64;
/// Weights of the score's parts (they sum to 1). Position dominates, as in every study of news and
/// report summarization (the lead is hard to beat); centrality, title and heading overlap decide
/// between sentences of similar position and promote a later sentence that the rest of the text
/// keeps returning to.
const W_POSITION: f64 = 0.6;
const W_CENTRALITY: f64 = 0.2;
const W_TITLE: f64 = 0.15;
const W_HEADING: f64 = 0.05;
/// Keyphrases are read from the title and at most this many first sentences: word statistics have
/// long settled by then (2,000 sentences is some 40,000 words), and a book-length paste then costs
/// no more than a long article.
const KEYPHRASE_MAX_SENTENCES: usize = 2000;
/// ...and at most this many bytes of them (2,000 sentences of 200 bytes): one sentence can be a
/// megabyte long (a paragraph with no full stop), and the candidates' tables grow with what is read.
const KEYPHRASE_MAX_BYTES: usize = 400_000;
/// Weight of similarity to earlier sentences, relative to later ones.
const BACKWARD: f64 = 0.3;

/// The sentences keyphrases are read from: the first [`KEYPHRASE_MAX_SENTENCES`], and no more than
/// [`KEYPHRASE_MAX_BYTES`] of them (the last one cut after a word).
fn keyphrase_texts<'a>(sentences: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut budget = KEYPHRASE_MAX_BYTES;
    for s in sentences.take(KEYPHRASE_MAX_SENTENCES) {
        if s.len() <= budget {
            budget -= s.len();
            out.push(s);
            continue;
        }
        let mut cut = budget;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &s[..cut];
        let head = head.rfind(char::is_whitespace).map_or(head, |k| &head[..k]);
        if !head.is_empty() {
            out.push(head);
        }
        break;
    }
    out
}

/// A sentence of the article's body.
pub(crate) struct Sent<'a> {
    pub section: usize,
    pub block: usize,
    /// Byte range in the block's text.
    pub range: Range<usize>,
    pub text: &'a str,
    /// Whether it may be picked (prose, long enough).
    pub eligible: bool,
    /// Term ids with their counts.
    pub terms: Vec<(u32, u32)>,
}

/// Fills `article.summary`, `article.stats.{words, sentences, reading_minutes}` and
/// `article.language` (when it is still "und"). Never panics.
pub fn summarize(article: &mut Article, options: &Options) {
    let lang = if article.language == "und" || article.language.is_empty() {
        let detected = lang::detect(&body_sample(article));
        article.language = detected.code().to_string();
        detected
    } else {
        Lang::from_code(&article.language)
    };

    let (other_words, other_cjk, other_sentences) = count_body(article, lang);

    let result = {
        // One memo of stems for the whole call: the summary's terms and the keyphrases share it.
        let mut stems = StemMemo::new(lang);
        let doc = Doc::build(article, &mut stems);
        let n_sentences = other_sentences + doc.sents.len();
        let k = match options.summary_sentences {
            Some(k) => k.clamp(1, 10),
            None => auto_k(doc.eligible_count()),
        };
        let scores = doc.scores();
        let picked = doc.pick(&scores, k);
        let gists = doc.gists(&scores);
        let texts = keyphrase_texts(doc.sents.iter().filter(|s| s.eligible).map(|s| s.text));
        let title = article.title.as_ref().map(|t| t.text.as_str());
        let keys = keyphrases::extract_with(&texts, title, options.keyphrases.clamp(1, 20), &mut stems);
        let to_out = |i: usize| {
            let s = &doc.sents[i];
            let lines =
                article.sections.get(s.section).and_then(|sec| sec.blocks.get(s.block)).map_or([0, 0], |b| b.lines);
            SummarySentence {
                text: s.text.to_string(),
                section: s.section,
                block: s.block,
                range: [s.range.start, s.range.end],
                lines,
            }
        };
        (
            picked.into_iter().map(to_out).collect::<Vec<_>>(),
            gists.into_iter().map(to_out).collect::<Vec<_>>(),
            keys,
            n_sentences,
            (other_words + doc.words, other_cjk + doc.cjk_chars),
        )
    };
    let (words, cjk_chars) = result.4;
    article.stats.words = words + cjk_chars;
    let minutes =
        words as f64 / options.words_per_minute.max(1.0) + cjk_chars as f64 / options.cjk_chars_per_minute.max(1.0);
    article.stats.reading_minutes = (minutes * 10.0).round() / 10.0;
    article.stats.sentences = result.3;
    article.summary.sentences = result.0;
    article.summary.gists = result.1;
    article.summary.keywords = result.2;
}

/// The number of summary sentences for an article with `n` candidate sentences.
fn auto_k(n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    (((n as f64).sqrt() / 1.5).ceil() as usize).clamp(1, 10).min(n)
}

/// Up to 8 KB of the body, for language detection.
fn body_sample(article: &Article) -> String {
    let mut s = String::new();
    if let Some(t) = &article.title {
        s.push_str(&t.text);
        s.push('\n');
    }
    for b in article.sections.iter().flat_map(|sec| sec.blocks.iter()) {
        if s.len() > 8 * 1024 {
            break;
        }
        if matches!(b.kind, BlockKind::Paragraph | BlockKind::List | BlockKind::Quote) {
            s.push_str(&b.text);
            s.push('\n');
        }
    }
    s
}

/// Words (spaced scripts), CJK characters and sentences of the body: key points, sections and
/// takeaways. Code and tables count for words but not sentences; paragraphs and lists are counted
/// by [`Doc::build`], which splits them anyway.
fn count_body(article: &Article, lang: Lang) -> (usize, usize, usize) {
    let (mut words, mut cjk, mut sents) = (0usize, 0usize, 0usize);
    let mut add = |text: &str, prose: bool| {
        let (w, c) = word_counts(text);
        words += w;
        cjk += c;
        if prose {
            sents += sentences::split_lang(text, lang).len();
        }
    };
    for callout in article.key_points.iter().chain(article.takeaways.iter()) {
        for item in &callout.items {
            add(&item.text, true);
        }
    }
    for b in article.sections.iter().flat_map(|s| s.blocks.iter()) {
        match b.kind {
            BlockKind::Paragraph | BlockKind::List => {}
            BlockKind::Code | BlockKind::Table => add(&b.text, false),
            _ => add(&b.text, true),
        }
    }
    (words, cjk, sents)
}

/// Content terms of `text`: stems of the words that are not stop words (single letters and pure
/// punctuation left out), and character bigrams of Chinese and Japanese runs.
pub(crate) fn terms<'t>(text: &'t str, stems: &mut StemMemo<'t>, mut emit: impl FnMut(&str)) {
    scan_terms(text, |piece| match piece {
        Piece::Word(w) => {
            if let Some(t) = word_term(stems, w) {
                emit(t);
            }
        }
        Piece::Bigram(b) => emit(b),
    });
}

/// What [`scan_terms`] meets: a word of a spaced script, or a bigram of CJK characters.
pub(crate) enum Piece<'t, 'b> {
    Word(&'t str),
    Bigram(&'b str),
}

/// The term of one word of a spaced script: its stem, unless it is a stop word, a single letter or
/// a small number, or stems to a stop word.
pub(crate) fn word_term<'m, 't>(stems: &'m mut StemMemo<'t>, w: &'t str) -> Option<&'m str> {
    let lang = stems.lang();
    if w.chars().count() < 2 || lang::is_stopword(lang, w) {
        return None;
    }
    if !w.chars().any(char::is_alphabetic) && w.len() < 4 {
        return None; // small numbers carry little
    }
    let (st, stop) = stems.stem(w);
    (!stop).then_some(st)
}

/// The words of `text` (for [`word_term`]) and its CJK bigrams, in order.
pub(crate) fn scan_terms<'t>(text: &'t str, mut emit: impl FnMut(Piece<'t, '_>)) {
    let mut prev_cjk: Option<char> = None;
    let mut prev_end = usize::MAX;
    let mut buf = String::new();
    for (start, w) in lang::word_indices(text) {
        let mut chars = w.chars();
        let first = chars.next().unwrap_or(' ');
        let is_cjk_word = lang::script_of(first).is_some_and(Script::is_unspaced);
        if is_cjk_word {
            // Consecutive CJK words (single characters, katakana runs) form bigrams.
            for (off, c) in w.char_indices() {
                let pos = start + off;
                if let (Some(p), true) = (prev_cjk, prev_end == pos) {
                    let both_kana =
                        lang::script_of(p) == Some(Script::Hiragana) && lang::script_of(c) == Some(Script::Hiragana);
                    if !both_kana {
                        buf.clear();
                        buf.push(p);
                        buf.push(c);
                        emit(Piece::Bigram(&buf));
                    }
                }
                prev_cjk = Some(c);
                prev_end = pos + c.len_utf8();
            }
            continue;
        }
        prev_cjk = None;
        prev_end = start + w.len();
        emit(Piece::Word(w));
    }
}

/// The body as sentences with their terms.
pub(crate) struct Doc<'a> {
    pub sents: Vec<Sent<'a>>,
    /// Inverse document frequency of each term id.
    idf: Vec<f64>,
    title_terms: Vec<u32>,
    heading_terms: Vec<Vec<u32>>,
    /// Words of spaced scripts and characters of unspaced ones in the paragraphs and lists, as
    /// [`word_counts`] counts them.
    pub words: usize,
    pub cjk_chars: usize,
}

impl<'a> Doc<'a> {
    pub fn build(article: &'a Article, stems: &mut StemMemo<'a>) -> Doc<'a> {
        let lang = stems.lang();
        // Maps sized for the text's likely vocabulary (growing them step by step costs more).
        let vocabulary = keyphrases::vocabulary_hint(
            article
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::List))
                .map(|b| b.text.len())
                .sum(),
        );
        let mut ids: FxHashMap<String, u32> = FxHashMap::with_capacity_and_hasher(vocabulary, Default::default());
        // Each distinct word's term id, found once (stems are the costly part).
        let mut word_ids: FxHashMap<&'a str, Option<u32>> =
            FxHashMap::with_capacity_and_hasher(vocabulary, Default::default());
        let intern = |t: &str, ids: &mut FxHashMap<String, u32>| -> u32 {
            if let Some(&id) = ids.get(t) {
                return id;
            }
            let id = ids.len() as u32;
            ids.insert(t.to_string(), id);
            id
        };
        let mut sents = Vec::new();
        let mut slot: Vec<u32> = Vec::new();
        let (mut body_words, mut body_cjk) = (0usize, 0usize);
        for (si, sec) in article.sections.iter().enumerate() {
            for (bi, b) in sec.blocks.iter().enumerate() {
                if !matches!(b.kind, BlockKind::Paragraph | BlockKind::List) {
                    continue;
                }
                // The block's words are its sentences' words when every sentence starts on an ASCII
                // character right after ASCII white space: no UAX #29 rule looks across such a cut
                // (see `lang::words`), and only white space lies between sentences.
                let bytes = b.text.as_bytes();
                let mut cuts_clean = true;
                let (mut block_words, mut block_cjk) = (0usize, 0usize);
                for r in sentences::split_lang(&b.text, lang) {
                    cuts_clean &= r.start == 0 || (bytes[r.start - 1].is_ascii_whitespace() && bytes[r.start] < 0x80);
                    let text = &b.text[r.clone()];
                    let mut counts: Vec<(u32, u32)> = Vec::new();
                    let mut n_words = 0usize;
                    scan_terms(text, |piece| {
                        let id = match piece {
                            Piece::Word(w) => {
                                n_words += 1;
                                match word_ids.get(w) {
                                    Some(&id) => id,
                                    None => {
                                        let id = word_term(stems, w).map(|t| intern(t, &mut ids));
                                        word_ids.insert(w, id);
                                        id
                                    }
                                }
                            }
                            Piece::Bigram(b) => Some(intern(b, &mut ids)),
                        };
                        let Some(id) = id else { return };
                        // `slot[id]` is 1 + the term's index in `counts` while this sentence is read
                        // (a scan of `counts` would be quadratic in a sentence's distinct terms).
                        if slot.len() <= id as usize {
                            slot.resize(id as usize + 1, 0);
                        }
                        match slot[id as usize] {
                            0 => {
                                counts.push((id, 1));
                                slot[id as usize] = counts.len() as u32;
                            }
                            k => counts[k as usize - 1].1 += 1,
                        }
                    });
                    for &(id, _) in &counts {
                        slot[id as usize] = 0;
                    }
                    // In ASCII every word is a word of a spaced script, met above.
                    let (words, cjk) = if text.is_ascii() { (n_words, 0) } else { word_counts(text) };
                    block_words += words;
                    block_cjk += cjk;
                    let eligible = is_prose(text, words, cjk);
                    sents.push(Sent { section: si, block: bi, range: r, text, eligible, terms: counts });
                }
                let (w, c) = if cuts_clean { (block_words, block_cjk) } else { word_counts(&b.text) };
                body_words += w;
                body_cjk += c;
            }
        }
        let mut df = vec![0u32; ids.len()];
        let mut n = 0usize;
        for s in sents.iter().filter(|s| s.eligible) {
            n += 1;
            for &(t, _) in &s.terms {
                df[t as usize] += 1;
            }
        }
        let idf: Vec<f64> = df.iter().map(|&d| ((n as f64 + 1.0) / (d as f64 + 0.5)).ln().max(0.0)).collect();
        let mut known = |text: &'a str| -> Vec<u32> {
            let mut v = Vec::new();
            let mut seen = FxHashSet::default();
            terms(text, stems, |t| {
                if let Some(&id) = ids.get(t) {
                    if v.len() < OVERLAP_TERMS_MAX && seen.insert(id) {
                        v.push(id);
                    }
                }
            });
            v
        };
        let title_terms = article.title.as_ref().map(|t| known(&t.text)).unwrap_or_default();
        let heading_terms =
            article.sections.iter().map(|s| s.heading.as_ref().map(|h| known(&h.text)).unwrap_or_default()).collect();
        Doc { sents, idf, title_terms, heading_terms, words: body_words, cjk_chars: body_cjk }
    }

    pub fn eligible_count(&self) -> usize {
        self.sents.iter().filter(|s| s.eligible).count()
    }

    /// TF-IDF weights of sentence `i`, with the vector's norm.
    fn weights(&self, i: usize) -> (Vec<(u32, f64)>, f64) {
        let w: Vec<(u32, f64)> = self.sents[i].terms.iter().map(|&(t, c)| (t, self.weight(t, c))).collect();
        let norm = w.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        (w, norm)
    }

    /// The TF-IDF weight of term `t` met `c` times in a sentence: (1 + ln c) idf.
    fn weight(&self, t: u32, c: u32) -> f64 {
        // 1 + ln 1 is exactly 1: the logarithm is taken only for repeated terms.
        let tf = if c == 1 { 1.0 } else { 1.0 + f64::from(c).ln() };
        tf * self.idf[t as usize]
    }

    /// Forward and backward similarity sums of each eligible sentence, through the inverted index.
    fn centrality(&self) -> Vec<f64> {
        let elig: Vec<usize> = (0..self.sents.len()).filter(|&i| self.sents[i].eligible).collect();
        let n = elig.len();
        // The eligible sentences' weights one after another (sentence p's at `span[p]..span[p + 1]`),
        // and their norms.
        let mut flat: Vec<(u32, f64)> = Vec::new();
        let mut span = Vec::with_capacity(n + 1);
        let mut norms = Vec::with_capacity(n);
        span.push(0);
        for &i in &elig {
            let start = flat.len();
            flat.extend(self.sents[i].terms.iter().map(|&(t, c)| (t, self.weight(t, c))));
            norms.push(flat[start..].iter().map(|(_, x)| x * x).sum::<f64>().sqrt());
            span.push(flat.len());
        }
        // Postings: term t's occurrences (positions in `elig` order, with the term's weight there)
        // in order, at `first[t]..first[t + 1]` of one array.
        let n_terms = self.idf.len();
        let mut first = vec![0usize; n_terms + 1];
        for &(t, x) in &flat {
            if x > 0.0 {
                first[t as usize + 1] += 1;
            }
        }
        for t in 0..n_terms {
            first[t + 1] += first[t];
        }
        // `cursor[t]`: where the current sentence sits in t's postings (filled first, then swept).
        let mut cursor = first[..n_terms].to_vec();
        let mut postings = vec![(0u32, 0.0f64); first[n_terms]];
        for p in 0..n {
            for &(t, x) in &flat[span[p]..span[p + 1]] {
                if x > 0.0 {
                    postings[cursor[t as usize]] = (p as u32, x);
                    cursor[t as usize] += 1;
                }
            }
        }
        cursor.copy_from_slice(&first[..n_terms]);
        // Sweep the sentences in order. Each occurrence meets the next NEIGHBOURS occurrences of its
        // term: dot products gather in a scratch array, so the cost is linear in the number of term
        // occurrences.
        let mut acc = vec![0.0f64; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut fwd = vec![0.0; n];
        let mut bwd = vec![0.0; n];
        for p in 0..n {
            for &(t, x) in &flat[span[p]..span[p + 1]] {
                if x <= 0.0 {
                    continue;
                }
                let at = cursor[t as usize];
                cursor[t as usize] += 1;
                let end = first[t as usize + 1].min(at + 1 + NEIGHBOURS);
                for &(q, y) in &postings[at + 1..end] {
                    let q = q as usize;
                    if acc[q] == 0.0 {
                        touched.push(q);
                    }
                    acc[q] += x * y;
                }
            }
            for &q in &touched {
                let denom = norms[p] * norms[q];
                if denom > 0.0 {
                    let sim = acc[q] / denom;
                    fwd[p] += sim;
                    bwd[q] += sim;
                }
                acc[q] = 0.0;
            }
            touched.clear();
        }
        let mut out = vec![0.0; self.sents.len()];
        for (p, &i) in elig.iter().enumerate() {
            out[i] = fwd[p] + BACKWARD * bwd[p];
        }
        out
    }

    /// Cosine similarity of sentence `i`'s weights `a` (with their norm) and a picked sentence's
    /// weights `b`, sorted by term (binary search: a scan would be quadratic in long sentences).
    fn sim(a: &(Vec<(u32, f64)>, f64), b: &(Vec<(u32, f64)>, f64)) -> f64 {
        let ((a, na), (b, nb)) = (a, b);
        if *na <= 0.0 || *nb <= 0.0 {
            return 0.0;
        }
        let dot: f64 =
            a.iter().filter_map(|(t, x)| b.binary_search_by_key(t, |&(u, _)| u).ok().map(|k| x * b[k].1)).sum();
        dot / (na * nb)
    }

    /// Share of the idf weight of `terms` that sentence `i` covers.
    fn overlap(&self, i: usize, terms: &[u32]) -> f64 {
        let total: f64 = terms.iter().map(|&t| self.idf[t as usize]).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let have: f64 = terms
            .iter()
            .filter(|t| self.sents[i].terms.iter().any(|(u, _)| u == *t))
            .map(|&t| self.idf[t as usize])
            .sum();
        have / total
    }

    /// The score of every sentence (0 for those that cannot be picked).
    pub fn scores(&self) -> Vec<f64> {
        let cent = self.centrality();
        let max_cent = cent.iter().cloned().fold(0.0, f64::max);
        let mut out = vec![0.0; self.sents.len()];
        let mut rank = 0usize;
        let mut last_section = usize::MAX;
        let mut rank_in_section = 0usize;
        for (i, s) in self.sents.iter().enumerate() {
            if !s.eligible {
                continue;
            }
            if s.section != last_section {
                last_section = s.section;
                rank_in_section = 0;
            }
            let doc_pos = 1.0 / (1.0 + rank as f64).sqrt();
            let sec_pos = 1.0 / (1.0 + rank_in_section as f64);
            let position = doc_pos.max(0.5 * sec_pos);
            let centrality = if max_cent > 0.0 { cent[i] / max_cent } else { 0.0 };
            let title = self.overlap(i, &self.title_terms);
            let heading = self.heading_terms.get(s.section).map_or(0.0, |h| self.overlap(i, h));
            out[i] = W_POSITION * position + W_CENTRALITY * centrality + W_TITLE * title + W_HEADING * heading;
            rank += 1;
            rank_in_section += 1;
        }
        out
    }

    /// The `k` best sentences, without near-repeats, in reading order.
    pub fn pick(&self, scores: &[f64], k: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sents.len()).filter(|&i| self.sents[i].eligible).collect();
        let mut picked: Vec<usize> = Vec::new();
        // The picked sentences' weights, sorted by term.
        let mut picked_weights: Vec<(Vec<(u32, f64)>, f64)> = Vec::new();
        // Best first, ties in reading order.
        let by_score = |&a: &usize, &b: &usize| scores[b].total_cmp(&scores[a]).then(a.cmp(&b));
        keyphrases::visit_sorted(&mut order, by_score, |&i| {
            if picked.len() >= k {
                return false;
            }
            let w = self.weights(i);
            let redundant = picked
                .iter()
                .zip(&picked_weights)
                .any(|(&j, wj)| Self::sim(&w, wj) >= REDUNDANT || self.sents[j].text == self.sents[i].text);
            if !redundant {
                picked.push(i);
                let (mut sorted, norm) = w;
                sorted.sort_unstable_by_key(|&(t, _)| t);
                picked_weights.push((sorted, norm));
            }
            true
        });
        picked.sort_unstable();
        picked
    }

    /// The best sentence of each section that has one (by the same score, position counted within
    /// the section).
    pub fn gists(&self, scores: &[f64]) -> Vec<usize> {
        let mut best: Vec<(usize, f64)> = Vec::new();
        for (i, s) in self.sents.iter().enumerate() {
            if !s.eligible {
                continue;
            }
            match best.last_mut() {
                Some((j, sc)) if self.sents[*j].section == s.section => {
                    if scores[i] > *sc {
                        *j = i;
                        *sc = scores[i];
                    }
                }
                _ => best.push((i, scores[i])),
            }
        }
        best.into_iter().map(|(i, _)| i).collect()
    }
}

/// The words of `text` ([`lang::words`]) of spaced scripts, and its characters of unspaced
/// scripts (a word holding any counts for its characters).
fn word_counts(text: &str) -> (usize, usize) {
    let mut words = 0usize;
    let mut cjk = 0usize;
    for w in lang::words(text) {
        if w.is_ascii() {
            words += 1; // no unspaced script in it
            continue;
        }
        let n = w.chars().filter(|&c| lang::script_of(c).is_some_and(Script::is_unspaced)).count();
        if n > 0 {
            cjk += n;
        } else {
            words += 1;
        }
    }
    (words, cjk)
}

/// A sentence worth showing on its own, given its [`word_counts`]: at least 5 words (or 10 CJK
/// characters), mostly letters.
fn is_prose(text: &str, words: usize, cjk: usize) -> bool {
    let (letters, visible) = if text.is_ascii() {
        let letters = lang::count_bytes(text.as_bytes(), |b| b.is_ascii_alphabetic());
        // ASCII white space as `char::is_whitespace` has it: space, tab, line feed to carriage return.
        let blank = lang::count_bytes(text.as_bytes(), |b| b == b' ' || (b'\t'..=b'\r').contains(&b));
        (letters, text.len() - blank)
    } else {
        let (mut letters, mut visible) = (0usize, 0usize);
        for c in text.chars() {
            letters += usize::from(c.is_alphabetic());
            visible += usize::from(!c.is_whitespace());
        }
        (letters, visible)
    };
    (words >= 5 || cjk >= 10 || words + cjk / 2 >= 5) && letters * 2 >= visible
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Block, Section, Span};

    fn para(text: &str, line: u32) -> Block {
        Block { kind: BlockKind::Paragraph, text: text.to_string(), items: Vec::new(), lines: [line, line] }
    }

    fn article(title: &str, sections: Vec<(Option<&str>, Vec<&str>)>) -> Article {
        let mut a = Article::empty();
        a.title = Some(Span::new(title, [1, 1]));
        let mut line = 2;
        for (h, paras) in sections {
            let heading = h.map(|h| Span::new(h, [line, line]));
            let blocks = paras
                .into_iter()
                .map(|p| {
                    line += 1;
                    para(p, line)
                })
                .collect();
            a.sections.push(Section { heading, level: 2, blocks });
        }
        a
    }

    fn bakery() -> Article {
        article(
            "Town bakery wins national bread prize",
            vec![
                (
                    None,
                    vec![
                        "The small bakery on Mill Street won the national bread prize on Sunday, beating two hundred rivals. Its sourdough loaf impressed the judges most.",
                        "Owner Maria Lopez opened the bakery ten years ago with a single oven. She still bakes every loaf herself before dawn.",
                    ],
                ),
                (
                    Some("How the prize is judged"),
                    vec![
                        "Judges taste each bread blind and score crust, crumb and flavour. The prize has been awarded every year since 1962.",
                        "This year the judges praised the sourdough for its deep flavour and open crumb.",
                    ],
                ),
                (
                    Some("What comes next"),
                    vec![
                        "The bakery plans to hire two more bakers to meet the demand. Queues already stretch down Mill Street every morning.",
                    ],
                ),
            ],
        )
    }

    #[test]
    fn picks_k_sentences_in_reading_order_with_links_back() {
        let mut a = bakery();
        let opts = Options { summary_sentences: Some(3), ..Options::default() };
        summarize(&mut a, &opts);
        let s = &a.summary.sentences;
        assert_eq!(s.len(), 3);
        assert!(s
            .windows(2)
            .all(|w| (w[0].section, w[0].block, w[0].range[0]) < (w[1].section, w[1].block, w[1].range[0])));
        for x in s {
            let block = &a.sections[x.section].blocks[x.block];
            assert_eq!(&block.text[x.range[0]..x.range[1]], x.text);
            assert_eq!(x.lines, block.lines);
        }
        // The lead sentence carries the news and the title's words.
        assert!(s[0].text.starts_with("The small bakery on Mill Street won"));
        assert_eq!(a.language, "en");
    }

    #[test]
    fn k_from_length_and_clamped() {
        let mut a = bakery();
        summarize(&mut a, &Options::default());
        assert!((1..=3).contains(&a.summary.sentences.len()));
        let mut b = bakery();
        summarize(&mut b, &Options { summary_sentences: Some(50), ..Options::default() });
        assert_eq!(b.summary.sentences.len(), 9, "clamped to 10, capped by the 9 sentences there are");
    }

    #[test]
    fn never_picks_headings_captions_or_short_fragments() {
        let mut a = bakery();
        a.sections[1].blocks.push(Block {
            kind: BlockKind::Caption,
            text: "The winning sourdough loaf of the national bread prize, photographed on Sunday at the bakery."
                .into(),
            items: Vec::new(),
            lines: [20, 20],
        });
        a.sections[0].blocks.push(para("Read more.", 21));
        summarize(&mut a, &Options { summary_sentences: Some(10), ..Options::default() });
        for s in &a.summary.sentences {
            assert_ne!(a.sections[s.section].blocks[s.block].kind, BlockKind::Caption);
            assert_ne!(s.text, "Read more.");
            assert!(!s.text.starts_with("How the prize"));
        }
    }

    #[test]
    fn redundant_sentences_are_skipped() {
        let mut a = article(
            "Rain floods the valley",
            vec![(
                None,
                vec![
                    "Heavy rain flooded the valley towns on Monday and closed the main roads.",
                    "Heavy rain flooded the valley towns on Monday and closed the main roads again.",
                    "Rescue teams moved two hundred people to the school gym overnight.",
                    "Forecasters expect the river to fall by Thursday if the rain stops.",
                ],
            )],
        );
        summarize(&mut a, &Options { summary_sentences: Some(2), ..Options::default() });
        let texts: Vec<_> = a.summary.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts.len(), 2);
        assert!(!(texts[0].starts_with("Heavy rain") && texts[1].starts_with("Heavy rain")), "{texts:?}");
    }

    #[test]
    fn gists_one_per_section() {
        let mut a = bakery();
        summarize(&mut a, &Options::default());
        let g = &a.summary.gists;
        assert_eq!(g.iter().map(|s| s.section).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(g[1].text.contains("Judges") || g[1].text.contains("judges"));
    }

    #[test]
    fn stats_and_reading_time() {
        let mut a = bakery();
        summarize(&mut a, &Options { words_per_minute: 100.0, ..Options::default() });
        let words: usize = a.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text.split_whitespace().count()).sum();
        assert_eq!(a.stats.words, words);
        assert_eq!(a.stats.sentences, 9);
        assert!((a.stats.reading_minutes - (words as f64 / 100.0 * 10.0).round() / 10.0).abs() < 1e-9);

        let mut j = article(
            "東京の天気",
            vec![(None, vec!["今日の東京は朝から雨が降り、気温も低くなりました。明日は晴れる見込みです。"])],
        );
        summarize(&mut j, &Options::default());
        assert_eq!(j.language, "ja");
        assert_eq!(j.stats.sentences, 2);
        assert!(j.stats.words >= 30, "CJK characters count one by one");
        assert!(j.stats.reading_minutes > 0.0 && j.stats.reading_minutes < 0.2);
        assert_eq!(j.summary.sentences.len(), 1);
    }

    #[test]
    fn words_counted_through_sentences_are_the_blocks_words() {
        let paras = [
            "The town grew.Today it is big. Another sentence follows here, as they do.",
            "He said \u{201c}no.\u{201d} Then he left the room without a word. \u{00e9}t\u{00e9} came.",
            "Prices rose 3.5% in the U.S. last year. The Fed said so: rates stay. x\u{301}yz ok.",
            "東京の天気は晴れです。明日は雨が降るでしょう。 Mixed text here.",
            "1. First item 2. Second item 3. Third item and more words after it.",
        ];
        let mut a = article("Counting words", vec![(None, paras.to_vec())]);
        summarize(&mut a, &Options::default());
        let expected: usize = paras.iter().map(|p| word_counts(p)).map(|(w, c)| w + c).sum();
        assert_eq!(a.stats.words, expected);
    }

    #[test]
    fn empty_article_is_fine() {
        let mut a = Article::empty();
        summarize(&mut a, &Options::default());
        assert!(a.summary.sentences.is_empty() && a.summary.keywords.is_empty() && a.summary.gists.is_empty());
        assert_eq!(a.stats.words, 0);
        assert_eq!(a.language, "und");
    }
}
