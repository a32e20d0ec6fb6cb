#!/usr/bin/env python3
"""The Python peers of the benchmark (scripts/bench runs this in its venv, target/bench/venv).

    bench_peers.py JOB.json

JOB: {"texts": [paths, smallest first], "pages": [paths to source.html], "budget_s": seconds,
"sentences": K}. Prints one JSON object: for each text, sumy's LexRank and TextRank time (median
of the runs; each run parses the text and summarizes it to K sentences); for each page,
trafilatura's extract() time. LexRank and TextRank compare every pair of sentences, so their time
grows with the square of the size: a text whose time, projected from the last one run, exceeds
the budget is not run (nor any larger one), and the result says so with the projection.

sumy's own tokenizer needs NLTK's punkt data, which is a download; pySBD (PyPI) splits the
sentences instead, as in ../shared/eval/README.md's sumy figures, and words are a regular
expression.
"""
import json
import re
import statistics
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


def main():
    job = json.load(open(sys.argv[1], encoding='utf-8'))
    budget = job.get('budget_s', 120)
    out = {'texts': {}, 'pages': {}}
    for kind in ('lexrank', 'textrank'):
        last = None  # (bytes, seconds) of the last text run
        skipped = False
        for path in job['texts']:
            key = f'{kind}:{path}'
            text = open(path, encoding='utf-8').read()
            size = len(text.encode())
            projected = last[1] * (size / last[0]) ** 2 if last else 0.0
            if skipped or projected > budget:
                skipped = True
                out['texts'][key] = {'skipped': f'projected {projected:,.0f} s (n² from the last size run), over the {budget} s budget',
                                     'projected_s': projected}
                continue
            median, runs = time_summary(kind, text, job.get('sentences', 5), 1)
            if median < 2.0:
                median, runs = time_summary(kind, text, job.get('sentences', 5), 5 if median < 0.5 else 3)
            out['texts'][key] = {'median_s': median, 'runs': runs}
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
