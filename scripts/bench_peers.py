#!/usr/bin/env python3
"""The Python peers of the benchmark (scripts/bench runs this in its venv, target/bench/venv).

    bench_peers.py JOB.json

JOB: {"texts": [paths, smallest first], "pages": [paths to source.html], "budget_s": seconds,
"sentences": K}. Prints one JSON object: for each text, sumy's LexRank and TextRank time (median
of the runs; each run parses the text and summarizes it to K sentences); for each page,
trafilatura's extract() time. LexRank and TextRank compare every pair of sentences, so their time
grows with the square of the size: a text whose time, projected from the last one run, exceeds
the budget is not run (nor any larger one), and the result says so with the projection. Each
(summarizer, text) runs in a child process with a memory limit (`memory_gb`, default 6) and a time
limit (three budgets), so that a peer that runs out of memory or time on a large text is recorded as
such (and larger texts skipped) instead of ending the whole benchmark.

sumy's own tokenizer needs NLTK's punkt data, which is a download; pySBD (PyPI) splits the
sentences instead, as in ../shared/eval/README.md's sumy figures, and words are a regular
expression.
"""
import json
import re
import resource
import statistics
import subprocess
import sys
import time

import pysbd
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


class Tokenizer:
    """sumy's tokenizer interface on pySBD sentences and regex words."""

    language = 'english'

    def __init__(self):
        self.segmenter = pysbd.Segmenter(language='en', clean=False)

    def to_sentences(self, paragraph):
        return [s.strip() for s in self.segmenter.segment(paragraph) if s.strip()]

    def to_words(self, sentence):
        return WORD.findall(sentence)


def summarizer(kind):
    s = (LexRankSummarizer if kind == 'lexrank' else TextRankSummarizer)(Stemmer('english'))
    s.stop_words = get_stop_words('english')
    return s


def time_summary(kind, text, sentences, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        doc = PlaintextParser.from_string(text, Tokenizer()).document
        summary = summarizer(kind)(doc, sentences)
        times.append(time.perf_counter() - t)
        assert len(summary) > 0
    return statistics.median(times), runs


def run_one(kind, path, sentences):
    """Child process: times one summarizer on one text, prints {"median_s", "runs"}."""
    text = open(path, encoding='utf-8').read()
    median, runs = time_summary(kind, text, sentences, 1)
    if median < 2.0:
        median, runs = time_summary(kind, text, sentences, 5 if median < 0.5 else 3)
    json.dump({'median_s': median, 'runs': runs}, sys.stdout)


def in_child(kind, path, sentences, budget, memory_gb):
    """Runs `run_one` in a child process under a memory and a time limit; its result, or why not."""
    limit = int(memory_gb * (1 << 30))

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        r = subprocess.run([sys.executable, __file__, '--one', kind, path, str(sentences)], capture_output=True,
                           text=True, timeout=3 * budget, preexec_fn=limits)
    except subprocess.TimeoutExpired:
        return {'failed': f'still running after {3 * budget} s'}
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ['killed'])[-1]
        why = 'out of memory' if 'MemoryError' in r.stderr or r.returncode < 0 else tail
        return {'failed': f'{why} (limit {memory_gb} GB)'}
    return json.loads(r.stdout)


def main():
    if sys.argv[1] == '--one':
        run_one(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    job = json.load(open(sys.argv[1], encoding='utf-8'))
    budget = job.get('budget_s', 120)
    memory_gb = job.get('memory_gb', 6)
    out = {'texts': {}, 'pages': {}}
    for kind in ('lexrank', 'textrank'):
        last = None  # (bytes, seconds) of the last text run
        skipped = False
        for path in job['texts']:
            key = f'{kind}:{path}'
            size = len(open(path, encoding='utf-8').read().encode())
            projected = last[1] * (size / last[0]) ** 2 if last else 0.0
            if skipped or projected > budget:
                skipped = True
                out['texts'][key] = {'skipped': f'projected {projected:,.0f} s (n² from the last size run), over the {budget} s budget',
                                     'projected_s': projected}
                continue
            result = in_child(kind, path, job.get('sentences', 5), budget, memory_gb)
            out['texts'][key] = result
            if 'failed' in result:
                print(f'  {kind:8s} {size:>10} bytes  failed: {result["failed"]}', file=sys.stderr)
                skipped = True
                continue
            median = result['median_s']
            print(f'  {kind:8s} {size:>10} bytes {median * 1e3:12.1f} ms', file=sys.stderr)
            last = (size, median)
    if job.get('pages'):
        import trafilatura
        for path in job['pages']:
            html = open(path, encoding='utf-8', errors='replace').read()
            times = []
            for _ in range(3):
                t = time.perf_counter()
                trafilatura.extract(html)
                times.append(time.perf_counter() - t)
            out['pages'][path] = {'median_s': statistics.median(times), 'runs': 3}
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
