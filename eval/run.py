#!/usr/bin/env python3
"""The eval gate: scores the structurer on ../shared/eval and fails when a score drops below its floor.

Usage: python3 eval/run.py [SET ...]      (sets: structure, structure-html, badinput-html, wcxb-train, wcxb,
                                          sentences, summary, keyphrase; default: all of these; and
                                          wcxb-cv, the train pages scored by cross-validation, after
                                          `scripts/train --cv`, only when named)
Environment: SHARED_DIR overrides the location of the shared data (default: the nearest shared/ beside the repo or one of its parents).

Floors live in eval/floors.json. Raise them as the structurer improves; never lower them silently.
Exit status: 0 when every score is at or above its floor, 1 when one is below, 2 on a setup error.
When the shared data is absent the command says so and exits 0 without scoring anything.
"""
import concurrent.futures, json, os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_shared():
    """SHARED_DIR, else the nearest `shared/` beside the repo or beside one of its parent folders."""
    if os.environ.get('SHARED_DIR'):
        return os.environ['SHARED_DIR']
    d = ROOT
    while os.path.dirname(d) != d:
        d = os.path.dirname(d)
        if os.path.isdir(os.path.join(d, 'shared', 'eval')):
            return os.path.join(d, 'shared')
    return os.path.join(os.path.dirname(ROOT), 'shared')


SHARED = find_shared()
EVAL = os.path.join(SHARED, 'eval')
FLOORS = json.load(open(os.path.join(ROOT, 'eval', 'floors.json'), encoding='utf-8'))
CLI = os.path.join(ROOT, 'target', 'release', 'structure')


def build_cli():
    subprocess.run(['cargo', 'build', '--release', '--quiet', '--bin', 'structure'], cwd=ROOT, check=True)


def run_cli(args, stdin_path=None):
    """Runs the structure CLI and returns its stdout (bytes)."""
    with open(stdin_path, 'rb') if stdin_path else open(os.devnull, 'rb') as f:
        return subprocess.run([CLI] + args, stdin=f, stdout=subprocess.PIPE, check=True).stdout


def gate(set_name, scores, columns):
    """Prints a table of scores beside floors and reference columns; returns the failures."""
    floors = FLOORS.get(set_name, {})
    names = list(columns)
    print(f"{'metric':16s} {'ours':>8s} {'floor':>8s} " + ' '.join(f'{n:>12s}' for n in names))
    failures = []
    for metric, value in scores.items():
        floor = floors.get(metric)
        refs = ' '.join(f"{columns[n].get(metric, ''):>12}" for n in names)
        mark = ''
        if floor is not None and value + 1e-9 < floor:
            mark = '  BELOW FLOOR'
            failures.append(f'{set_name}.{metric} = {value:.3f} < floor {floor}')
        fl = f'{floor:8.3f}' if floor is not None else f"{'-':>8s}"
        print(f'{metric:16s} {value:8.3f} {fl} {refs}{mark}')
    return failures


def eval_structure():
    """Plain-text path on the Readability test pages: each page's pasted.txt, scored by score_articles.py."""
    base = os.path.join(EVAL, 'structure')
    pages = os.path.join(base, 'pages')
    out = tempfile.mkdtemp(prefix='eval-structure-')
    for name in sorted(os.listdir(pages)):
        src = os.path.join(pages, name, 'pasted.txt')
        if os.path.exists(src):
            with open(os.path.join(out, name + '.json'), 'wb') as f:
                f.write(run_cli(['--format', 'json'], stdin_path=src))
    res = subprocess.run([sys.executable, os.path.join(base, 'score_articles.py'),
                          os.path.join(base, 'expected-blocks.json'), out],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    print(res.rstrip())
    f1 = lambda name: float(re.search(rf'^{name}\s.*F1=([0-9.]+)', res, re.M).group(1))
    scores = {
        'headings_f1': f1('headings'),
        'paragraphs_f1': f1('paragraphs'),
        'shingles_f1': f1('shingles'),
        'title': float(re.search(r'^title\s+accuracy=([0-9.]+)', res, re.M).group(1)),
    }
    baseline = {'headings_f1': '0.000', 'paragraphs_f1': '0.605', 'shingles_f1': '0.886', 'title': '0.000'}
    failures = gate('structure', scores, {'naive 40+': baseline})
    return failures + check_invariants(pages, out)


# The core's line ends (normalize.rs `line_end_at`): CR LF, LF, CR, VT, FF, NEL, U+2028, U+2029. The
# Article's `lines` count these, so every line number here must too.
LINE_END = re.compile('\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]')


def visible_line(line):
    """A line with something to see: not only spaces (any Unicode space) and invisible characters
    (the ones normalize drops: zero-width space, word joiner, BOM, soft hyphen)."""
    return any(not (ch.isspace() or ch in '\u200b\u2060\ufeff\u00ad') for ch in line)


def article_spans(a):
    """Every line range an Article JSON reports."""
    spans = [a[k]['lines'] for k in ('title', 'byline', 'published') if a.get(k)]
    for k in ('key_points', 'takeaways'):
        c = a.get(k)
        if c:
            spans += ([c['label']['lines']] if c.get('label') else []) + [i['lines'] for i in c['items']]
    for sec in a['sections']:
        spans += ([sec['heading']['lines']] if sec.get('heading') else []) + [b['lines'] for b in sec['blocks']]
    return spans + [r['lines'] for r in a['removed']]


def article_content(a):
    """What a reader sees, without line numbers (title, callout items, headings, blocks)."""
    out = [('title', a['title']['text'])] if a.get('title') else []
    for k in ('key_points', 'takeaways'):
        if a.get(k):
            out += [('item', i['text']) for i in a[k]['items']]
    for sec in a['sections']:
        if sec.get('heading'):
            out.append(('h%d' % sec['level'], sec['heading']['text']))
        out += [(b['kind'], b['text']) for b in sec['blocks']]
    return out


def check_invariants(pages, out):
    """On every page: nothing lost (each non-blank input line lies in a reported span) and the
    Markdown rendering structures back into the same article."""
    lost, changed, n = [], [], 0
    for name in sorted(os.listdir(pages)):
        src = os.path.join(pages, name, 'pasted.txt')
        if not os.path.exists(src):
            continue
        n += 1
        a = json.load(open(os.path.join(out, name + '.json'), encoding='utf-8'))
        text = open(src, 'rb').read().decode('utf-8')
        covered = set()
        for first, last in article_spans(a):
            covered.update(range(first, last + 1))
        visible = visible_line
        lines = LINE_END.split(text)
        missing = [i + 1 for i, l in enumerate(lines) if visible(l) and i + 1 not in covered]
        if missing:
            lost.append(f'{name}: lines {missing[:5]}')
        md = run_cli(['--format', 'markdown'], stdin_path=src)
        again = json.loads(subprocess.run([CLI, '--format', 'json'], input=md, stdout=subprocess.PIPE, check=True).stdout)
        if article_content(again) != article_content(a):
            changed.append(name)
    print(f'invariants: {n} pages; nothing lost on {n - len(lost)}; Markdown round trip unchanged on {n - len(changed)}')
    return [f'structure: lines lost on {x}' for x in lost] + [f'structure: round trip changed {x}' for x in changed]


# The types of page in WCXB; on none may the structurer fall under the 40+ character line filter
# (every line of 40+ characters of pasted.txt kept as a paragraph), scored on the same pages.
WCXB_TYPES = ('article', 'service', 'product', 'collection', 'forum', 'listing', 'documentation')


def line_filter_article(text):
    """The baseline: every line of 40 or more characters as a paragraph, as Article JSON."""
    blocks = [{'kind': 'paragraph', 'text': l.strip(), 'lines': [i + 1, i + 1]}
              for i, l in enumerate(LINE_END.split(text)) if len(l.strip()) >= 40]
    return {'schema': 1, 'sections': [{'heading': None, 'level': 2, 'blocks': blocks}] if blocks else []}


def score_wcxb(base, out, ids):
    """Runs WCXB's scorer on `out` for the page ids in `ids`; returns its figures and the per-type F1."""
    idfile = os.path.join(out, 'ids.txt')
    open(idfile, 'w').write('\n'.join(ids) + '\n')
    res = subprocess.run([sys.executable, os.path.join(base, 'score_articles.py'), os.path.join(base, 'ground-truth.jsonl'),
                          out, '--ids', idfile, '--per-type'], stdout=subprocess.PIPE, text=True, check=True).stdout
    get = lambda pat: float(re.search(pat, res, re.M).group(1))
    types = {m[1]: float(m[2]) for m in re.finditer(r'^\s+(\w+)\s+\d+ pages\s+F1=([0-9.]+)', res, re.M)}
    scores = {
        'content_f1': get(r'^content\s.*F1=([0-9.]+)'),
        'article_f1': types.get('article', 0.0),
        'empty50': get(r'^empty\s.*\((\d+) whose'),
        'headings_f1': get(r'^headings\s.*F1=([0-9.]+)'),
        'title': get(r'^title\s+accuracy=([0-9.]+)'),
        'author': get(r'^author\s+accuracy=([0-9.]+)'),
        'date': get(r'^date\s+accuracy=([0-9.]+)'),
    }
    return res, scores, types


def eval_wcxb_split(split, gate_it, models=None):
    """WCXB pasted text (the plain-text path): every page of the split through the CLI, scored by
    WCXB's scorer, beside the 40+ character line filter on the same pages."""
    base = os.path.join(EVAL, 'wcxb')
    ids = json.load(open(os.path.join(base, 'split.json')))[split]
    # --models DIR per page (the cross-validation's fold models), or the built-in models.
    models = models or {}
    out = tempfile.mkdtemp(prefix=f'eval-wcxb-{split}-')
    naive = tempfile.mkdtemp(prefix=f'eval-wcxb-{split}-naive-')

    def one(pid):
        """Structures one page; returns whether a line was lost and whether the round trip changed."""
        src = os.path.join(base, 'pages', pid, 'pasted.txt')
        extra = ['--models', models[pid]] if pid in models else []
        raw = run_cli(['--format', 'json'] + extra, stdin_path=src)
        with open(os.path.join(out, pid + '.json'), 'wb') as f:
            f.write(raw)
        text = open(src, 'rb').read().decode('utf-8', 'replace')
        json.dump(line_filter_article(text), open(os.path.join(naive, pid + '.json'), 'w'))
        a = json.loads(raw)
        md = run_cli(['--format', 'markdown'] + extra, stdin_path=src)
        again = json.loads(subprocess.run([CLI, '--format', 'json'] + extra, input=md, stdout=subprocess.PIPE,
                                          check=True).stdout)
        return bool(missing_lines(a, text)), article_content(again) != article_content(a)

    # The pages are independent: one CLI process per core at a time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = list(pool.map(one, ids))
    lost = [pid for pid, (l, _) in zip(ids, results) if l]
    changed = [pid for pid, (_, c) in zip(ids, results) if c]
    res, scores, types = score_wcxb(base, out, ids)
    _, naive_scores, naive_types = score_wcxb(base, naive, ids)
    print(res.rstrip())
    print(f'invariants: {len(ids)} pages; nothing lost on {len(ids) - len(lost)}; '
          f'Markdown round trip unchanged on {len(ids) - len(changed)}')
    print(f"{'page type':16s} {'ours':>8s} {'40+ lines':>10s}")
    below = []
    for t in WCXB_TYPES:
        if t in types:
            mark = '  BELOW THE LINE FILTER' if types[t] + 1e-9 < naive_types[t] else ''
            print(f'{t:16s} {types[t]:8.3f} {naive_types[t]:10.3f}{mark}')
            if mark:
                below.append(f'wcxb-{split}: {t} F1 {types[t]:.3f} below the 40+ line filter {naive_types[t]:.3f}')
    if changed:
        print(f"round trip changed on: {', '.join(changed[:20])}{' ...' if len(changed) > 20 else ''}")
    scores['roundtrip'] = (len(ids) - len(changed)) / max(1, len(ids))
    naive_scores['roundtrip'] = 1.0
    failures = [f'wcxb-{split}: lines lost on {x}' for x in lost[:10]]
    return scores, naive_scores, failures + (below if gate_it else [])


WCXB_TRAIN = {}


def eval_wcxb_train():
    """The train split: what the models were trained and the rules tuned on; printed beside the
    validation figures, never gated on (a train figure says little about the next page)."""
    scores, naive, failures = eval_wcxb_split('train', gate_it=False)
    WCXB_TRAIN.update(scores)
    gate('wcxb-train', scores, {'40+ lines': {k: f'{v:.3f}' for k, v in naive.items()}})
    return failures


def eval_wcxb_cv():
    """The train split scored by cross-validation: each page with the models of `scripts/train --cv`
    that were trained without its fold (its domain's pages), so the figures say how the structurer
    does on pages it never saw, as the validation split does, with four times as many pages. Not
    gated (the fold models are not the committed ones)."""
    cv = os.path.join(ROOT, 'target', 'learn-cv')
    folds = os.path.join(cv, 'folds.tsv')
    if not os.path.exists(folds):
        print(f'no cross-validation models: {folds} is absent (run scripts/train --cv first)')
        return []
    models = {}
    for line in open(folds):
        pid, k = line.split()
        models[pid] = os.path.join(cv, f'fold-{k}')
    scores, naive, failures = eval_wcxb_split('train', gate_it=False, models=models)
    WCXB_CV.update(scores)
    gate('wcxb-cv', scores, {'40+ lines': {k: f'{v:.3f}' for k, v in naive.items()}})
    return failures


WCXB_CV = {}


def eval_wcxb():
    """The validation split (never used to learn or tune): gated on eval/floors.json, with the train
    figures beside it when wcxb-train ran first."""
    scores, naive, failures = eval_wcxb_split('validation', gate_it=True)
    cols = {'train': {k: f'{v:.3f}' for k, v in WCXB_TRAIN.items()}} if WCXB_TRAIN else {}
    if WCXB_CV:
        cols['train (cv)'] = {k: f'{v:.3f}' for k, v in WCXB_CV.items()}
    cols['40+ lines'] = {k: f'{v:.3f}' for k, v in naive.items()}
    # Empty articles are a ceiling, not a floor: gate them as "at most".
    floors = FLOORS.get('wcxb', {})
    cap = floors.get('empty50_max')
    if cap is not None and scores['empty50'] > cap:
        failures.append(f"wcxb.empty50 = {scores['empty50']:.0f} > at most {cap}")
    return failures + gate('wcxb', {k: v for k, v in scores.items() if k != 'empty50'}, cols)


def missing_lines(a, text):
    """The non-blank input lines that no span of the Article JSON covers."""
    covered = set()
    for first, last in article_spans(a):
        covered.update(range(first, last + 1))
    visible = visible_line
    return [i + 1 for i, l in enumerate(LINE_END.split(text)) if visible(l) and i + 1 not in covered]


def eval_structure_html():
    """HTML path on the Readability test pages: each page's source.html through `structure --html`,
    scored by score_articles.py. Peer columns are the published shingle F1 of HTML extractors on
    the article-extraction benchmark (../shared/eval/README.md): a comparison, not the same pages."""
    base = os.path.join(EVAL, 'structure')
    pages = os.path.join(base, 'pages')
    out = tempfile.mkdtemp(prefix='eval-structure-html-')
    for name in sorted(os.listdir(pages)):
        src = os.path.join(pages, name, 'source.html')
        if os.path.exists(src):
            with open(os.path.join(out, name + '.json'), 'wb') as f:
                f.write(run_cli(['--html', '--format', 'json'], stdin_path=src))
    res = subprocess.run([sys.executable, os.path.join(base, 'score_articles.py'),
                          os.path.join(base, 'expected-blocks.json'), out],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    print(res.rstrip())
    f1 = lambda name: float(re.search(rf'^{name}\s.*F1=([0-9.]+)', res, re.M).group(1))
    scores = {
        'headings_f1': f1('headings'),
        'paragraphs_f1': f1('paragraphs'),
        'shingles_f1': f1('shingles'),
        'title': float(re.search(r'^title\s+accuracy=([0-9.]+)', res, re.M).group(1)),
    }
    peers = {
        'issue-7 gate': {'headings_f1': '0.850', 'paragraphs_f1': '0.900', 'shingles_f1': '0.950', 'title': '0.850'},
        'trafilatura': {'shingles_f1': '0.958'},
        'Readability': {'shingles_f1': '0.947'},
        'newspaper4k': {'shingles_f1': '0.949'},
        'whole page': {'shingles_f1': '0.665'},
    }
    return gate('structure-html', scores, peers)


def eval_badinput_html():
    """Hostile input through `structure --html`, one process per string: DOMPurify's 223 XSS
    payloads and the Big List of Naughty Strings (../shared/badinput). A case passes when the CLI
    exits 0 with Article JSON (no panic) within 10 s. Scores are the share of cases that pass."""
    base = os.path.join(SHARED, 'badinput')
    scores = {}
    for label, fname in (('xss_ok', 'xss-payloads.json'), ('blns_ok', 'blns.json')):
        cases = json.load(open(os.path.join(base, fname), encoding='utf-8'))
        cases = [c.get('payload', '') if isinstance(c, dict) else str(c) for c in cases]
        ok, slowest, bad = 0, 0.0, []
        for c in cases:
            t0 = time.monotonic()
            try:
                r = subprocess.run([CLI, '--html', '--format', 'json'], input=c.encode('utf-8', 'surrogatepass'),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=10)
                good = r.returncode == 0 and json.loads(r.stdout).get('schema') == 1
            except (subprocess.TimeoutExpired, ValueError):
                good = False
            slowest = max(slowest, time.monotonic() - t0)
            ok += good
            if not good:
                bad.append(c[:60])
        print(f'{fname}: {ok}/{len(cases)} ok, slowest {slowest:.2f} s' + (f'; failing: {bad[:5]}' if bad else ''))
        scores[label] = ok / max(1, len(cases))
    return gate('badinput-html', scores, {})


def norm_ws(s):
    return ' '.join(s.split())


def read_sentencex(path):
    """sentencex's own test-file convention (its Rust test runner): cases are separated by '===';
    lines starting with '#' are comments and are dropped; the rest is trimmed and split on '---' into
    exactly two non-empty parts, the input and the expected segments, one per line; cases of any
    other shape are skipped."""
    cases = []
    for chunk in open(path, encoding='utf-8').read().replace('\r\n', '\n').split('==='):
        kept = '\n'.join(l for l in chunk.split('\n') if not l.lstrip().startswith('#')).strip()
        if not kept:
            continue
        parts = [p.strip() for p in kept.split('---') if p.strip()]
        if len(parts) != 2:
            continue
        cases.append((parts[0], [x for x in (norm_ws(l) for l in parts[1].split('\n')) if x]))
    return cases


def read_golden_json(path, unescape=False):
    """pySBD's and pragmatic_segmenter's golden rules: a JSON list of {text, expected}. The
    pragmatic file keeps the Ruby spec's escapes literally in its texts (a backslash-n for a line
    break, a backslash-quote for a quote); with unescape=True they are decoded as the spec meant."""
    cases = []
    for c in json.load(open(path, encoding='utf-8')):
        text = c['text']
        if unescape:
            text = text.replace('\\n', '\n').replace('\\"', '"')
        cases.append((text, [norm_ws(x) for x in c['expected'] if norm_ws(x)]))
    return cases


def segment_exact(cases, label):
    """% of cases whose segments (whitespace-normalised, empty ones dropped) equal the expected list."""
    ok = 0
    verbose = os.environ.get('EVAL_VERBOSE')
    for text, expected in cases:
        out = subprocess.run([CLI, '--format', 'sentences'], input=text.encode('utf-8'),
                             stdout=subprocess.PIPE, check=True).stdout.decode('utf-8')
        got = [x for x in (norm_ws(l) for l in out.split('\n')) if x]
        if got == expected:
            ok += 1
        elif verbose:
            print(f'--- {label} miss\n  text: {text!r}\n  want: {expected!r}\n  got:  {got!r}')
    print(f'{label}: {ok}/{len(cases)} exact')
    return 100.0 * ok / max(1, len(cases))


def eval_sentences():
    """Segmentation on the golden rules: % of cases segmented exactly (`structure --format sentences`,
    one process per case; EVAL_VERBOSE=1 prints the misses)."""
    base = os.path.join(EVAL, 'sentences')
    scores = {
        'pysbd48': segment_exact(read_golden_json(os.path.join(base, 'golden_rules_en_pysbd48.json')), 'pySBD'),
        'pragmatic52': segment_exact(read_golden_json(
            os.path.join(base, 'golden_rules_en_pragmatic_segmenter.json'), unescape=True), 'pragmatic'),
        'sentencex236': segment_exact(read_sentencex(os.path.join(base, 'sentencex_tests_en.txt')), 'sentencex'),
    }
    peers = {
        'pySBD': {'pysbd48': '97.92', 'pragmatic52': '88.46', 'sentencex236': '58.05'},
        'sentencex': {'pysbd48': '89.58', 'pragmatic52': '82.69', 'sentencex236': '96.61'},
        'blingfire': {'pysbd48': '75.00', 'pragmatic52': '67.31', 'sentencex236': '77.12'},
    }
    return gate('sentences', scores, peers)


def ensure_rouge():
    """rouge-score 0.1.2 (the scorer of ../shared/eval/summary) is installed with pip when missing."""
    try:
        import rouge_score  # noqa: F401
        import nltk  # noqa: F401
        return True
    except ImportError:
        print('rouge-score is missing: running pip install rouge-score==0.1.2')
        r = subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', 'rouge-score==0.1.2'])
        if r.returncode != 0:
            print('SETUP ERROR: could not install rouge-score; run: python3 -m pip install rouge-score==0.1.2')
            return False
        return True


def eval_summary():
    """CNN/DM sample (50 documents): each document goes through the real pipeline,
    `structure --summary-sentences 3 --format json`, and the summary's sentences are scored with
    ../shared/eval/summary/score_summary.py (ROUGE F1 x100, Porter stemmer), which also scores
    LEAD-3 on the same documents in the same run."""
    if not ensure_rouge():
        return ['summary: rouge-score not installed']
    base = os.path.join(EVAL, 'summary')
    docs = os.path.join(base, 'cnndm-public.jsonl')
    out = tempfile.mkdtemp(prefix='eval-summary-')
    pred = os.path.join(out, 'PRED.jsonl')
    with open(pred, 'w', encoding='utf-8') as f:
        for line in open(docs, encoding='utf-8'):
            d = json.loads(line)
            art = json.loads(subprocess.run([CLI, '--summary-sentences', '3', '--format', 'json'],
                                            input=d['text'].encode('utf-8'), stdout=subprocess.PIPE,
                                            check=True).stdout)
            f.write(json.dumps({'id': d['id'], 'sentences': [s['text'] for s in art['summary']['sentences']]}) + '\n')
    res = subprocess.run([sys.executable, os.path.join(base, 'score_summary.py'), docs, pred],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    print(res.rstrip())
    row = lambda name: [float(x) for x in re.search(rf'^{name}\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)', res, re.M).groups()]
    ours, lead = row('yours'), row('LEAD-3')
    scores = {'rouge1': ours[0], 'rouge2': ours[1], 'rougeLsum': ours[2]}
    peers = {
        'LEAD-3 (run)': {'rouge1': f'{lead[0]:.2f}', 'rouge2': f'{lead[1]:.2f}', 'rougeLsum': f'{lead[2]:.2f}'},
        'MatchSum': {'rouge1': '45.26', 'rouge2': '21.84', 'rougeLsum': '41.00'},
        'BanditSum': {'rouge1': '42.85', 'rouge2': '19.83', 'rougeLsum': '39.20'},
        'SumBasic': {'rouge1': '34.87', 'rouge2': '11.35', 'rougeLsum': '31.35'},
        'LexRank': {'rouge1': '33.96', 'rouge2': '12.66', 'rougeLsum': '30.54'},
        'TextRank': {'rouge1': '31.09', 'rouge2': '11.74', 'rougeLsum': '27.36'},
    }
    return gate('summary', scores, peers)


def kp_norm(phrase, stem):
    """A keyphrase for matching: lowercased, dots and commas inside tokens dropped ("U.S." = "US",
    "1.8" = "18", as the KPCrowd keys are written), tokens Porter-stemmed."""
    s = phrase.lower().replace('\u2019', "'").replace('.', '').replace(',', '')
    return ' '.join(stem(t) for t in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", s))


def eval_keyphrase():
    """KPCrowd (500 news stories): each story (title line, then text) goes through
    `structure --keyphrases 10 --format json`; the top 10 keyphrases are matched to the story's
    keys/*.key after normalisation (kp_norm: lowercase, Porter stems, exact match); F1@10 is the
    mean over stories of per-story F1 (precision over the phrases returned, at most 10; recall over
    the distinct keys), x100."""
    if not ensure_rouge():
        return ['keyphrase: nltk not installed']
    from nltk.stem.porter import PorterStemmer
    stem = PorterStemmer().stem
    base = os.path.join(EVAL, 'keyphrase', '500N-KPCrowd-v1.1')
    f1s, ps, rs = [], [], []
    for name in sorted(os.listdir(os.path.join(base, 'docsutf8'))):
        key = os.path.join(base, 'keys', name[:-4] + '.key')
        if not name.endswith('.txt') or not os.path.exists(key):
            continue
        gold = {kp_norm(k, stem) for k in open(key, encoding='utf-8', errors='replace').read().splitlines() if k.strip()}
        gold.discard('')
        if not gold:
            continue
        art = json.loads(run_cli(['--keyphrases', '10', '--format', 'json'],
                                 stdin_path=os.path.join(base, 'docsutf8', name)))
        pred = []
        for k in art['summary']['keywords'][:10]:
            n = kp_norm(k, stem)
            if n and n not in pred:
                pred.append(n)
        hit = sum(1 for p in pred if p in gold)
        p = hit / len(pred) if pred else 0.0
        r = hit / len(gold)
        ps.append(p)
        rs.append(r)
        f1s.append(2 * p * r / (p + r) if hit else 0.0)
    n = max(1, len(f1s))
    print(f'stories={len(f1s)} P@10={100 * sum(ps) / n:.2f} R@10={100 * sum(rs) / n:.2f}')
    scores = {'f1_at_10': 100 * sum(f1s) / n}
    peers = {'YAKE': {'f1_at_10': '16.2'}, 'TextRank': {'f1_at_10': '10.7'}, 'RAKE': {'f1_at_10': '6.1'}}
    return gate('keyphrase', scores, peers)


SETS = {'structure': eval_structure, 'structure-html': eval_structure_html, 'badinput-html': eval_badinput_html,
        'wcxb-train': eval_wcxb_train, 'wcxb-cv': eval_wcxb_cv, 'wcxb': eval_wcxb,
        'sentences': eval_sentences, 'summary': eval_summary, 'keyphrase': eval_keyphrase}


def main():
    # wcxb-cv needs `scripts/train --cv` first: run it only when asked for.
    wanted = sys.argv[1:] or [s for s in SETS if s != 'wcxb-cv']
    unknown = [s for s in wanted if s not in SETS]
    if unknown:
        print(f"unknown eval set(s): {', '.join(unknown)}; known: {', '.join(SETS)}", file=sys.stderr)
        return 2
    if not os.path.isdir(EVAL):
        print(f'EVAL DATA ABSENT: {EVAL} does not exist, so nothing was scored. '
              f'Set SHARED_DIR to the folder that holds eval/ to run the gate.')
        return 0
    build_cli()
    failures = []
    for s in wanted:
        print(f'\n== {s} ==')
        failures += SETS[s]()
    print()
    if failures:
        print('EVAL GATE FAILED:\n  ' + '\n  '.join(failures))
        return 1
    print('eval gate passed: every score is at or above its floor')
    return 0


if __name__ == '__main__':
    sys.exit(main())
