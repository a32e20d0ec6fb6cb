//! Gradient-boosted trees, as trained by LightGBM and written by `eval/learn/train.py`.
//!
//! The file format ("ASGB", little-endian, version 1):
//!
//! ```text
//! magic  b"ASGB"           version u32 = 1
//! n_features u32           n_classes u32        n_trees u32        names_hash u64
//! n_thresholds u32         thresholds: n_thresholds x f32
//! leaf_scale f32
//! per tree (tree t adds to class t % n_classes):
//!   n_nodes u8             nodes: n_nodes x (feature u8, threshold index u16, left i8, right i8)
//!   n_leaves u8            leaves: n_leaves x i16 (the leaf's value is q x leaf_scale)
//! ```
//!
//! A node sends a row left when `row[feature] <= thresholds[index]` (the writer rounds LightGBM's
//! `f64` thresholds down to the nearest `f32`, so that the decision is the same as LightGBM's for
//! every `f32` value), right otherwise. A child `>= 0` is a node, `< 0` the leaf `!child`. A tree
//! with no node is a single leaf. Leaf values are stored as 16-bit integers times one scale per
//! model (a relative error of 1/65,536 of the largest leaf, far below what training resolves); with
//! at most 256 features and 127 leaves a tree, a node takes 5 bytes, which keeps the models small
//! enough for the page's WebAssembly. `names_hash` is [`names_hash`] of the feature names the model was
//! trained on, so that a model and the features it expects cannot drift apart unnoticed.
//!
//! Scores are summed in `f64` in tree order and turned into probabilities with `libm`'s `exp` (pure
//! Rust): deterministic, and bit for bit the same natively and in wasm.

/// One tree: internal nodes and leaf values.
struct Tree {
    nodes: Vec<Node>,
    leaves: Vec<f32>,
}

#[derive(Clone, Copy)]
struct Node {
    feature: u8,
    threshold: u16,
    left: i8,
    right: i8,
}

/// A trained ensemble.
pub struct Ensemble {
    /// Features a row must have.
    pub n_features: usize,
    /// Scores per row (1 for a binary model, the number of classes for a multiclass one).
    pub n_classes: usize,
    /// [`names_hash`] of the feature names it was trained on.
    pub names_hash: u64,
    thresholds: Vec<f32>,
    trees: Vec<Tree>,
}

/// Why a model file could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

/// Reads little-endian numbers off a byte slice (the model files: this module's and
/// `lexical`'s).
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    /// Whether every byte has been read.
    pub(super) fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
    pub(super) fn take<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        let end = self.at.checked_add(N).filter(|&e| e <= self.bytes.len()).ok_or(FormatError("truncated"))?;
        let mut b = [0u8; N];
        b.copy_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(b)
    }
    pub(super) fn u8(&mut self) -> Result<u8, FormatError> {
        self.take().map(u8::from_le_bytes)
    }
    pub(super) fn i8(&mut self) -> Result<i8, FormatError> {
        self.take().map(i8::from_le_bytes)
    }
    pub(super) fn u16(&mut self) -> Result<u16, FormatError> {
        self.take().map(u16::from_le_bytes)
    }
    pub(super) fn i16(&mut self) -> Result<i16, FormatError> {
        self.take().map(i16::from_le_bytes)
    }
    pub(super) fn u32(&mut self) -> Result<u32, FormatError> {
        self.take().map(u32::from_le_bytes)
    }
    pub(super) fn u64(&mut self) -> Result<u64, FormatError> {
        self.take().map(u64::from_le_bytes)
    }
    pub(super) fn f32(&mut self) -> Result<f32, FormatError> {
        self.take().map(f32::from_le_bytes)
    }
}

/// FNV-1a (64 bits) of the names joined by newlines: the fingerprint of a feature layout.
pub fn names_hash<S: AsRef<str>>(names: &[S]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, n) in names.iter().enumerate() {
        if k > 0 {
            h = (h ^ u64::from(b'\n')).wrapping_mul(0x0100_0000_01b3);
        }
        for &b in n.as_ref().as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Ensemble {
    /// Reads a model file, checking every index it holds.
    pub fn read(bytes: &[u8]) -> Result<Ensemble, FormatError> {
        let mut r = Reader::new(bytes);
        if r.take::<4>()? != *b"ASGB" {
            return Err(FormatError("not a tree model (magic)"));
        }
        if r.u32()? != 1 {
            return Err(FormatError("unknown version"));
        }
        let n_features = r.u32()? as usize;
        let n_classes = r.u32()? as usize;
        let n_trees = r.u32()? as usize;
        let names_hash = r.u64()?;
        if n_classes == 0 {
            return Err(FormatError("no classes"));
        }
        let n_thresholds = r.u32()? as usize;
        let thresholds = (0..n_thresholds).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let scale = r.f32()?;
        let mut trees = Vec::with_capacity(n_trees.min(1 << 16));
        for _ in 0..n_trees {
            let n_nodes = r.u8()? as usize;
            let mut nodes = Vec::with_capacity(n_nodes);
            for _ in 0..n_nodes {
                nodes.push(Node { feature: r.u8()?, threshold: r.u16()?, left: r.i8()?, right: r.i8()? });
            }
            let n_leaves = r.u8()? as usize;
            let leaves = (0..n_leaves).map(|_| r.i16().map(|q| f32::from(q) * scale)).collect::<Result<Vec<_>, _>>()?;
            let child_ok = |c: i8| if c >= 0 { (c as usize) < n_nodes } else { ((!c) as usize) < n_leaves };
            let nodes_ok = nodes.iter().all(|n| {
                (n.feature as usize) < n_features
                    && (n.threshold as usize) < thresholds.len()
                    && child_ok(n.left)
                    && child_ok(n.right)
            });
            if !nodes_ok || (n_nodes == 0 && n_leaves != 1) {
                return Err(FormatError("bad tree"));
            }
            // Children point forward only, so that no walk can loop.
            if nodes
                .iter()
                .enumerate()
                .any(|(k, n)| (n.left >= 0 && n.left as usize <= k) || (n.right >= 0 && n.right as usize <= k))
            {
                return Err(FormatError("tree with a cycle"));
            }
            trees.push(Tree { nodes, leaves });
        }
        if !r.is_done() {
            return Err(FormatError("trailing bytes"));
        }
        Ok(Ensemble { n_features, n_classes, names_hash, thresholds, trees })
    }

    /// The raw scores of one row (`n_classes` of them), added into `out`.
    pub fn score(&self, row: &[f32], out: &mut [f64]) {
        debug_assert_eq!(row.len(), self.n_features);
        debug_assert_eq!(out.len(), self.n_classes);
        for (t, tree) in self.trees.iter().enumerate() {
            let mut at: i8 = if tree.nodes.is_empty() { -1 } else { 0 };
            while at >= 0 {
                let n = tree.nodes[at as usize];
                at = if row[n.feature as usize] <= self.thresholds[n.threshold as usize] { n.left } else { n.right };
            }
            out[t % self.n_classes] += f64::from(tree.leaves[(!at) as usize]);
        }
    }

    /// Class probabilities of one row: the softmax of the scores (the logistic of the one score of
    /// a binary model, as `[1 - p, p]`).
    pub fn probabilities(&self, row: &[f32]) -> Vec<f64> {
        let mut s = vec![0.0; self.n_classes];
        self.score(row, &mut s);
        if self.n_classes == 1 {
            let p = 1.0 / (1.0 + libm::exp(-s[0]));
            return vec![1.0 - p, p];
        }
        let max = s.iter().copied().fold(f64::MIN, f64::max);
        let mut sum = 0.0;
        for v in &mut s {
            *v = libm::exp(*v - max);
            sum += *v;
        }
        for v in &mut s {
            *v /= sum;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree as (feature, threshold index, left, right) nodes and quantized leaves.
    type TestTree = (Vec<(u8, u16, i8, i8)>, Vec<i16>);

    /// A model file with one class and the given trees.
    fn file(n_features: u32, thresholds: &[f32], trees: &[TestTree]) -> Vec<u8> {
        let mut b = b"ASGB".to_vec();
        for v in [1u32, n_features, 1, trees.len() as u32] {
            b.extend(v.to_le_bytes());
        }
        b.extend(7u64.to_le_bytes());
        b.extend((thresholds.len() as u32).to_le_bytes());
        for t in thresholds {
            b.extend(t.to_le_bytes());
        }
        // Leaf values in quarters.
        b.extend(0.25f32.to_le_bytes());
        for (nodes, leaves) in trees {
            b.push(nodes.len() as u8);
            for &(f, t, l, r) in nodes {
                b.extend(f.to_le_bytes());
                b.extend(t.to_le_bytes());
                b.extend(l.to_le_bytes());
                b.extend(r.to_le_bytes());
            }
            b.push(leaves.len() as u8);
            for l in leaves {
                b.extend(l.to_le_bytes());
            }
        }
        b
    }

    #[test]
    fn a_row_walks_left_at_or_below_the_threshold() {
        // x0 <= 0.5 ? (x1 <= 2 ? 1 : 2) : 3, plus a constant tree of 0.25.
        let m = Ensemble::read(&file(
            2,
            &[0.5, 2.0],
            &[(vec![(0, 0, 1, !2), (1, 1, !0, !1)], vec![4, 8, 12]), (vec![], vec![1])],
        ))
        .unwrap();
        let score = |row: [f32; 2]| {
            let mut s = [0.0];
            m.score(&row, &mut s);
            s[0]
        };
        assert_eq!(score([0.5, 2.0]), 1.25);
        assert_eq!(score([0.0, 2.5]), 2.25);
        assert_eq!(score([0.6, 0.0]), 3.25);
    }

    #[test]
    fn broken_files_are_refused() {
        let good = file(1, &[0.0], &[(vec![(0, 0, !0, !1)], vec![4, 8])]);
        assert!(Ensemble::read(&good).is_ok());
        assert_eq!(Ensemble::read(&good[..good.len() - 1]).err(), Some(FormatError("truncated")));
        // A feature the rows do not have, a leaf that is not there, a cycle.
        assert!(Ensemble::read(&file(1, &[0.0], &[(vec![(1, 0, !0, !1)], vec![4, 8])])).is_err());
        assert!(Ensemble::read(&file(1, &[0.0], &[(vec![(0, 0, !0, !5)], vec![4, 8])])).is_err());
        assert!(Ensemble::read(&file(1, &[0.0], &[(vec![(0, 0, 0, !1)], vec![4, 8])])).is_err());
        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(Ensemble::read(&bad).is_err());
    }
}
