#!/usr/bin/env python3
# Builds a JSONL benchmark corpus of SIZE MiB from public news texts kept outside the repository
# (the WMT22 de-fr/fr-de outputs, NTREX-128 newstest2019 documents and French Wikinews sentences):
# every document is used once as is, then repeated with one word of each line swapped for another
# word of the same document, so that lines and sentences stay unique across the corpus (no
# artificial cross-document duplicates). Fixed seed: the same inputs give the same file.
#
#   python3 benches/make_corpus.py DATA_DIR 100 /tmp/real100.jsonl
#
# DATA_DIR holds wmt22-defr-frde.jsonl, ntrex128/ and frwikinews/ (see their provenance there).
import json, os, random, re, sys
if len(sys.argv) != 4:
    sys.exit("usage: make_corpus.py DATA_DIR SIZE_MIB OUT.jsonl")
D = os.path.join(sys.argv[1], '')
size = int(sys.argv[2]) << 20
out = sys.argv[3]
docs = []
for line in open(D + 'wmt22-defr-frde.jsonl', encoding='utf-8'):
    r = json.loads(line)
    docs.append({"lang": r["lang"], "vendor": r.get("vendor", "source"), "text": r["text"]})
ids = [l.rstrip('\n').split('\t') for l in open(D + 'ntrex128/DOCUMENT_IDS.tsv', encoding='utf-8')]
for lang, f in [('en', 'newstest2019-src.eng.txt'), ('fr', 'newstest2019-ref.fra.txt'), ('de', 'newstest2019-ref.deu.txt')]:
    lines = open(D + 'ntrex128/' + f, encoding='utf-8').read().split('\n')
    cur, buf = None, []
    for i, l in enumerate(lines):
        doc = ids[i][-1] if i < len(ids) else None
        if doc != cur and buf:
            docs.append({"lang": lang, "vendor": "ntrex", "text": '\n\n'.join(buf) + '\n'}); buf = []
        cur = doc
        if l.strip(): buf.append(l)
    if buf: docs.append({"lang": lang, "vendor": "ntrex", "text": '\n\n'.join(buf) + '\n'})
wiki = [l for l in open(D + 'frwikinews/frwikinews-test-1000.txt', encoding='utf-8').read().split('\n') if l.strip()]
for i in range(0, len(wiki), 12):
    docs.append({"lang": "fr", "vendor": "wikinews", "text": '\n\n'.join(wiki[i:i+12]) + '\n'})
rng = random.Random(11)
word = re.compile(r"\w+")
def mutate(text):
    vocab = word.findall(text)
    if not vocab: return text
    def line(l):
        ws = list(word.finditer(l))
        if not ws: return l
        m = rng.choice(ws)
        return l[:m.start()] + rng.choice(vocab) + l[m.end():]
    return '\n'.join(line(l) for l in text.split('\n'))
n = i = rep = 0
with open(out, 'w', encoding='utf-8') as f:
    while n < size:
        for d in docs:
            text = d["text"] if rep == 0 else mutate(d["text"])
            rec = {"id": f"doc-{i}", "lang": d["lang"], "vendor": d["vendor"], "text": text}
            s = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(s); n += len(s.encode()); i += 1
            if n >= size: break
        rep += 1
print(i, "documents,", len(docs), "distinct sources")
