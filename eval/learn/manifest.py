#!/usr/bin/env python3
"""MANIFEST.json of the committed models: the SHA-256 of each model file and of the training data
they were made from (the feature rows and the labels), with the versions of the packages.

  manifest.py verify DIR/MANIFEST.json       the files beside it have the checksums it records
  manifest.py compare A/MANIFEST.json B/...  two trainings wrote the same files from the same data

train.py writes the manifest (`write`). Exit status 1 when a check fails.
"""
import hashlib, json, os, sys

MODEL_FILES = ('lexicon.aslx', 'content.asgb', 'content2.asgb', 'heading.asgb', 'title.asgb', 'byline.asgb', 'date.asgb',
               'page-type.asgb', 'selector.asgb', 'decoder.json', 'decoder-check.json')


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def sha256_folder(path):
    """One checksum over a folder's files, in name order (name and contents)."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(path)):
        h.update(name.encode() + b'\0')
        h.update(bytes.fromhex(sha256_file(os.path.join(path, name))))
    return h.hexdigest()


def write(out, features_dir, labels_dir, pages, packages):
    m = {
        'models': {name: sha256_file(os.path.join(out, name)) for name in MODEL_FILES},
        'training_data': {
            'pages': pages,
            'features': sha256_file(os.path.join(features_dir, 'features.f32')),
            'units': sha256_file(os.path.join(features_dir, 'units.tsv')),
            'tokens': sha256_file(os.path.join(features_dir, 'tokens.u32')),
            'labels': sha256_folder(labels_dir),
        },
        'packages': packages,
    }
    with open(os.path.join(out, 'MANIFEST.json'), 'w') as f:
        json.dump(m, f, indent=1, sort_keys=True)
        f.write('\n')


def verify(path):
    m = json.load(open(path))
    folder = os.path.dirname(path)
    bad = [n for n, h in m['models'].items() if sha256_file(os.path.join(folder, n)) != h]
    for n in bad:
        print(f'{n}: its checksum is not the one MANIFEST.json records (edited by hand, or trained without '
              f'updating the manifest: run scripts/train)')
    if not bad:
        print(f'{len(m["models"])} model files match {path}')
    return not bad


def compare(a, b):
    ma, mb = json.load(open(a)), json.load(open(b))
    ok = True
    for key in ('training_data', 'models'):
        for n in sorted(set(ma[key]) | set(mb[key])):
            if ma[key].get(n) != mb[key].get(n):
                ok = False
                print(f'{key}.{n}: {ma[key].get(n)} (committed) != {mb[key].get(n)} (trained now)')
    print('the training writes the committed models again' if ok else 'the models differ')
    return ok


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'verify':
        sys.exit(0 if verify(sys.argv[2]) else 1)
    if len(sys.argv) == 4 and sys.argv[1] == 'compare':
        sys.exit(0 if compare(sys.argv[2], sys.argv[3]) else 1)
    print(__doc__)
    sys.exit(2)
