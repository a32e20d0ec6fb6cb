#!/usr/bin/env python3
"""Labels every line of each page's pasted text against its ground truth, for training a line classifier.

Usage: python3 eval/learn/label.py [--data DIR] [--out DIR] [--ids FILE] [--report] [--show ID ...] [--no-write]
  --data DIR   a set in the WCXB layout: DIR/ground-truth.jsonl, DIR/split.json, DIR/pages/NNNN/pasted.txt
               (default: $SHARED_DIR/eval/wcxb, else the nearest shared/eval/wcxb beside the repo or one of
               its parents, else tests/fixtures/learn)
  --out DIR    where the labels go, one NNNN.json a page (default: target/learn/labels/)
  --ids FILE   only the ids listed in FILE (one a line)
  --report     prints the oracle word F1 (lines labelled body or heading against main_content, as
               score_articles.py's word_prf), per split and per page type, beside a substring baseline
  --show ID    prints that page's lines with their labels side by side (repeatable; implies --no-write)
  --no-write   labels without writing files

Output, one file a page: {"id": "0001", "page_type": "article", "lines": [{"n": 1, "label": "outside",
"kind": "nav"}, ...]}, one entry per line of the core's line ends (CR LF, LF, CR, VT, FF, NEL, U+2028, U+2029). Labels: blank, title, byline,
date, heading (with "level"), body (with "kind": paragraph, item, table, quote, code, other), outside (with
"kind": nav, consent, share, related, comments, footer, title-copy, other). A byline line that also gives
the date has "also": "date". A title, byline or date line whose words are main content too (a title that
main_content repeats as its first heading, a forum post's header line) has "in_content": true and the
"level" or "kind" it would have had. "cover" is the share of the line's words aligned to main_content
(present when above 0).

Standard library only. See eval/learn/README.md for how the alignment works and where it is unsure.
"""
import argparse, bisect, difflib, json, os, re, time, unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOK = re.compile(r'\w+', re.U)
# The core's line ends (normalize.rs `line_end_at`), so that line numbers agree with its units.
LINE_SPLIT = re.compile('\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]')

# ---------------------------------------------------------------------------------------------------------
# the scorer's pieces (copied from score_articles.py so that this script runs without the shared folder)

norm = lambda s: re.sub(r'\s+', ' ', s or '').strip().lower()


def word_prf(pred, ref):
    p, r = TOK.findall(pred.lower()), TOK.findall(ref.lower())
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    ov = sum((Counter(p) & Counter(r)).values())
    P, R = ov / len(p), ov / len(r)
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


MONTHS = {m: i + 1 for i, m in enumerate(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'])}


def day_of(s):
    """(year, month, day) from a date written in one of the common forms, or None."""
    s = norm(s)
    m = re.search(r'(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})', s)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.search(r'([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})', s)
    if m and m[1] in MONTHS:
        return int(m[3]), MONTHS[m[1]], int(m[2])
    m = re.search(r'(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?,?\s+(\d{4})', s)
    if m and m[2] in MONTHS:
        return int(m[3]), MONTHS[m[2]], int(m[1])
    m = re.search(r'(\d{1,2})[/.](\d{1,2})[/.](\d{4})', s)
    if m:  # ambiguous: accept either reading when compared
        return int(m[3]), int(m[1]), int(m[2]), int(m[2]), int(m[1])
    return None


def same_day(got, want):
    g, w = day_of(got), day_of(want)
    if not g or not w:
        return False
    if len(g) == 5:
        return (g[0], g[1], g[2]) == w[:3] or (g[0], g[3], g[4]) == w[:3]
    return g == w[:3]


def match_count(gold, pred):
    used, n = [False] * len(gold), 0
    for p in pred:
        for i, g in enumerate(gold):
            if not used[i] and similar(g, p):
                used[i] = True; n += 1; break
    return n


# ---------------------------------------------------------------------------------------------------------
# text helpers

PUNCT = str.maketrans({'\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
                       '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
                       '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-',
                       '\u2212': '-', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u200b': ''})


def fold(s):
    """Lowercase, NFKC, straight quotes and dashes, single spaces: for comparing short strings."""
    return norm(unicodedata.normalize('NFKC', s or '').translate(PUNCT))


def keys(s):
    """The alignment keys of a text: its \\w+ tokens, folded (NFKC, casefold). One key per scorer token."""
    return [unicodedata.normalize('NFKC', t).casefold() for t in TOK.findall(s.lower())]


def cased(s):
    """fold() without the lowercasing, and without markdown emphasis: to tell two copies of a line apart."""
    s = re.sub(r'\*\*|__|`', '', unicodedata.normalize('NFKC', s or '').translate(PUNCT))
    return re.sub(r'\s+', ' ', s).strip()


def similar(a, b):
    return a == b or (abs(len(a) - len(b)) <= 0.2 * max(len(a), len(b), 1)
                      and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9)


# ---------------------------------------------------------------------------------------------------------
# the ground truth's markdown: one entry per markdown line that has words, with its block kind

MD_LINK = re.compile(r'!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)')
MD_AUTOLINK = re.compile(r'<(?:https?|mailto):[^>\s]+>')
MD_TAG = re.compile(r'</?[a-zA-Z][^>]{0,200}>')


def md_inline(s):
    """Markdown inline markup off: links and images keep their text, autolinks and tags go."""
    s = MD_LINK.sub(lambda m: m.group(1), s)
    s = MD_AUTOLINK.sub(' ', s)
    return MD_TAG.sub(' ', s)


def md_lines(md):
    """[(kind, level, text)] for the markdown's lines: kind heading, item, table, quote, code, paragraph."""
    out, fence = [], None
    for raw in LINE_SPLIT.split(md or ''):
        s = raw.strip()
        f = re.match(r'^(`{3,}|~{3,})', s)
        if f:
            if fence is None:
                fence = f.group(1)[0]
            elif s.startswith(fence * 3):
                fence = None
            continue
        if fence is not None:
            out.append(('code', 0, raw))
            continue
        if not s:
            continue
        m = re.match(r'^(#{1,6})\s+(.*?)\s*#*\s*$', s)
        if m:
            out.append(('heading', len(m.group(1)), md_inline(m.group(2))))
        elif s.startswith('|'):
            out.append(('table', 0, md_inline(s)))
        elif s.startswith('>'):
            out.append(('quote', 0, md_inline(s.lstrip('> '))))
        elif re.match(r'^([-*+]|\d{1,3}[.)])\s+', s):
            out.append(('item', 0, md_inline(s)))
        else:
            out.append(('paragraph', 0, md_inline(s)))
    return out


def ref_tokens(gt):
    """main_content's keys, and for each the markdown line it comes from (index into md_lines, or -1)."""
    ref = keys(gt.get('main_content') or '')
    mdl = md_lines(gt.get('main_content_markdown') or '')
    mk, mline = [], []
    for i, (_, _, text) in enumerate(mdl):
        k = keys(text)
        mk += k
        mline += [i] * len(k)
    where = [-1] * len(ref)
    if mk == ref:
        where = mline
    elif mk and ref:
        sm = difflib.SequenceMatcher(None, ref, mk, autojunk=False)
        for a, b, size in sm.get_matching_blocks():
            for d in range(size):
                where[a + d] = mline[b + d]
    return ref, mdl, where


# ---------------------------------------------------------------------------------------------------------
# alignment of the pasted token stream to main_content's

def match_blocks(pa, ra, pidx, ridx, min_size=1):
    """Matching blocks of the keys pa[pidx[..]] against ra[ridx[..]] (SequenceMatcher, autojunk on long
    references), as (pasted position, reference position, size) runs that are contiguous in both originals
    and at least min_size long."""
    sa = [pa[i] for i in pidx]
    sb = [ra[j] for j in ridx]
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=len(sb) >= 200)
    out = []
    for a, b, size in sm.get_matching_blocks():
        d0 = 0
        for d in range(1, size + 1):
            if d == size or pidx[a + d] != pidx[a + d - 1] + 1 or ridx[b + d] != ridx[b + d - 1] + 1:
                if d - d0 >= min_size:
                    out.append((pidx[a + d0], ridx[b + d0], d - d0))
                d0 = d
    return out


def gram_blocks(pa, ra, m, used, min_size=8):
    """Unaligned reference runs of min_size+ keys placed anywhere in the unaligned pasted keys (looked up by
    3-grams, longest extension first): no order kept, for pages that repeat near-identical items."""
    grams = defaultdict(list)
    for i in range(len(pa) - 2):
        if i not in m and i + 1 not in m and i + 2 not in m:
            g = (pa[i], pa[i + 1], pa[i + 2])
            if len(grams[g]) < 20:
                grams[g].append(i)
    taken, out = set(), []
    j = 0
    while j < len(ra) - min_size + 1:
        if j in used:
            j += 1
            continue
        best, bi = 0, -1
        for i in grams.get((ra[j], ra[j + 1], ra[j + 2]), ()):
            n = 0
            while (i + n < len(pa) and j + n < len(ra) and pa[i + n] == ra[j + n] and i + n not in m
                   and i + n not in taken and j + n not in used):
                n += 1
            if n > best:
                best, bi = n, i
        if best >= min_size:
            out.append((bi, j, best))
            taken.update(range(bi, bi + best))
            j += best
        else:
            j += 1
    return out


def keyids(pk, rk):
    ids = {}
    return [ids.setdefault(k, len(ids)) for k in pk], [ids.setdefault(k, len(ids)) for k in rk]


# ---------------------------------------------------------------------------------------------------------
# outside kinds: weak cues, documented as such

CONSENT = re.compile(r'\b(cookies?|consent|gdpr|ccpa|privacy (settings|preferences|choices|center|centre)|'
                     r'(accept|reject|allow|deny|decline) (all|cookies|necessary|optional)|do not sell|'
                     r'tracking technologies|legitimate interest|'
                     r'strictly necessary|manage (preferences|options|settings|choices))\b', re.I)
CONSENT_SENTENCE = re.compile(r'\b(we|you|your|this (web)?site|our|by (clicking|continuing|using))\b', re.I)
BUTTON = re.compile(r'^(accept|accept all|allow all|allow|agree|i agree|ok|okay|got it|reject|reject all|'
                    r'decline|deny|dismiss|close|settings|cookie settings|customi[sz]e|manage|preferences|'
                    r'save|save preferences|confirm( my)? choices|learn more|more info(rmation)?|'
                    r'necessary|functional|analytics|performance|marketing|advertising|statistics|'
                    r'always active|continue|x|×|✕)$', re.I)
SHARE_WORDS = {'share', 'shares', 'sharing', 'tweet', 'twitter', 'x', 'facebook', 'linkedin', 'pinterest',
               'pin', 'it', 'whatsapp', 'reddit', 'email', 'e', 'mail', 'print', 'copy', 'link', 'copied',
               'telegram', 'messenger', 'on', 'this', 'article', 'post', 'page', 'via', 'the', 'story',
               'flipboard', 'threads', 'bluesky', 'mastodon', 'tumblr', 'sms', 'more', 'options', 'save',
               'to', 'with', 'friends', 'send', 'google', 'classroom', 'hacker', 'news', 'pocket', 'url'}
RELATED = re.compile(r'^(related( (posts?|articles?|stories|content|reading|news|topics|products|items|guides))?|'
                     r'you (may|might) (also )?(like|enjoy|be interested in)|more (from|like this|to explore|'
                     r'stories|articles|posts|news|in|on)|recommended( for you| reading| articles| posts)?|'
                     r'(also|further) read(ing)?|read (more|next|also)|up next|popular( posts| stories| articles)?|'
                     r'trending( now)?|latest( news| posts| articles| stories)?|see also|keep reading|'
                     r'customers (also|who) .*|similar (products|items|posts|articles)|recent (posts|articles|stories)|'
                     r'editor\'?s? picks?|most (popular|read|viewed)|similar (threads|topics|discussions)|'
                     r'related (threads|topics|questions|discussions))\b', re.I)
COMMENTS = re.compile(r'^(\d+\s+)?comments?\b|^\d+\s+(responses?|replies|reviews?)\b|^(leave|post|add|write) a '
                      r'(reply|comment|review)|^join the (discussion|conversation)|^(log|sign) in to '
                      r'(comment|reply)|^cancel reply$|^show (more )?(comments|replies)', re.I)
FOOTER_STRONG = re.compile(r'©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved', re.I)
FOOTER_LINK = re.compile(r'^(privacy( policy| notice| statement)?|terms( of (use|service)| and conditions| & conditions)?|'
                         r'cookie (policy|settings|preferences)|sitemap|site map|imprint|impressum|about( us)?|'
                         r'contact( us)?|back to top|return to top|accessibility( statement)?|legal|disclaimer|'
                         r'careers|help|faqs?)$', re.I)
SKIP = re.compile(r'^(skip to|jump to) (main )?(content|navigation|main|footer)', re.I)


def share_line(text, k):
    return 0 < len(k) <= 8 and all(t in SHARE_WORDS or t.isdigit() for t in k) and \
        any(t in ('share', 'shares', 'tweet', 'facebook', 'linkedin', 'pinterest', 'whatsapp', 'reddit',
                  'telegram', 'print', 'email', 'copy') for t in k)


def outside_kinds(lines, lk, labels, first, last):
    """Kinds for the outside lines: nav before the main content, consent banners, share lines, related
    lists, comments and the footer after it (the kinds are cues, not ground truth)."""
    kinds = {}
    n = len(lines)
    region = None  # after the main content: related, comments or footer once a line starts one
    # consent banners: a sentence about cookies or consent, and the buttons, toggles and cookie lines
    # around it (footer links such as a privacy policy are not banners)
    consent = set()
    for i in range(n):
        t = lines[i]
        if labels[i] == 'outside' and i not in consent and len(lk[i]) >= 6 and CONSENT.search(t) and \
                CONSENT_SENTENCE.search(t) and t.count('|') < 2 and not re.search(r'©|copyright', t, re.I):
            consent.add(i)
            for step in (-1, 1):
                j = i + step
                while 0 <= j < n and labels[j] in ('outside', 'blank') and len(lk[j]) <= 40 and \
                        (not lk[j] or BUTTON.match(fold(lines[j]).strip(' .!')) or CONSENT.search(lines[j])
                         or 'cookie' in lines[j].lower()):
                    if lk[j]:
                        consent.add(j)
                    j += step
    def shareish(i):
        return 0 < len(lk[i]) <= 8 and all(t in SHARE_WORDS or t.isdigit() for t in lk[i])

    def near_share(i):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < n and not lk[j]:
                j += step
            if 0 <= j < n and labels[j] == 'outside' and share_line(lines[j], lk[j]):
                return True
        return False

    for i in range(n):
        if labels[i] != 'outside':
            continue
        t = lines[i].strip()
        k = lk[i]
        f = fold(t).strip(' .:!|')
        if i in consent:
            kinds[i] = 'consent'
            continue
        if SKIP.match(t):
            kinds[i] = 'nav'
            continue
        share = share_line(t, k) or (shareish(i) and near_share(i))
        if i > last:
            # after the main content: related, comments, footer; the footer, once it starts, runs to the end
            if region != 'footer':
                if FOOTER_STRONG.search(t) or (FOOTER_LINK.match(f) and len(k) <= 5):
                    region = 'footer'
                elif RELATED.match(f) and len(k) <= 8:
                    region = 'related'
                elif COMMENTS.match(f) and len(k) <= 12:
                    region = 'comments'
            kinds[i] = 'share' if share and region not in ('footer', 'comments') else (region or 'other')
        elif share:
            kinds[i] = 'share'
        elif i < first:
            kinds[i] = 'nav' if len(k) <= 8 else 'other'
        else:
            kinds[i] = 'related' if RELATED.match(f) and len(k) <= 12 else 'other'
    return kinds


# ---------------------------------------------------------------------------------------------------------
# one page

SEP = re.compile(r'\s+[|\-–—:·•»/]\s+|\s*[|·•»]\s*')


def title_forms(title):
    """The title, and the title without a site name when it carries one ("Title | Site")."""
    t = fold(title)
    forms = [t] if t else []
    parts = [p for p in SEP.split(t) if p.strip()]
    if len(parts) > 1:
        for p in (parts[0], max(parts, key=len)):
            if len(keys(p)) >= 2 and p not in forms:
                forms.append(p)
    return forms


def is_title(line, forms):
    """0 when the line is not the title; 2 for an equal (or ratio >= 0.9) line; 1 for title plus site."""
    f = fold(line)
    if not f or not forms:
        return 0
    lk = keys(f)
    for t in forms:
        if f == t or lk == keys(t) or similar(f, t):
            return 2
    for t in forms:
        tk = keys(t)
        if len(tk) >= 2 and len(lk) > len(tk) and len(lk) - len(tk) <= 8:
            if lk[:len(tk)] == tk or lk[-len(tk):] == tk:
                rest = f.replace(t, ' ', 1) if t in f else ''
                if not rest or SEP.search(' ' + rest.strip() + ' ') or re.match(r'^\s*[|\-–—:·•»/]', rest) \
                        or re.search(r'[|\-–—:·•»/]\s*$', rest):
                    return 1
    return 0


def author_names(author):
    a = fold(author)
    if not a:
        return a, []
    parts = [p.strip() for p in re.split(r'\s*(?:[,;&/]|\band\b|\bund\b|\bet\b|\by\b)\s*', a) if p.strip()]
    names = [p for p in parts if len(keys(p)) >= 1 and not re.match(r'^(phd|md|mba|dvm|ba|bs|rn|jr|sr|lvt|vmd)\b', p)]
    return a, names


BYLINE_CUE = re.compile(r'\b(by|written|author|authors|posted|published|updated|reviewed|edited|von|par|por|'
                        r'door|di|av|staff|contributor|writer|editor|reporter|starter|op|admin|moderator|'
                        r'member|ago|asked|answered|wrote|said)\b', re.I)


BY_START = re.compile(r'^\W*(by|written by|posted by|published by|words by|story by|authors?:?|thread starter|'
                      r'von|par|por|door)', re.I)


def has_author(line, author, names):
    """2 when the line holds the whole author string, 1 when it holds one of the names in it, else 0. The
    name may run into the next word (pasted text loses the space between inline elements); a name of one
    word must stand alone and count only when it is most of the line, or a cue such as "by" or a date goes
    with it."""
    f = fold(line)

    def find(name):
        k = keys(name)
        if not k:
            return 0
        if len(k) > 1:
            return len(k) if fold(name) in f else 0
        pat = (r'(?:(?<!\w)|(?<=by))' + re.escape(fold(name)) +
               r'(?:(?!\w)|(?=\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|updated|posted|published))')
        return 1 if re.search(pat, f) else 0

    q, size = 0, 0
    if author:
        size = find(author)
        q = 2 if size else 0
    if not q:
        for nm in names:
            k = keys(nm)
            if len(k) >= 2 or (len(k) == 1 and len(k[0]) >= 4):
                size = find(nm)
                if size:
                    q = 1
                    break
    if q and size == 1 and len(keys(line)) > 2 and not BYLINE_CUE.search(f) and not day_of(f):
        return 0
    return q


# Lines of at most this many words are checked for what the scorer would take as the title, byline or
# date (`scores`): the structurer's candidates are at most 40 words (features.rs META_WORDS).
SCORE_WORDS = 40


def label_page(text, gt):
    lines = LINE_SPLIT.split(text)
    n = len(lines)
    lk = [keys(l) for l in lines]
    ref, mdl, where = ref_tokens(gt)
    pk, pline = [], []
    for i, k in enumerate(lk):
        pk += k
        pline += [i] * len(k)
    start = [0] * (n + 1)
    for i in range(n):
        start[i + 1] = start[i] + len(lk[i])
    pa, ra = keyids(pk, ref)
    m, bsize = {}, {}

    def add(blocks):
        for a, b, size in blocks:
            for d in range(size):
                m[a + d] = b + d
                bsize[a + d] = size

    def anchored(i, r0, r1, aligned_pos):
        """The line's aligned words continue, in the reference, the aligned words just before or after it
        (within 3 lines with words and 6 reference words)."""
        j = bisect.bisect_left(aligned_pos, start[i]) - 1
        if j >= 0:
            p = aligned_pos[j]
            if sum(1 for x in range(pline[p] + 1, i) if lk[x]) <= 3 and 0 <= r0 - m[p] - 1 <= 6:
                return True
        j = bisect.bisect_left(aligned_pos, start[i + 1])
        if j < len(aligned_pos):
            p = aligned_pos[j]
            if sum(1 for x in range(i + 1, pline[p]) if lk[x]) <= 3 and 0 <= m[p] - r1 - 1 <= 6:
                return True
        return False

    md_keys = [keys(t) for _, _, t in mdl]

    def sandwiched(i, r0, r1, aligned_pos):
        """The line is a whole line of the markdown (a heading whose section the page does not show, a tab's
        label), and the aligned lines just before and after it (within 2 lines with words) enclose it in the
        reference's order."""
        if where[r0] < 0 or md_keys[where[r0]] != lk[i]:
            return False
        j = bisect.bisect_left(aligned_pos, start[i]) - 1
        k = bisect.bisect_left(aligned_pos, start[i + 1])
        if j < 0 or k >= len(aligned_pos):
            return False
        p, q = aligned_pos[j], aligned_pos[k]
        return (m[p] < r0 and r1 < m[q] and sum(1 for x in range(pline[p] + 1, i) if lk[x]) <= 2
                and sum(1 for x in range(i + 1, pline[q]) if lk[x]) <= 2)

    def decide():
        """Lines whose words are mostly aligned, in runs long enough or anchored to their neighbours."""
        aligned_pos = sorted(m)
        acc, cov = set(), [0.0] * n
        for i in range(n):
            if not lk[i]:
                continue
            # words matched one or two at a time inside a longer line are chance (frequent words)
            need = min(2, len(lk[i]))
            hit = [p for p in range(start[i], start[i + 1]) if p in m and bsize[p] >= need]
            if not hit:
                continue
            cov[i] = len(hit) / len(lk[i])
            if cov[i] < 0.5:
                continue
            # a line whose words match only a short piece of the reference, not continued by the lines
            # around it, is a menu word that also occurs in the article: leave it outside
            if max(bsize[p] for p in hit) < 4 and not anchored(i, m[hit[0]], m[hit[-1]], aligned_pos) \
                    and not sandwiched(i, m[hit[0]], m[hit[-1]], aligned_pos):
                continue
            acc.add(i)
        return acc, cov

    # pass 1: order-preserving alignment of the whole pasted stream to the whole reference
    if pa and ra:
        blocks = match_blocks(pa, ra, list(range(len(pa))), list(range(len(ra))))
        add(blocks)
        # autojunk keeps the reference's frequent words from starting a match: between two matched runs,
        # align the gap again without it (when the gap is small)
        ends = [(0, 0, 0)] + sorted(blocks) + [(len(pa), len(ra), 0)]
        for (a1, b1, s1), (a2, b2, _) in zip(ends, ends[1:]):
            ga, gb = a2 - (a1 + s1), b2 - (b1 + s1)
            if ga > 0 and gb > 0 and ga * gb <= 40000:
                if a1 + s1 == 0:
                    # before the first run, equal candidates are taken nearest to it (difflib takes the
                    # earliest): a menu entry that repeats the first heading is not it
                    sm = difflib.SequenceMatcher(None, pa[a2 - 1::-1], ra[b2 - 1::-1], autojunk=False)
                    add([(a2 - x - size, b2 - y - size, size) for x, y, size in sm.get_matching_blocks() if size])
                else:
                    sm = difflib.SequenceMatcher(None, pa[a1 + s1:a2], ra[b1 + s1:b2], autojunk=False)
                    add([(a1 + s1 + x, b1 + s1 + y, size) for x, y, size in sm.get_matching_blocks() if size])
    acc, cover = decide()
    # pass 2: matches on lines that were not taken are released, and what is left of the reference is
    # aligned to what is left of the pasted text (runs of 5+ words): pages show some pieces of the main
    # content in another order than the ground truth lists them
    for _ in range(4):
        for p in [p for p in m if pline[p] not in acc]:
            del m[p]
            del bsize[p]
        used = set(m.values())
        pidx = [p for p in range(len(pa)) if p not in m]
        ridx = [j for j in range(len(ra)) if j not in used]
        if len(pidx) < 5 or len(ridx) < 5:
            break
        more = match_blocks(pa, ra, pidx, ridx, min_size=5)
        if not more:
            break
        add(more)
        acc2, cover = decide()
        if not acc2 - acc:
            break
        acc |= acc2
    # pass 2b: a short line of the markdown (a heading, a label) left unaligned, placed at a copy on the page
    # that sits in order between aligned neighbours (the page's first copy may have been a menu entry)
    for p in [p for p in m if pline[p] not in acc]:
        del m[p]
        del bsize[p]
    used = set(m.values())
    spans = {}
    for j, mi in enumerate(where):
        if mi >= 0:
            spans.setdefault(mi, []).append(j)
    by_keys = defaultdict(list)
    for i in range(n):
        if 0 < len(lk[i]) <= 6 and i not in acc:
            by_keys[tuple(lk[i])].append(i)
    for mi, js in spans.items():
        if not 0 < len(js) <= 6 or js[-1] - js[0] + 1 != len(js) or any(j in used for j in js) or \
                tuple(md_keys[mi]) not in by_keys:
            continue
        aligned_pos = sorted(m)
        for i in by_keys[tuple(md_keys[mi])]:
            if i in acc or any(p in m for p in range(start[i], start[i + 1])):
                continue
            if anchored(i, js[0], js[-1], aligned_pos) or sandwiched(i, js[0], js[-1], aligned_pos):
                add([(start[i], js[0], len(js))])
                acc.add(i)
                break
    # pass 3: long runs still unaligned, anywhere
    for p in [p for p in m if pline[p] not in acc]:
        del m[p]
        del bsize[p]
    more = gram_blocks(pa, ra, m, set(m.values()))
    if more:
        add(more)
        acc2, cover = decide()
        acc |= acc2

    # the final share of each line's words aligned (as decide() counts them)
    for i in range(n):
        if lk[i]:
            need = min(2, len(lk[i]))
            cover[i] = sum(1 for p in range(start[i], start[i + 1]) if p in m and bsize[p] >= need) / len(lk[i])
    # the markdown line each taken line comes from (the most of its aligned words)
    src_of = {}
    for i in acc:
        src = Counter(where[m[p]] for p in range(start[i], start[i + 1]) if p in m)
        src_of[i] = src.most_common(1)[0][0] if src else -1
    # a page that shows the same words twice in a row (a heading and its image's or link's text in
    # another case): the copy whose case matches the ground truth is the one taken
    nonblank = [i for i in range(n) if lk[i]]
    pos = {i: x for x, i in enumerate(nonblank)}
    md_cased = {}
    for i in sorted(acc):
        mi = src_of.get(i, -1)
        if i not in acc or mi < 0:
            continue
        x = pos[i]
        twins = [j for j in nonblank[max(0, x - 2):x] + nonblank[x + 1:x + 3] if j not in acc and lk[j] == lk[i]]
        if not twins:
            continue
        if mi not in md_cased:
            md_cased[mi] = cased(mdl[mi][2])
        if cased(lines[i]) == md_cased[mi]:
            continue
        for j in twins:
            if cased(lines[j]) == md_cased[mi]:
                acc.discard(i)
                acc.add(j)
                src_of[j] = mi
                cover[j], cover[i] = cover[i], 0.0
                for p in range(start[i], start[i + 1]):
                    if p in m:
                        m[start[j] + p - start[i]] = m.pop(p)
                break

    labels = ['blank' if not l.strip() else 'outside' for l in lines]
    info = [dict() for _ in range(n)]
    for i in sorted(acc):
        k = lk[i]
        labels[i] = 'body'
        # kind and heading from the markdown line its words come from
        mi = src_of[i]
        if mi >= 0:
            kind, level, mtext = mdl[mi]
            if kind == 'heading':
                hk = keys(mtext)
                if k == hk or similar(fold(lines[i]), fold(mtext)) or \
                        difflib.SequenceMatcher(None, k, hk).ratio() >= 0.8:
                    labels[i] = 'heading'
                    info[i]['level'] = level
                else:
                    info[i]['kind'] = 'other'
            else:
                info[i]['kind'] = kind
        else:
            info[i]['kind'] = 'other'

    content = [i for i in range(n) if labels[i] in ('body', 'heading')]
    first = content[0] if content else n
    last = content[-1] if content else -1

    # title: the occurrence nearest the start of the main content, before it preferred
    forms = title_forms(gt.get('title') or '')
    cands = []
    for i in range(n):
        if lk[i] and len(lk[i]) <= 60:
            q = is_title(lines[i], forms)
            if q:
                cands.append((i, q))
    title_line = None
    if cands:
        def tcost(c):
            i, q = c
            d = (first - i) if i <= first else 3 * (i - first) + 10
            return (d - (5 if q == 2 else 0), i)
        title_line = min(cands, key=tcost)[0]
        for i, q in cands:
            if i == title_line:
                labels[i] = 'title'
            elif labels[i] == 'outside':
                info[i]['kind'] = 'title-copy'

    anchor = title_line if title_line is not None else first
    # near the top of the article: from 25 lines with words before the anchor to 25 after the content starts
    lo = anchor
    c = 0
    while lo > 0 and c < 25:
        lo -= 1
        c += bool(lk[lo])
    hi = max(first, anchor) if first < n else anchor
    c = 0
    if anchor >= n:  # neither main content nor a title: no byline or date either
        lo, hi = n, n - 1
    while hi < n - 1 and c < 25:
        hi += 1
        c += bool(lk[hi])

    def dist(i):
        return abs(i - anchor) + (0 if i < first or first == n else 2)

    # byline and date: outside lines first; a line of the main content (a forum post's header is) only when
    # no outside line qualifies
    author, names = author_names(gt.get('author') or '')
    byline = None
    if author:
        bc = [(i, has_author(lines[i], author, names)) for i in range(lo, hi + 1)
              if labels[i] in ('outside', 'body') and 0 < len(lk[i]) <= (20 if labels[i] == 'outside' else 12)]
        bc = [c for c in bc if c[1]]
        if bc:
            pub = gt.get('publish_date')
            cue = lambda i: bool(BY_START.match(fold(lines[i])) or (pub and same_day(lines[i], pub)))
            byline = min(bc, key=lambda c: (labels[c[0]] != 'outside', -c[1], not cue(c[0]), dist(c[0])))[0]
            labels[byline] = 'byline'
    pub = gt.get('publish_date')
    if pub:
        dc = [i for i in range(lo, hi + 1) if labels[i] in ('outside', 'byline', 'body')
              and 0 < len(lk[i]) <= (16 if labels[i] != 'body' else 12) and same_day(lines[i], pub)]
        if dc:
            if byline is not None and byline in dc:
                info[byline]['also'] = 'date'
            else:
                labels[min(dc, key=lambda i: (labels[i] == 'body', dist(i)))] = 'date'

    # Which short lines the scorer would take as the title, the byline or the date, wherever they stand:
    # the rankers learn from every such line, not only from the one labelled.
    scores = {}
    gtitle, gauthor = norm(gt.get('title') or ''), norm(gt.get('author') or '')
    for i in range(n):
        if lk[i] and len(lk[i]) <= SCORE_WORDS:
            s = norm(lines[i])
            got = ('t' if gtitle and similar(s, gtitle) else '') + ('a' if gauthor and gauthor in s else '') + \
                ('d' if pub and same_day(lines[i], pub) else '')
            if got:
                scores[i] = got

    if title_line is not None:
        first, last = min(first, title_line), max(last, title_line)
    kinds = outside_kinds(lines, lk, labels, first, last)
    out = []
    for i in range(n):
        e = {'n': i + 1, 'label': labels[i]}
        if labels[i] == 'outside':
            e['kind'] = info[i].get('kind') or kinds.get(i, 'other')
        elif labels[i] == 'body':
            e['kind'] = info[i].get('kind', 'other')
        elif labels[i] == 'heading':
            e['level'] = info[i]['level']
        elif i in acc:  # a title, byline or date line whose words are also main content
            e['in_content'] = True
            if 'level' in info[i]:
                e['level'] = info[i]['level']
            else:
                e['kind'] = info[i].get('kind', 'other')
        if 'also' in info[i]:
            e['also'] = info[i]['also']
        if cover[i] > 0:
            e['cover'] = round(cover[i], 2)
        if i in scores:
            e['scores'] = scores[i]
        out.append(e)
    return out


# ---------------------------------------------------------------------------------------------------------
# figures

def oracle_text(lines, labels):
    keep = [l for l, e in zip(lines, labels) if e['label'] in ('body', 'heading') or e.get('in_content')]
    return '\n'.join(keep)


def baseline_text(lines, gt):
    """Every line whose tokens occur, in a row, in main_content's tokens."""
    ref = ' ' + ' '.join(TOK.findall((gt.get('main_content') or '').lower())) + ' '
    keep = []
    for l in lines:
        k = TOK.findall(l.lower())
        if k and ' ' + ' '.join(k) + ' ' in ref:
            keep.append(l)
    return '\n'.join(keep)


def find_data():
    cands = []
    if os.environ.get('SHARED_DIR'):
        cands.append(os.path.join(os.environ['SHARED_DIR'], 'eval', 'wcxb'))
    d = ROOT
    while os.path.dirname(d) != d:
        d = os.path.dirname(d)
        cands.append(os.path.join(d, 'shared', 'eval', 'wcxb'))
    for c in cands:
        if os.path.isfile(os.path.join(c, 'ground-truth.jsonl')):
            return c
    return os.path.join(ROOT, 'tests', 'fixtures', 'learn')


LABEL_MARK = {'blank': ' ', 'title': 'T', 'byline': 'A', 'date': 'D', 'heading': 'H', 'body': 'B', 'outside': '.'}


def show(lines, labels, gt, width):
    print(f"== {gt['id']} {gt.get('page_type')} {gt.get('url', '')}")
    for l, e in zip(lines, labels):
        tag = e['label']
        extra = e.get('kind') or (f"h{e['level']}" if 'level' in e else '')
        if e.get('also'):
            extra = (extra + '+' if extra else '') + e['also']
        c = f"{e['cover']:.2f}" if 'cover' in e else '    '
        print(f"{e['n']:5d} {LABEL_MARK[tag]} {tag:8s} {extra:16s} {c} | {l[:width]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data')
    ap.add_argument('--out', default=os.path.join(ROOT, 'target', 'learn', 'labels'))
    ap.add_argument('--ids')
    ap.add_argument('--report', action='store_true')
    ap.add_argument('--show', action='append', default=[])
    ap.add_argument('--no-write', action='store_true')
    ap.add_argument('--width', type=int, default=110)
    ap.add_argument('--worst', type=int, default=0, help='with --report: list the N pages of lowest oracle F1')
    args = ap.parse_args()
    data = args.data or find_data()
    gts = [json.loads(l) for l in open(os.path.join(data, 'ground-truth.jsonl'), encoding='utf-8') if l.strip()]
    split = {}
    try:
        sp = json.load(open(os.path.join(data, 'split.json'), encoding='utf-8'))
        for name, ids in sp.items():
            for i in ids:
                split[i] = name
    except OSError:
        pass
    only = set(open(args.ids).read().split()) if args.ids else None
    if args.show:
        only = set(args.show) if only is None else only & set(args.show)
    write = not (args.no_write or args.show)
    if write:
        os.makedirs(args.out, exist_ok=True)
    rows = []
    t0 = time.time()
    for gt in gts:
        if only is not None and gt['id'] not in only:
            continue
        path = os.path.join(data, 'pages', gt['id'], 'pasted.txt')
        with open(path, 'rb') as f:
            text = f.read().decode('utf-8', errors='replace')
        labels = label_page(text, gt)
        lines = LINE_SPLIT.split(text)
        if write:
            with open(os.path.join(args.out, gt['id'] + '.json'), 'w', encoding='utf-8') as f:
                json.dump({'id': gt['id'], 'page_type': gt.get('page_type'), 'lines': labels}, f,
                          ensure_ascii=False, separators=(',', ':'))
                f.write('\n')
        if args.show:
            show(lines, labels, gt, args.width)
        if args.report:
            mc = gt.get('main_content') or ''
            P, R, F = word_prf(oracle_text(lines, labels), mc)
            bP, bR, bF = word_prf(baseline_text(lines, gt), mc)
            c = Counter(e['label'] for e in labels)
            md = gt.get('main_content_markdown') or ''
            gold = [norm(re.sub(r'^#+\s*', '', l)) for l in md.splitlines() if re.match(r'^#{1,6}\s', l)]
            pred = [norm(l) for l, e in zip(lines, labels)
                    if e['label'] == 'heading' or (e.get('in_content') and 'level' in e)]
            rows.append({'id': gt['id'], 'type': gt.get('page_type'), 'split': split.get(gt['id'], '?'),
                         'P': P, 'R': R, 'F': F, 'bP': bP, 'bR': bR, 'bF': bF,
                         'h_tp': match_count(gold, pred), 'h_np': len(pred), 'h_ng': len(gold),
                         'title': c['title'], 'byline': c['byline'],
                         'date': c['date'] + sum(e.get('also') == 'date' for e in labels),
                         'has_title': bool(gt.get('title')), 'has_author': bool(gt.get('author')),
                         'has_date': bool(gt.get('publish_date'))})
    dt = time.time() - t0
    if args.report:
        report(rows, args.worst)
        print(f'{len(rows)} pages in {dt:.1f}s')


def report(rows, worst):
    avg = lambda rs, k: sum(r[k] for r in rs) / max(1, len(rs))
    for sp in sorted({r['split'] for r in rows}, key=lambda s: (s != 'train', s)):
        rs = [r for r in rows if r['split'] == sp]
        print(f"{sp}: {len(rs)} pages   oracle (body+heading lines vs main_content)   substring baseline")
        print(f"  {'all':14s} {len(rs):5d}  F1={avg(rs, 'F'):.3f} P={avg(rs, 'P'):.3f} R={avg(rs, 'R'):.3f}"
              f"   F1={avg(rs, 'bF'):.3f} P={avg(rs, 'bP'):.3f} R={avg(rs, 'bR'):.3f}")
        types = defaultdict(list)
        for r in rs:
            types[r['type']].append(r)
        for t, ts in sorted(types.items(), key=lambda kv: -len(kv[1])):
            print(f"  {t:14s} {len(ts):5d}  F1={avg(ts, 'F'):.3f} P={avg(ts, 'P'):.3f} R={avg(ts, 'R'):.3f}"
                  f"   F1={avg(ts, 'bF'):.3f} P={avg(ts, 'bP'):.3f} R={avg(ts, 'bR'):.3f}")
        tp, np_, ng = (sum(r[k] for r in rs) for k in ('h_tp', 'h_np', 'h_ng'))
        hp, hr = tp / max(1, np_), tp / max(1, ng)
        print(f"  heading lines against the markdown's # headings (score_articles.py's match): P={hp:.3f} "
              f"R={hr:.3f} F1={(2 * hp * hr / (hp + hr) if hp + hr else 0.0):.3f} ({ng} gold)")
        for k in ('title', 'byline', 'date'):
            has = [r for r in rs if r['has_' + ('author' if k == 'byline' else k)]]
            print(f"  {k:7s} line found on {sum(r[k] > 0 for r in has)} of {len(has)} pages that have one")
    for r in sorted(rows, key=lambda r: r['F'])[:worst]:
        print(f"  worst {r['id']} {r['split']:10s} {r['type']:13s} F1={r['F']:.3f} P={r['P']:.3f} R={r['R']:.3f}"
              f"  (baseline F1={r['bF']:.3f})")


if __name__ == '__main__':
    main()
