#!/usr/bin/env python3
"""Trains the plain-text path's line models and writes them where the core reads them.

Run by `scripts/train` (which builds the feature writer, labels the pages and calls this script);
see eval/learn/README.md. Usage:

  train.py --data DIR --features DIR --labels DIR --writer EXE --out DIR [--ids-train FILE]
           [--folds K] [--report IDS]

  --data      pages in the WCXB layout (pages/<id>/pasted.txt, ground-truth.jsonl, split.json)
  --features  what `examples/features.rs` wrote for the train pages (names.txt, units.tsv, features.f32)
  --labels    what label.py wrote (one <id>.json per page)
  --writer    the built `features` example, run again for the context rows
  --out       where the model files go (src/core/model/data/ for the real thing)
  --folds     folds (by domain) for the out-of-fold predictions the second stage learns from

First the lexicon (scikit-learn's logistic regression over the hashed tokens `features tokens` wrote,
the 4,096 weightiest buckets kept as i8 in lexicon.aslx), fit out of fold so that the trees below learn
from the scores it gives pages it never saw; the writer then makes the rows with those scores.
What it trains then, all gradient-boosted trees (LightGBM, deterministic, one thread of work per fit):
  content   unit is part of the article's content (body or heading), from the unit's own row
  content2  the same, from the row and the context of `content`'s probabilities (stacking)
  heading   a content unit is a heading, from the row and the context
  title, byline, date   rankers of a page's short units (LightGBM lambdarank, a page a query), from
            the row and the context: the best-ranked unit is taken when its score reaches a threshold
and the decoder's numbers (decoder.json): the transitions of the states of a page (before the
article, body, heading, a gap inside it, after it) counted on the train pages, and the thresholds
above which the best title, byline and date candidates are taken, chosen on out-of-fold
predictions of the train pages.
"""
import argparse, collections, hashlib, json, math, os, struct, subprocess, sys, tempfile

import numpy as np
import lightgbm as lgb
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import asgb  # noqa: E402
import decode  # noqa: E402
import manifest  # noqa: E402

CLASSES = ['outside', 'body', 'heading', 'title', 'byline', 'date']
META = ['none', 'title', 'byline', 'date']
# Units longer than this are never the title, the byline or the date (features.rs OVERLAP_WORDS).
META_WORDS = 40
# Decoder states, in the order of src/core/model/decode.rs.
STATES = ['before', 'body', 'heading', 'gap', 'after']

# LightGBM settings: small trees (the models ship inside the page's WebAssembly), deterministic.
BASE = dict(num_leaves=15, min_data_in_leaf=40, feature_fraction=0.8,
            bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0, deterministic=True,
            force_row_wise=True, num_threads=2, seed=1, verbose=-1)
# The decoder's numbers searched on out-of-fold predictions (decode.rs): emission weights, content
# priors (scaled against the train share) and heading weights.
EMISSION_WEIGHTS = (1.0, 2.0, 3.0, 5.0, 10.0)
PRIOR_SCALES = (0.5, 0.7, 0.85, 1.0, 1.2, 1.5)
HEADING_WEIGHTS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
RULE_WEIGHTS = (1.0, 2.0, 4.0, 8.0)
# How much out-of-fold content F1 (units) a larger rules' weight may cost and still be taken: where
# the train pages cannot tell the weights apart, the decoder defers to the rules.
RULE_MARGIN = 0.002
# The page types, in the order of src/core/model/mod.rs PAGE_TYPES.
PAGE_TYPES = ['article', 'service', 'product', 'collection', 'forum', 'listing', 'documentation']
# Boosting rounds and learning rates: the models ship inside the page's WebAssembly (about 40 KB
# gzip for all four), so the first-stage content model (whose output is only context for the
# second) is kept short with larger steps.
ROUNDS = {'content': 50, 'content2': 80, 'heading': 60, 'title': 400, 'byline': 150, 'date': 100, 'page-type': 15,
          'selector': 40}
RATES = {'content': 0.18, 'content2': 0.12, 'heading': 0.13, 'title': 0.05, 'byline': 0.05, 'date': 0.05,
         'page-type': 0.3, 'selector': 0.1}
# The rankers' trees: which of a page's short lines is its title is decided by many small
# distinctions (out of fold, 50 rounds of 15 leaves found 671 of 980 titles, 400 rounds 704): many
# rounds of small trees, which cost the least bytes a round.
RANKER_PARAMS = {'title': {'num_leaves': 7, 'min_data_in_leaf': 20}, 'byline': {'num_leaves': 7},
                 'date': {'num_leaves': 7}}


def read_rows(folder, names_file, rows_file):
    names = open(os.path.join(folder, names_file), encoding='utf-8').read().split()
    x = np.fromfile(os.path.join(folder, rows_file), dtype='<f4').reshape(-1, len(names))
    return names, x


def unit_labels(units, labels_dir):
    """The class of each unit, and whether it is content. The class is title, byline or date when
    one of its lines is; otherwise the commonest label of its lines (blank lines aside). A unit is
    content when most of its lines are body or heading, or when its title, byline or date line is
    main content as well (`in_content`: a forum post's header, a product name the content repeats).
    Also, for each unit, whether the scorer would take it as the title, the byline, the date (one of
    its lines has label.py's `scores`): the rankers' targets."""
    cache = {}
    y = np.zeros(len(units), dtype=np.int64)
    content = np.zeros(len(units), dtype=np.int64)
    scores = np.zeros((len(units), 3), dtype=bool)
    for k, (pid, _, first, last) in enumerate(units):
        if pid not in cache:
            path = os.path.join(labels_dir, pid + '.json')
            lines = json.load(open(path, encoding='utf-8'))['lines'] if os.path.exists(path) else []
            cache[pid] = {e['n']: e for e in lines}
        entries = [e for e in (cache[pid].get(n) for n in range(first, last + 1)) if e and e['label'] != 'blank']
        labs = [e['label'] for e in entries]
        special = [lab for lab in ('title', 'byline', 'date') if lab in labs]
        top = collections.Counter(labs).most_common(1)[0][0] if labs else 'outside'
        if special:
            y[k] = CLASSES.index(special[0])
        else:
            y[k] = CLASSES.index(top) if top in CLASSES else 0
        inside = sum(e['label'] in ('body', 'heading') or e.get('in_content', False) for e in entries)
        content[k] = int(bool(entries) and 2 * inside > len(entries))
        for j, ch in enumerate('tad'):
            scores[k, j] = any(ch in e.get('scores', '') for e in entries)
    return y, content, scores


def fit(kind, x, y, params, rounds):
    params = {**BASE, 'learning_rate': RATES[kind], **params}
    return lgb.train(params, lgb.Dataset(x, y, free_raw_data=True), num_boost_round=rounds)


def binary(kind, x, y):
    return fit(kind, x, y, {'objective': 'binary'}, ROUNDS[kind])


def unit_f1(pred, gold, w):
    """Word-weighted F1 of the units taken (`pred`) against the content units (`gold`)."""
    tp, pk, gd = (w * (pred & gold)).sum(), (w * pred).sum(), (w * gold).sum()
    if gd == 0:
        return 1.0 if pk == 0 else 0.0
    return 2 * tp / (pk + gd) if pk + gd else 0.0


def selector_extra(kept, rule_kept, w, p):
    """features.rs `selector_row` beyond the page row: the models' reading (`kept`) against the
    rules' (`rule_kept`), by units and words (`w`), and the mean probability `p` where the rules keep
    and drop units."""
    n = len(kept)
    total = w.sum()
    share = lambda a, b: float(a / b) if b > 0 else 0.0
    agree = kept == rule_kept
    return [share(agree.sum(), n), share(w[agree].sum(), total), share(w[kept].sum(), total),
            share(w[rule_kept].sum(), total), share(w[kept & ~rule_kept].sum(), total),
            share(w[rule_kept & ~kept].sum(), total), share(p[rule_kept].sum(), rule_kept.sum()),
            share(p[~rule_kept].sum(), (~rule_kept).sum())]


def page_classifier(rows, y):
    """The page type from a page's row: small trees, as there is one row a page."""
    params = {**BASE, 'learning_rate': RATES['page-type'], 'objective': 'multiclass', 'num_class': len(PAGE_TYPES),
              'num_leaves': 7, 'min_data_in_leaf': 10}
    return lgb.train(params, lgb.Dataset(rows, y), num_boost_round=ROUNDS['page-type'])


def selector_model(rows, y, w):
    """Whether the rules' reading of a page is the better one, from its selector row."""
    params = {**BASE, 'learning_rate': RATES['selector'], 'objective': 'binary', 'num_leaves': 7,
              'min_data_in_leaf': 10}
    return lgb.train(params, lgb.Dataset(rows, y, weight=w), num_boost_round=ROUNDS['selector'])


def ranker(kind, x, target, pages, rows_of):
    """A model that ranks the short units of a page: the one that is the title (byline, date)
    first (LightGBM's lambdarank, each page a query)."""
    rows = [r for p in pages for r in rows_of[p]]
    groups = [len(rows_of[p]) for p in pages if rows_of[p]]
    params = {**BASE, 'learning_rate': RATES[kind], 'objective': 'lambdarank', 'lambdarank_truncation_level': 10,
              'eval_at': [1], **RANKER_PARAMS.get(kind, {})}
    return lgb.train(params, lgb.Dataset(x[rows], target[rows], group=groups), num_boost_round=ROUNDS[kind])


def folds_of(pages, truth, k):
    """Fold number per page, by a hash of its domain (no domain in two folds)."""
    return {p: int(hashlib.md5(truth[p]['domain'].encode()).hexdigest(), 16) % k for p in pages}


def out_of_fold(train_fn, predict_fn, x, y, mask, fold_of_row, k):
    """Out-of-fold predictions on the rows in `mask`: each fold predicted by a model trained on
    the others."""
    out = None
    for f in range(k):
        tr = mask & (fold_of_row != f)
        te = mask & (fold_of_row == f)
        if not te.any() or not tr.any():
            continue
        model = train_fn(x[tr], y[tr])
        p = predict_fn(model, x[te])
        if out is None:
            out = np.zeros((len(x),) + p.shape[1:])
        out[te] = p
    return out


def context_rows(writer, data, ids, folder, lex_file, p):
    """Runs the feature writer for the context rows of `ids`, given the lexical scores in `lex_file`
    and the probabilities `p`."""
    pfile = os.path.join(folder, 'p1.f64')
    p.astype('<f8').tofile(pfile)
    idfile = os.path.join(folder, 'ids.txt')
    open(idfile, 'w').write('\n'.join(ids) + '\n')
    subprocess.run([writer, 'context', data, idfile, folder, lex_file, pfile], check=True)
    cnames, c = read_rows(folder, 'context_names.txt', 'context.f32')
    pnames, pages = read_rows(folder, 'page_names.txt', 'page.f32')
    kept = np.fromfile(os.path.join(folder, 'rule_kept.u8'), dtype=np.uint8).astype(bool)
    return cnames, c, pnames, pages, kept


# The lexical model (src/core/model/lexical.rs): a logistic regression over hashed tokens, its
# strongest weights kept and quantized to 8 bits.
LEX_BUCKETS = 1 << 18
# Weights kept: the tokens that carry most weight (the rest add little and would cost the page's
# WebAssembly about 1.2 bytes each).
LEX_KEEP = 4096
# Inverse regularization strength of the logistic regression (scikit-learn's C; its default).
LEX_C = 1.0


def read_tokens(path, n_units):
    """The units' token buckets as a sparse matrix, each row scaled to unit length (as lexical.rs
    scores), and the number of tokens of each unit."""
    raw = np.fromfile(path, dtype='<u4')
    indptr, indices, at = [0], [], 0
    for _ in range(n_units):
        k = int(raw[at])
        indices.append(raw[at + 1:at + 1 + k])
        at += 1 + k
        indptr.append(indptr[-1] + k)
    assert at == len(raw), 'tokens.u32 holds exactly one list a unit'
    counts = np.diff(indptr)
    data = np.repeat(1.0 / np.sqrt(np.maximum(counts, 1)), counts)
    m = sp.csr_matrix((data, np.concatenate(indices) if indices else np.zeros(0, np.uint32), indptr),
                      shape=(n_units, LEX_BUCKETS))
    return m, counts


def fit_lexicon(m, target):
    """A logistic regression over the token matrix, pruned to its LEX_KEEP largest weights and
    quantized: (bias, scale, buckets, 8-bit weights), bias and scale as float32."""
    lr = LogisticRegression(C=LEX_C, solver='liblinear', max_iter=500).fit(m, target)
    w = lr.coef_[0]
    keep = np.sort(np.argsort(-np.abs(w), kind='stable')[:LEX_KEEP])
    keep = keep[w[keep] != 0]
    scale = np.float32(np.abs(w[keep]).max() / 127.0 if len(keep) else 1.0)
    q = np.clip(np.round(w[keep] / float(scale)), -127, 127).astype(np.int8)
    return np.float32(lr.intercept_[0]), scale, keep.astype(np.uint32), q


def lexicon_scores(lexicon, m, counts):
    """The scores lexical.rs gives: bias + scale * (sum of the integer weights of the unit's
    tokens) / sqrt(tokens), in float64, as float32."""
    bias, scale, keys, q = lexicon
    dense = np.zeros(LEX_BUCKETS, dtype=np.int64)
    dense[keys] = q
    present = m.copy()
    present.data = np.ones_like(present.data)
    isum = present @ dense
    out = np.empty(m.shape[0], dtype=np.float32)
    for k in range(m.shape[0]):
        out[k] = np.float32(float(bias) + (float(scale) * float(isum[k])) / math.sqrt(max(int(counts[k]), 1)))
    return out


def write_lexicon(lexicon, path):
    """The "ASLX" file of lexical.rs."""
    bias, scale, keys, q = lexicon
    out = bytearray(b'ASLX') + struct.pack('<II', 1, len(keys)) + bias.astype('<f4').tobytes() + \
        scale.astype('<f4').tobytes()
    prev = 0
    for k in keys.tolist():
        gap, prev = k - prev, k
        while True:
            b, gap = gap & 0x7f, gap >> 7
            out.append(b | (0x80 if gap else 0))
            if not gap:
                break
    out += q.tobytes()
    with open(path, 'wb') as f:
        f.write(out)
    return bytes(out)


def transitions(y, is_content, pages):
    """Counts of state changes over the train pages, Laplace-smoothed, as log-probabilities are
    taken by the decoder: returned as probabilities (rows sum to 1) with the start distribution."""
    s = len(STATES)
    counts = np.ones((s, s))
    start = np.ones(s)
    # Moves the decoder never makes: before after content, gap at the edges.
    forbidden = [(0, 3), (0, 4), (3, 0), (3, 4), (4, 0), (4, 1), (4, 2), (4, 3), (1, 0), (2, 0)]
    for a, b in forbidden:
        counts[a, b] = 0
    start[3] = start[4] = 0
    for rows in pages:
        content = [bool(is_content[r]) for r in rows]
        if not any(content):
            continue
        first = content.index(True)
        last = len(content) - 1 - content[::-1].index(True)
        states = []
        for j, r in enumerate(rows):
            if content[j] and y[r] == 2:
                states.append(2)
            elif content[j]:
                states.append(1)
            elif j < first:
                states.append(0)
            elif j > last:
                states.append(4)
            else:
                states.append(3)
        start[states[0]] += 1
        for a, b in zip(states, states[1:]):
            counts[a, b] += 1
    return (counts / counts.sum(1, keepdims=True)).tolist(), (start / start.sum()).tolist()


def page_scores(states_of, ids, rows_of_page, is_content, is_heading, words):
    """Mean over pages of the word-weighted F1 of the content units, and the F1 of the heading units
    over all pages: what the eval's content and headings scores measure, on units."""
    f1s, tp_h, np_h, ng_h = [], 0, 0, 0
    for p in ids:
        rows = np.array(rows_of_page[p])
        st = states_of[p]
        kept = (st == decode.BODY) | (st == decode.HEADING)
        gold = is_content[rows] == 1
        w = words[rows]
        tp, pk, gd = (w * (kept & gold)).sum(), (w * kept).sum(), (w * gold).sum()
        if gd == 0:
            f1s.append(1.0 if pk == 0 else 0.0)
        else:
            f1s.append(2 * tp / (pk + gd) if pk + gd else 0.0)
        ph, gh = st == decode.HEADING, is_heading[rows] == 1
        tp_h += int((ph & gh).sum()); np_h += int(ph.sum()); ng_h += int(gh.sum())
    hp = tp_h / np_h if np_h else 0.0
    hr = tp_h / ng_h if ng_h else 0.0
    return float(np.mean(f1s)), (2 * hp * hr / (hp + hr) if hp + hr else 0.0)


def tune_decoder(ids, rows_of_page, c, h, kept, page_type, is_content, is_heading, words, start, trans, share):
    """Searches the decoder's numbers on out-of-fold predictions: the emission weight and prior for
    the content score, then the heading weight for the headings' score as long as the content score
    holds, then per page type (as the page-type model predicts it out of fold) the rules' weight:
    the largest whose content score on that type's pages is within RULE_MARGIN of the best."""
    with np.errstate(divide='ignore'):
        ls, lt = np.log(np.array(start)), np.log(np.array(trans))

    def run(weight, prior, hw, rule_weight=lambda p: 1.0, pages=ids):
        states = {p: decode.decode_fast(c[rows_of_page[p]], h[rows_of_page[p]], kept[rows_of_page[p]],
                                        rule_weight(p), ls, lt, prior, hw, weight)
                  for p in pages}
        return page_scores(states, pages, rows_of_page, is_content, is_heading, words)

    best = None
    for weight in EMISSION_WEIGHTS:
        for scale in PRIOR_SCALES:
            cf, hf = run(weight, share * scale, 1.0)
            if best is None or cf > best[0] + 1e-9:
                best = (cf, hf, weight, share * scale, 1.0)
    cf0, _, weight, prior, _ = best
    for hw in HEADING_WEIGHTS:
        cf, hf = run(weight, prior, hw)
        if cf >= cf0 - 0.001 and hf > best[1] + 1e-9:
            best = (cf, hf, weight, prior, hw)
    cf, hf, weight, prior, hw = best
    print(f'decoder: emission weight {weight}, content prior {prior:.4f}, heading weight {hw}: '
          f'out of fold, content F1 {cf:.4f}, headings F1 {hf:.4f} (units)')
    rule_weights = []
    for t in range(len(PAGE_TYPES)):
        pages = [p for p in ids if page_type[p] == t]
        if not pages:
            rule_weights.append(1.0)
            continue
        scores = [(run(weight, prior, hw, lambda p, r=r: r, pages)[0], r) for r in RULE_WEIGHTS]
        top = max(f for f, _ in scores)
        chosen = max(r for f, r in scores if f >= top - RULE_MARGIN)
        rule_weights.append(chosen)
        print(f'  {PAGE_TYPES[t]}: rules weight {chosen} ({len(pages)} pages; content F1 ' +
              ', '.join(f'{f:.4f} at {r}' for f, r in scores) + ')')
    return {'weight': weight, 'prior': round(prior, 6), 'heading_weight': hw, 'rule_weights': rule_weights}


def write_check_cases(path, decoder, ids, rows_of_page, c, h, kept, pages=6):
    """A few pages' probabilities with the Python decoder's states (with each of the rules' weights
    in turn), for decode.rs to check against."""
    cases = []
    for k, p in enumerate(ids[:pages]):
        rows = rows_of_page[p]
        cc = [round(float(v), 6) for v in c[rows]]
        hh = [round(float(v), 6) for v in h[rows]]
        kk = [bool(v) for v in kept[rows]]
        rw = float(RULE_WEIGHTS[k % len(RULE_WEIGHTS)])
        states = decode.decode(cc, hh, kk, rw, decoder['start'], decoder['transitions'], decoder['content_prior'],
                               decoder['heading_weight'], decoder['emission_weight'])
        cases.append({'content': cc, 'heading': hh, 'rule_kept': kk, 'rule_weight': rw, 'states': states})
    with open(path, 'w') as f:
        json.dump(cases, f)
        f.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--features')
    ap.add_argument('--labels')
    ap.add_argument('--writer')
    ap.add_argument('--out')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--folds-of', help='print "page<TAB>fold" for the page ids in this file and stop')
    args = ap.parse_args()

    truth = {}
    for line in open(os.path.join(args.data, 'ground-truth.jsonl'), encoding='utf-8'):
        g = json.loads(line)
        truth[g['id']] = g
    if args.folds_of:
        pages = open(args.folds_of).read().split()
        for p, f in folds_of(pages, truth, args.folds).items():
            print(f'{p}\t{f}')
        return
    if not (args.features and args.labels and args.writer and args.out):
        ap.error('--features, --labels, --writer and --out are needed to train')
    units = []
    for line in open(os.path.join(args.features, 'units.tsv'), encoding='utf-8'):
        pid, k, a, b = line.rstrip('\n').split('\t')
        units.append((pid, int(k), int(a), int(b)))
    ids = list(dict.fromkeys(u[0] for u in units))
    y, is_content, meta_target = unit_labels(units, args.labels)
    pid = np.array([u[0] for u in units])
    fold = folds_of(ids, truth, args.folds)
    fold_of_row = np.array([fold[p] for p in pid])

    # The lexical model, out of fold for the rows the line models learn from, then on every page.
    tokens, counts = read_tokens(os.path.join(args.features, 'tokens.u32'), len(units))
    lex_oof = np.zeros(len(units), dtype=np.float32)
    for f in range(args.folds):
        tr, te = fold_of_row != f, fold_of_row == f
        if tr.any() and te.any() and len(set(is_content[tr])) == 2:
            lex_oof[te] = lexicon_scores(fit_lexicon(tokens[tr], is_content[tr]), tokens[te], counts[te])
    lexicon = fit_lexicon(tokens, is_content)
    lex_file = os.path.join(args.features, 'lex.f32')
    lex_oof.astype('<f4').tofile(lex_file)
    idfile = os.path.join(args.features, 'ids-with-units.txt')
    open(idfile, 'w').write('\n'.join(ids) + '\n')
    subprocess.run([args.writer, 'rows', args.data, idfile, args.features, lex_file], check=True)
    names, x = read_rows(args.features, 'names.txt', 'features.f32')
    assert len(x) == len(units)
    rows_of_page = collections.defaultdict(list)
    for r, p in enumerate(pid):
        rows_of_page[p].append(r)
    every = np.ones(len(x), dtype=bool)
    print(f'{len(ids)} pages, {len(x)} units; classes ' +
          ', '.join(f'{c} {n}' for c, n in zip(CLASSES, np.bincount(y, minlength=len(CLASSES)))))
    words_all = x[:, names.index('words')]
    lex_f1 = np.mean([unit_f1(lex_oof[r] > 0, is_content[r] == 1, words_all[r]) for r in map(np.array, rows_of_page.values())])
    print(f'lexicon: {len(lexicon[2])} weights; out of fold, content F1 {lex_f1:.4f} (units) on its own')

    # Stage 1: content from the unit's own row.
    prob = lambda m, xx: m.predict(xx)
    p1_oof = out_of_fold(lambda a, b: binary('content', a, b), prob, x, is_content, every, fold_of_row, args.folds)
    content = binary('content', x, is_content)

    # Stage 2 rows: the unit's row and its context from the out-of-fold stage-1 probabilities
    # (what a model that never saw the page would have said).
    work = tempfile.mkdtemp(prefix='learn-context-')
    cnames, c, pnames, page_rows, kept = context_rows(args.writer, args.data, ids, work, lex_file, p1_oof)

    # The page type, from the page rows (one a page, in `ids` order), out of fold for the decoder.
    type_y = np.array([PAGE_TYPES.index(truth[p]['page_type']) if truth[p]['page_type'] in PAGE_TYPES else 0
                       for p in ids])
    page_fold = np.array([fold[p] for p in ids])
    page_type_model = page_classifier(page_rows, type_y)
    type_oof = np.zeros(len(ids), dtype=np.int64)
    for f in range(args.folds):
        tr, te = page_fold != f, page_fold == f
        if tr.any() and te.any():
            type_oof[te] = page_classifier(page_rows[tr], type_y[tr]).predict(page_rows[te]).argmax(1)
    print(f'page type: {np.mean(type_oof == type_y):.3f} right out of fold over {len(ids)} pages')
    predicted_type = dict(zip(ids, type_oof))
    x2 = np.hstack([x, c])
    names2 = names + cnames

    content2 = binary('content2', x2, is_content)
    in_content = is_content == 1
    is_heading = (y == 2).astype(np.int64)
    heading = binary('heading', x2[in_content], is_heading[in_content])

    # The decoder's numbers, chosen on out-of-fold stage-2 predictions.
    p2_oof = out_of_fold(lambda a, b: binary('content2', a, b), prob, x2, is_content, every, fold_of_row, args.folds)
    h_oof = np.zeros(len(x))
    for f in range(args.folds):
        tr, te = in_content & (fold_of_row != f), fold_of_row == f
        if tr.any() and te.any():
            h_oof[te] = binary('heading', x2[tr], is_heading[tr]).predict(x2[te])
    trans, start = transitions(y, is_content, [rows_of_page[p] for p in ids])
    words_all = x[:, names.index('words')]
    tuned = tune_decoder(ids, rows_of_page, p2_oof, h_oof, kept, predicted_type, is_content, is_heading, words_all,
                         start, trans, float(is_content.mean()))
    # The selector: whether the rules' reading of a page (their kept units) scores better than the
    # models' decoding of it, out of fold, weighted by how much better.
    with np.errstate(divide='ignore'):
        ls, lt = np.log(np.array(start)), np.log(np.array(trans))
    sel_rows, sel_y, sel_w, gains = [], [], [], []
    for k, p in enumerate(ids):
        rows = rows_of_page[p]
        rw = tuned['rule_weights'][predicted_type[p]]
        st = decode.decode_fast(p2_oof[rows], h_oof[rows], kept[rows], rw, ls, lt, tuned['prior'],
                                tuned['heading_weight'], tuned['weight'])
        mk = (st == decode.BODY) | (st == decode.HEADING)
        gold, w = is_content[rows] == 1, words_all[rows]
        fm, fr = unit_f1(mk, gold, w), unit_f1(kept[rows], gold, w)
        sel_rows.append(list(page_rows[k]) + selector_extra(mk, kept[rows], w, p2_oof[rows]))
        sel_y.append(int(fr > fm)); sel_w.append(abs(fr - fm) + 0.01); gains.append((fm, fr))
    sel_rows, sel_y, sel_w = np.array(sel_rows, dtype=np.float32), np.array(sel_y), np.array(sel_w)
    selector = selector_model(sel_rows, sel_y, sel_w)
    sel_oof = np.zeros(len(ids))
    for f in range(args.folds):
        tr, te = page_fold != f, page_fold == f
        if tr.any() and te.any():
            sel_oof[te] = selector_model(sel_rows[tr], sel_y[tr], sel_w[tr]).predict(sel_rows[te])
    # The selector's threshold: the lowest (the rules' reading taken most often) whose out-of-fold
    # score is within RULE_MARGIN of the best, as for the rules' weights.
    selected = lambda t: float(np.mean([fr if q >= t else fm for q, (fm, fr) in zip(sel_oof, gains)]))
    grid = [round(t, 3) for t in np.arange(0.05, 0.951, 0.025)]
    top = max(selected(t) for t in grid)
    sel_threshold = min(t for t in grid if selected(t) >= top - RULE_MARGIN)
    print(f'selector: rules better on {int(sel_y.sum())} of {len(ids)} pages; out of fold, the models alone '
          f'{np.mean([g[0] for g in gains]):.4f}, the rules alone {np.mean([g[1] for g in gains]):.4f}, '
          f'selected {selected(sel_threshold):.4f} at threshold {sel_threshold} (best {top:.4f}; rules taken on '
          f'{int((sel_oof >= sel_threshold).sum())} pages)')
    snames = pnames + ['agree_units', 'agree_words', 'model_words', 'rules_words', 'model_only_words',
                       'rules_only_words', 'p_where_rules_keep', 'p_where_rules_drop']

    # The candidates for title, byline and date (features.rs `meta_candidate`): short text lines
    # (shape 0) and Markdown headings (shape 2), not summary-list labels.
    shape = x[:, names.index('shape')]
    short = (words_all <= META_WORDS) & np.isin(shape, [0, 2]) & (x[:, names.index('summary_label')] == 0)
    meta_y = np.array([META.index(CLASSES[v]) if CLASSES[v] in META else 0 for v in y])
    short_rows = {p: [r for r in rows_of_page[p] if short[r]] for p in ids}
    rankers, thresholds = {}, {}
    for k, name in enumerate(META[1:], start=1):
        # Every unit the scorer would take is a right answer (a title printed twice, in a breadcrumb
        # and as the heading, is right either way); the one label.py chose, when the scorer takes
        # it, ranks above the others.
        target = meta_target[:, k - 1].astype(np.int64) * (1 + (meta_y == k))
        rankers[name] = ranker(name, x2, target, ids, short_rows)
        # The threshold on the best candidate's score, chosen on out-of-fold scores: a page is right
        # when the best candidate is taken and is the one, or when nothing is taken and the page
        # has none.
        oof = np.full(len(x), -np.inf)
        for f in range(args.folds):
            tr = [p for p in ids if fold[p] != f]
            te = [r for p in ids if fold[p] == f for r in short_rows[p]]
            if te:
                oof[te] = ranker(name, x2, target, tr, short_rows).predict(x2[te])
        cands = []
        for p in ids:
            rows = short_rows[p]
            has = any(target[r] for r in rows)
            if not rows:
                cands.append((-np.inf, False, has))
                continue
            top = max(rows, key=lambda r: (oof[r], -r))
            cands.append((oof[top], bool(target[top]), has))
        if name == 'title':
            # Every page has a title, and an article shown without one is never right (its
            # Markdown, read back, would also take its first short line for the title): the best
            # candidate is always taken.
            thresholds[name] = -1e9
            right = sum(ok for _, ok, _ in cands)
            print(f'title: always the best candidate ({right} of {len(ids)} pages right out of fold)')
            continue
        scores = sorted(q for q, _, _ in cands if np.isfinite(q))
        best = (-1, 0.0)
        for t in np.quantile(scores, np.linspace(0, 1, 81)) if scores else [0.0]:
            right = sum((q >= t and ok) or (q < t and not has) for q, ok, has in cands)
            if right > best[0]:
                best = (right, float(t))
        thresholds[name] = round(best[1], 4)
        print(f'{name}: threshold {thresholds[name]} ({best[0]} of {len(ids)} pages right out of fold)')

    os.makedirs(args.out, exist_ok=True)
    sizes = {}
    models = [('content', content, names), ('content2', content2, names2), ('heading', heading, names2)]
    models += [(name, rankers[name], names2) for name in META[1:]]
    models.append(('page-type', page_type_model, pnames))
    models.append(('selector', selector, snames))
    for name, model, nm in models:
        data = asgb.write(model, nm, os.path.join(args.out, name + '.asgb'))
        sizes[name] = len(data)
    sizes['lexicon'] = len(write_lexicon(lexicon, os.path.join(args.out, 'lexicon.aslx')))
    decoder = {
        'states': STATES,
        'start': start,
        'transitions': trans,
        'content_prior': tuned['prior'],
        'emission_weight': tuned['weight'],
        'heading_weight': tuned['heading_weight'],
        'rule_weights': tuned['rule_weights'],
        'selector_threshold': sel_threshold,
        'meta_thresholds': thresholds,
    }
    with open(os.path.join(args.out, 'decoder.json'), 'w') as f:
        json.dump(decoder, f, indent=1)
        f.write('\n')
    write_check_cases(os.path.join(args.out, 'decoder-check.json'), decoder, ids, rows_of_page, p2_oof, h_oof, kept)
    manifest.write(args.out, args.features, args.labels, len(ids),
                   {'lightgbm': lgb.__version__, 'numpy': np.__version__})
    print('model bytes:', sizes)


if __name__ == '__main__':
    main()
