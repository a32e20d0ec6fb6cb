//! From per-unit probabilities to roles that hold together over the page: Viterbi decoding of a
//! small hidden Markov model.
//!
//! A pasted page reads as a sequence of states: chrome before the article, the article (body and
//! heading units, with gaps of chrome inside it: an advertisement, a share line), and chrome after
//! it. The line models give, for each unit, the probability that it is content and, if it is, a
//! heading. The content probability is divided by the share of content in training (content) or
//! of the rest (chrome), as hybrid HMMs turn posteriors into scaled likelihoods; the heading
//! probability splits the content's likelihood between body and heading, with a weight for the
//! heading (dividing it by the share of headings, as for content, was measured worse on the train
//! pages: it favours the rare heading state so much that a menu word the content model rejects
//! came back as a heading). The emissions are raised to a power, see [`Decoder::emission_weight`].
//! The weights and the prior are chosen by `eval/learn/train.py` on out-of-fold predictions of the
//! train pages, with a Python copy of this decoder (`eval/learn/decode.py`); `decoder-check.json`
//! holds inputs and that copy's answers, which a test here decodes again. The transitions between states were counted on the train pages
//! (`decoder.json`, written by `eval/learn/train.py`). The most likely sequence is found in one
//! pass, max-product in probability space, rescaled at each unit so that nothing underflows: only
//! multiplications and divisions, which IEEE 754 rounds the same on every platform, and `libm`'s
//! `pow` (pure Rust, the same everywhere) for the emissions' weight.

use serde::Deserialize;

/// A unit's state in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Chrome before the article.
    Before,
    /// A unit of the article's body.
    Body,
    /// A heading of the article.
    Heading,
    /// Chrome inside the article, between two of its units.
    Gap,
    /// Chrome after the article.
    After,
}

impl State {
    const ALL: [State; 5] = [State::Before, State::Body, State::Heading, State::Gap, State::After];

    /// Whether the unit is part of the article's content.
    pub fn is_content(self) -> bool {
        matches!(self, State::Body | State::Heading)
    }
}

const S: usize = State::ALL.len();

/// Probabilities are kept inside `[EPSILON, 1 - EPSILON]`: a model that is sure still leaves the
/// transitions a say, and no emission is zero.
const EPSILON: f64 = 1e-6;

/// The decoder's numbers, as `eval/learn/train.py` writes them.
#[derive(Clone, Debug, Deserialize)]
pub struct Decoder {
    /// The states' names, in the order of [`State`] (checked on reading).
    pub states: Vec<String>,
    /// Probability of each state at the first unit.
    pub start: Vec<f64>,
    /// `transitions[a][b]`: probability that a unit in state `a` is followed by one in state `b`.
    pub transitions: Vec<Vec<f64>>,
    /// Share of content units in training.
    pub content_prior: f64,
    /// The least score (of the rankers) at which the best candidate is taken as the title, byline,
    /// date.
    pub meta_thresholds: MetaThresholds,
    /// The power the emissions are raised to against the transitions (the "acoustic scale" of
    /// hybrid HMMs): above 1, the line models' evidence outweighs the page-length prior of the
    /// transitions, so that a short article (a product's few lines) is not absorbed by the chrome,
    /// while units the models are unsure of still follow their neighbours.
    #[serde(default = "one")]
    pub emission_weight: f64,
    /// What a heading's emission is multiplied by: the heading model's probability is calibrated
    /// to the share of headings among content units, and the headings' score (F1 over the pages)
    /// is best with a lower bar than one half.
    #[serde(default = "one")]
    pub heading_weight: f64,
    /// Per page type (in the order of [`crate::core::model::PAGE_TYPES`]), how far the decoder leans
    /// on the rules (`classify`'s own pass, whose roles are also features of the models): the odds
    /// that a unit is content are multiplied by it where the rules keep the unit and divided by it
    /// where they leave it out. The training takes the largest weight whose out-of-fold score on the
    /// train pages of that type is within a small margin of the best: the rules were tuned on
    /// articles over many sessions, and where the pages cannot tell the two apart, the decoder defers
    /// to them.
    #[serde(default)]
    pub rule_weights: Vec<f64>,
    /// The selector's probability at or above which the rules' reading of a page is taken whole:
    /// the lowest whose out-of-fold score on the train pages is within the same margin of the best.
    #[serde(default = "half")]
    pub selector_threshold: f64,
}

fn half() -> f64 {
    0.5
}

fn one() -> f64 {
    1.0
}

/// See [`Decoder::meta_thresholds`].
#[derive(Clone, Debug, Deserialize)]
pub struct MetaThresholds {
    /// For the title.
    pub title: f64,
    /// For the byline.
    pub byline: f64,
    /// For the date.
    pub date: f64,
}

impl Decoder {
    /// Reads `decoder.json`; `None` when it does not have the expected shape.
    pub fn read(json: &str) -> Option<Decoder> {
        let d: Decoder = serde_json::from_str(json).ok()?;
        let names = ["before", "body", "heading", "gap", "after"];
        let ok = d.states.iter().map(String::as_str).eq(names)
            && d.start.len() == S
            && d.transitions.len() == S
            && d.transitions.iter().all(|r| r.len() == S)
            && (0.0..1.0).contains(&d.content_prior)
            && d.emission_weight > 0.0
            && d.heading_weight > 0.0
            && d.rule_weights.iter().all(|&w| w > 0.0);
        ok.then_some(d)
    }

    /// The most likely states of the units, given for each the probability that it is content
    /// and the probability that it is a heading if it is content.
    /// The weight of the rules ([`Decoder::rule_weights`]) for a page of type `page_type` (1 when
    /// the decoder has none for it).
    pub fn rule_weight(&self, page_type: usize) -> f64 {
        self.rule_weights.get(page_type).copied().unwrap_or(1.0)
    }

    /// The most likely states of the units, given for each the probability that it is content,
    /// the probability that it is a heading if it is content, and whether the rules keep it, with
    /// the rules' weight `rule_weight`.
    pub fn decode(&self, content: &[f64], heading: &[f64], rule_kept: &[bool], rule_weight: f64) -> Vec<State> {
        let n = content.len();
        if n == 0 {
            return Vec::new();
        }
        let clamp = |p: f64| p.clamp(EPSILON, 1.0 - EPSILON);
        let prior = clamp(self.content_prior);
        let emissions = |k: usize| -> [f64; S] {
            let c = clamp(content[k]);
            let c = if rule_weight == 1.0 {
                c
            } else {
                let odds = c / (1.0 - c) * if rule_kept[k] { rule_weight } else { 1.0 / rule_weight };
                clamp(odds / (1.0 + odds))
            };
            let h = clamp(heading[k]);
            let out = (1.0 - c) / (1.0 - prior);
            let inside = c / prior;
            let e = [out, inside * (1.0 - h), inside * h * self.heading_weight, out, out];
            if self.emission_weight == 1.0 {
                e
            } else {
                e.map(|x| libm::pow(x, self.emission_weight))
            }
        };
        let mut back = vec![[0u8; S]; n];
        let e = emissions(0);
        let mut delta: [f64; S] = std::array::from_fn(|s| self.start[s] * e[s]);
        rescale(&mut delta);
        for (k, from_of) in back.iter_mut().enumerate().skip(1) {
            let e = emissions(k);
            let mut next = [0.0; S];
            for s in 0..S {
                let (mut best, mut from) = (-1.0, 0);
                for (r, d) in delta.iter().enumerate() {
                    let v = d * self.transitions[r][s];
                    if v > best {
                        best = v;
                        from = r;
                    }
                }
                next[s] = best * e[s];
                from_of[s] = from as u8;
            }
            rescale(&mut next);
            delta = next;
        }
        // A page may not end inside a gap: the chrome after the last content unit is `After`.
        let mut s = 0;
        for c in [1, 2, 4] {
            if delta[c] > delta[s] {
                s = c;
            }
        }
        let mut states = vec![State::Before; n];
        for k in (0..n).rev() {
            states[k] = State::ALL[s];
            s = back[k][s] as usize;
        }
        states
    }
}

/// Divides by the largest value (when there is one), so that the products stay in range.
fn rescale(v: &mut [f64; S]) {
    let m = v.iter().copied().fold(0.0, f64::max);
    if m > 0.0 {
        for x in v.iter_mut() {
            *x /= m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoder() -> Decoder {
        // Before -> Before/Body/Heading; Body -> Body/Heading/Gap/After; Gap -> Gap/Body/Heading;
        // After -> After.
        let t = vec![
            vec![0.8, 0.15, 0.05, 0.0, 0.0],
            vec![0.0, 0.8, 0.05, 0.1, 0.05],
            vec![0.0, 0.9, 0.05, 0.04, 0.01],
            vec![0.0, 0.4, 0.1, 0.5, 0.0],
            vec![0.0, 0.0, 0.0, 0.0, 1.0],
        ];
        Decoder {
            states: vec![],
            start: vec![0.7, 0.2, 0.1, 0.0, 0.0],
            transitions: t,
            content_prior: 0.3,
            meta_thresholds: MetaThresholds { title: 0.5, byline: 0.5, date: 0.5 },
            emission_weight: 1.0,
            heading_weight: 1.0,
            rule_weights: vec![],
            selector_threshold: 0.5,
        }
    }

    #[test]
    fn a_lone_unsure_unit_inside_the_article_stays_in_it() {
        use State::*;
        let c = [0.05, 0.1, 0.9, 0.95, 0.45, 0.9, 0.92, 0.1, 0.05, 0.6, 0.05];
        let h = [0.0; 11];
        let s = decoder().decode(&c, &h, &[true; 11], 1.0);
        assert_eq!(&s[..7], &[Before, Before, Body, Body, Body, Body, Body]);
        // A single likely unit far into the chrome after the article is not pulled in with it
        // when the gap would be long: here it is one unit, so it may be; the chrome after the
        // last content unit is After, never Gap.
        assert!(s.iter().rposition(|x| x.is_content()).is_some_and(|l| s[l + 1..].iter().all(|x| *x == After)));
    }

    #[test]
    fn the_rules_weigh_where_the_models_are_unsure() {
        let c = [0.05, 0.4, 0.9, 0.9, 0.4, 0.05];
        let h = [0.0; 6];
        let kept = [false, true, true, true, false, false];
        let alone = decoder().decode(&c, &h, &kept, 1.0);
        let with_rules = decoder().decode(&c, &h, &kept, 4.0);
        assert!(alone[4].is_content() && alone[1].is_content(), "{alone:?}");
        assert!(with_rules[1].is_content() && !with_rules[4].is_content(), "{with_rules:?}");
    }

    #[test]
    fn a_sure_heading_is_a_heading() {
        let c = [0.9, 0.9, 0.9];
        let h = [0.0, 0.95, 0.0];
        assert_eq!(decoder().decode(&c, &h, &[true; 3], 1.0), [State::Body, State::Heading, State::Body]);
    }

    /// The committed decoder gives the states its Python copy gave when the training chose its
    /// numbers (`eval/learn/decode.py`, `decoder-check.json`).
    #[test]
    fn the_decoder_decodes_as_its_python_copy_did() {
        #[derive(Deserialize)]
        struct Case {
            content: Vec<f64>,
            heading: Vec<f64>,
            rule_kept: Vec<bool>,
            rule_weight: f64,
            states: Vec<usize>,
        }
        let d = Decoder::read(include_str!("data/decoder.json")).expect("decoder.json reads");
        let cases: Vec<Case> = serde_json::from_str(include_str!("data/decoder-check.json")).unwrap();
        assert!(!cases.is_empty());
        for c in cases {
            let got: Vec<usize> =
                d.decode(&c.content, &c.heading, &c.rule_kept, c.rule_weight).iter().map(|s| *s as usize).collect();
            assert_eq!(got, c.states);
        }
    }

    #[test]
    fn no_units_no_states() {
        assert!(decoder().decode(&[], &[], &[], 1.0).is_empty());
    }
}
