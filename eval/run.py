#!/usr/bin/env python3
"""The eval gate: scores the structurer on ../shared/eval and fails when a score drops below its floor.

Usage: python3 eval/run.py [SET ...]      (sets: structure, sentences; default: all)
Environment: SHARED_DIR overrides the location of the shared data (default: the nearest shared/ beside the repo or one of its parents).

Floors live in eval/floors.json. Raise them as the structurer improves; never lower them silently.
Exit status: 0 when every score is at or above its floor, 1 when one is below, 2 on a setup error.
When the shared data is absent the command says so and exits 0 without scoring anything.
"""
import json, os, re, subprocess, sys, tempfile

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
    return gate('structure', scores, {'naive 40+': baseline})


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


SETS = {'structure': eval_structure, 'sentences': eval_sentences}


def main():
    wanted = sys.argv[1:] or list(SETS)
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
