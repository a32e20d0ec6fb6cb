"""Writes a LightGBM booster in the "ASGB" tree format that src/core/model/gbdt.rs reads.

The format is documented in gbdt.rs. Thresholds are rounded down to the nearest float32, so that
`x <= t32` holds for a float32 feature value x exactly when LightGBM's `x <= t64` does.
"""
import struct

import numpy as np


def names_hash(names):
    """FNV-1a (64 bits) of the names joined by newlines (gbdt.rs `names_hash`)."""
    h = 0xcbf29ce484222325
    for b in '\n'.join(names).encode('utf-8'):
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h


def f32_at_most(t):
    """The largest float32 that is <= t."""
    v = np.float32(t)
    if float(v) > t:
        v = np.nextafter(v, np.float32(-np.inf))
    return v


def write(booster, names, path):
    """Writes `booster` (trained on features named `names`) to `path`; returns the bytes."""
    dump = booster.dump_model()
    n_classes = dump['num_tree_per_iteration']
    trees = dump['tree_info']
    thresholds, index = [], {}

    def threshold_index(t):
        v = f32_at_most(t)
        key = v.tobytes()
        if key not in index:
            index[key] = len(thresholds)
            thresholds.append(v)
        return index[key]

    encoded = []
    for info in trees:
        nodes, leaves = [], []

        def visit(node):
            if 'leaf_index' in node or 'leaf_value' in node and 'split_feature' not in node:
                leaves.append(float(node['leaf_value']))
                return ~(len(leaves) - 1)
            assert node['decision_type'] == '<=', node['decision_type']
            assert node['missing_type'] == 'None', node['missing_type']
            k = len(nodes)
            nodes.append(None)
            t = threshold_index(node['threshold'])
            left = visit(node['left_child'])
            right = visit(node['right_child'])
            nodes[k] = (node['split_feature'], t, left, right)
            return k

        visit(info['tree_structure'])
        assert len(nodes) <= 127 and len(leaves) <= 127, 'at most 127 leaves a tree'
        encoded.append((nodes, leaves))
    assert len(thresholds) < 65536 and len(names) <= 256
    largest = max((abs(v) for _, leaves in encoded for v in leaves), default=0.0)
    scale = np.float32(largest / 32767.0 if largest > 0 else 1.0)
    out = bytearray(b'ASGB')
    out += struct.pack('<IIII', 1, len(names), n_classes, len(encoded))
    out += struct.pack('<Q', names_hash(names))
    out += struct.pack('<I', len(thresholds))
    out += b''.join(t.astype('<f4').tobytes() for t in thresholds)
    out += scale.astype('<f4').tobytes()
    for nodes, leaves in encoded:
        out += struct.pack('<B', len(nodes))
        for f, t, l, r in nodes:
            out += struct.pack('<BHbb', f, t, l, r)
        out += struct.pack('<B', len(leaves))
        q = [max(-32767, min(32767, int(round(v / float(scale))))) for v in leaves]
        out += struct.pack(f'<{len(q)}h', *q)
    with open(path, 'wb') as fh:
        fh.write(out)
    return bytes(out)
