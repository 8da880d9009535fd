#!/usr/bin/env python3
"""Writes a deterministic tree of files for archiver tests and benchmarks.

usage: make_tree.py DIR MEGABYTES

The tree holds what trips archivers up: Unicode names (accented Latin,
CJK, a character outside the BMP, so UTF-16 surrogate pairs), names with
spaces and dots, empty files and empty directories, nesting, many small
files, and a few large ones, about half compressible (text-like) and half
not (pseudo-random). The total is about MEGABYTES. Every file and
directory gets its own modification time, a whole multiple of 100 ns (the
FILETIME unit an archive keeps), set after the contents so directories
keep theirs. The same arguments always give the same tree.
"""
import os
import random
import sys

WORDS = ("archive stream block window match literal length distance encoder "
         "decoder header folder packed unpacked solid filter coder range "
         "probability bit state table entry index offset cyclic redundancy "
         "check").split()

NAMES = ["readme.txt", "with space.txt", "two  spaces and.dots.txt",
         "Ünïcödé façade.txt", "日本語のファイル.txt", "Ελληνικά.txt",
         "кириллица.dat", "emoji 😀 outside the BMP.txt", "trailing.dots.tar.gz",
         "#hash & ampersand (parens) [brackets].txt", "UPPER.TXT", ".hidden"]

DIRS = ["docs", "docs/nested deeper", "docs/nested deeper/日本", "src",
        "src/module one", "data", "data/Ünïcödé dir", "empty dir",
        "docs/empty inside", "data/also empty/and nested empty"]


def text_bytes(rng, size):
    """Text-like bytes: paragraphs drawn from a pool, their lines from a
    smaller one, as logs and sources repeat themselves: compressible many
    times over, and quickly (long matches)."""
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))).encode() + b"\n"
             for _ in range(400)]
    paragraphs = [b"".join(rng.choice(lines) for _ in range(rng.randint(10, 60)))
                  for _ in range(64)]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(paragraphs)
    return bytes(out[:size])


def random_bytes(rng, size):
    return rng.randbytes(size)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make_tree.py DIR MEGABYTES")
    root = sys.argv[1]
    total = max(1, int(float(sys.argv[2]) * 1024 * 1024))
    rng = random.Random(20210726)  # fixed: the same tree every time
    os.makedirs(root)
    for d in DIRS:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    files = []
    # Empty files, in several directories.
    for d in ("", "docs", "data/Ünïcödé dir"):
        files.append((os.path.join(d, "empty file.txt"), b""))
    files.append(("zero", b""))
    # Named small files.
    for i, name in enumerate(NAMES):
        d = DIRS[i % 7] if i % 3 else ""
        files.append((os.path.join(d, name), text_bytes(rng, rng.randint(1, 6000))))
    # A tenth of the size in many small files, compressible and not.
    small_budget = total // 10
    i = 0
    while small_budget > 0:
        size = min(small_budget, rng.randint(1, 64 * 1024))
        maker = text_bytes if i % 3 else random_bytes
        files.append((f"src/module one/part {i:03d}.bin", maker(rng, size)))
        small_budget -= size
        i += 1
    # The rest in four large files: two text-like, two random.
    large = (total - total // 10) // 4
    files.append(("data/large text 1.log", text_bytes(rng, large)))
    files.append(("data/Ünïcödé dir/large text 2.log", text_bytes(rng, large)))
    files.append(("data/large random 1.bin", random_bytes(rng, large)))
    files.append(("docs/nested deeper/日本/large random 2.bin", random_bytes(rng, large)))
    for name, data in files:
        write(os.path.join(root, name), data)
    # Times last, once every entry exists (creating an entry moves its
    # directory's time; setting a time does not). 2001..2030, whole
    # multiples of 100 ns.
    entries = [""]
    for directory, subdirectories, names in os.walk(root):
        relative = os.path.relpath(directory, root)
        for name in subdirectories + names:
            entries.append(os.path.normpath(os.path.join(relative, name)))
    for name in sorted(entries):
        ns = rng.randint(978307200, 1893456000) * 10**9 + rng.randint(0, 9999999) * 100
        os.utime(os.path.join(root, name), ns=(ns, ns))

if __name__ == "__main__":
    main()
