"""The decoder of src/core/model/decode.rs, in Python, for choosing its numbers on out-of-fold
predictions of the train pages. The same algorithm step for step (max-product Viterbi in probability
space, rescaled at each unit, ties to the lower state); `check_cases` writes inputs and this
decoder's answers, which a Rust test (decode.rs) decodes again and compares.
"""
import numpy as np

EPSILON = 1e-6
BEFORE, BODY, HEADING, GAP, AFTER = range(5)


def clamp(p):
    return min(max(p, EPSILON), 1 - EPSILON)


def emissions(c, h, kept, rule_weight, prior, heading_weight, weight):
    c = clamp(c)
    if rule_weight != 1.0:
        odds = c / (1.0 - c) * (rule_weight if kept else 1.0 / rule_weight)
        c = clamp(odds / (1.0 + odds))
    h = clamp(h)
    prior = min(max(prior, EPSILON), 1 - EPSILON)
    out = (1.0 - c) / (1.0 - prior)
    inside = c / prior
    e = [out, inside * (1.0 - h), inside * h * heading_weight, out, out]
    return e if weight == 1.0 else [x ** weight for x in e]


def decode(content, heading, kept, rule_weight, start, transitions, prior, heading_weight, weight):
    """The states of the units (lists of floats and bools in, list of ints out)."""
    n = len(content)
    if n == 0:
        return []
    s = 5
    back = []
    e = emissions(content[0], heading[0], kept[0], rule_weight, prior, heading_weight, weight)
    delta = [start[k] * e[k] for k in range(s)]
    delta = rescale(delta)
    for k in range(1, n):
        e = emissions(content[k], heading[k], kept[k], rule_weight, prior, heading_weight, weight)
        nxt, bp = [0.0] * s, [0] * s
        for t in range(s):
            best, frm = -1.0, 0
            for r in range(s):
                v = delta[r] * transitions[r][t]
                if v > best:
                    best, frm = v, r
            nxt[t] = best * e[t]
            bp[t] = frm
        back.append(bp)
        delta = rescale(nxt)
    st = 0
    for cand in (BODY, HEADING, AFTER):
        if delta[cand] > delta[st]:
            st = cand
    states = [0] * n
    for k in range(n - 1, -1, -1):
        states[k] = st
        if k > 0:
            st = back[k - 1][st]
    return states


def rescale(v):
    m = max(v)
    return [x / m for x in v] if m > 0 else v


def decode_fast(content, heading, kept, rule_weight, log_start, log_trans, prior, heading_weight, weight):
    """The same decisions in log space with numpy, for the search over the decoder's numbers (equal
    to `decode` but for exact ties)."""
    n = len(content)
    if n == 0:
        return np.zeros(0, dtype=int)
    c = np.clip(content, EPSILON, 1 - EPSILON)
    if rule_weight != 1.0:
        odds = c / (1 - c) * np.where(kept, rule_weight, 1.0 / rule_weight)
        c = np.clip(odds / (1 + odds), EPSILON, 1 - EPSILON)
    h = np.clip(heading, EPSILON, 1 - EPSILON)
    prior = min(max(prior, EPSILON), 1 - EPSILON)
    out = np.log((1 - c) / (1 - prior))
    inside = np.log(c / prior)
    e = weight * np.stack([out, inside + np.log(1 - h), inside + np.log(h * heading_weight), out, out], axis=1)
    back = np.zeros((n, 5), dtype=np.int8)
    delta = log_start + e[0]
    for k in range(1, n):
        v = delta[:, None] + log_trans
        back[k] = v.argmax(0)
        delta = v.max(0) + e[k]
    delta = delta.copy()
    delta[GAP] = -np.inf
    st = int(delta.argmax())
    states = np.zeros(n, dtype=int)
    for k in range(n - 1, -1, -1):
        states[k] = st
        st = back[k][st]
    return states
