#!/usr/bin/env python3
"""Generates Vine's code page tables (dlls/ntdll) from Python's codecs.

usage: make_codepages.py OUTPUT.cpp

Python's cp125x, cp437, cp850, cp866 ... codecs are built from the mapping
files Microsoft published to Unicode (VENDORS/MICSFT); cp932, cp936 (gbk),
cp949 and cp950 from Microsoft's CP9xx.TXT. Where those files leave a byte
undefined, Windows still maps it, and the FACTS below say how (each checked
against Windows' own tables, as shipped by Wine, and Unicode's WindowsBestFit
files): undefined C1 bytes of the single-byte code pages map to the C1 control
of the same value; a few others map to private-use characters.

The output is a C++ source holding, per code page, the byte -> UTF-16 table
(and for double-byte code pages one row per lead byte), the OEM glyph table
(MB_USEGLYPHCHARS), and the UTF-16 -> bytes choices that differ from "the
lowest byte sequence mapping to it" (dlls/ntdll/codepage.cpp builds the
reverse table from the forward one on first use, then applies these).

Best-fit mappings (Windows' WCTABLE entries that do not round-trip, which
WideCharToMultiByte uses unless WC_NO_BEST_FIT_CHARS) are not in Python's
codecs: they come from tools/nls/bestfit.txt (Microsoft's WindowsBestFit
tables, see tools/nls/extract_bestfit.py) for the code pages Microsoft
publishes one for. Elsewhere a character without an exact mapping becomes the
default character.
"""
import os
import sys

# (code page, Python codec, kind, OEM glyphs?, CPINFOEX name)
CODE_PAGES = [
    (437, "cp437", "sbcs", True, "437   (OEM - United States)"),
    (720, "cp720", "sbcs", True, "720   (Arabic - Transparent ASMO)"),
    (737, "cp737", "sbcs", True, "737   (OEM - Greek 437G)"),
    (775, "cp775", "sbcs", True, "775   (OEM - Baltic)"),
    (850, "cp850", "sbcs", True, "850   (OEM - Multilingual Latin I)"),
    (852, "cp852", "sbcs", True, "852   (OEM - Latin II)"),
    (855, "cp855", "sbcs", True, "855   (OEM - Cyrillic)"),
    (857, "cp857", "sbcs", True, "857   (OEM - Turkish)"),
    (862, "cp862", "sbcs", True, "862   (OEM - Hebrew)"),
    (866, "cp866", "sbcs", True, "866   (OEM - Russian)"),
    (874, "cp874", "sbcs", True, "874   (ANSI/OEM - Thai)"),
    (932, "cp932", "dbcs", False, "932   (ANSI/OEM - Japanese Shift-JIS)"),
    (936, "gbk", "dbcs", False, "936   (ANSI/OEM - Simplified Chinese GBK)"),
    (949, "cp949", "dbcs", False, "949   (ANSI/OEM - Korean)"),
    (950, "cp950", "dbcs", False, "950   (ANSI/OEM - Traditional Chinese Big5)"),
    (1250, "cp1250", "sbcs", False, "1250  (ANSI - Central Europe)"),
    (1251, "cp1251", "sbcs", False, "1251  (ANSI - Cyrillic)"),
    (1252, "cp1252", "sbcs", False, "1252  (ANSI - Latin I)"),
    (1253, "cp1253", "sbcs", False, "1253  (ANSI - Greek)"),
    (1254, "cp1254", "sbcs", False, "1254  (ANSI - Turkish)"),
    (1255, "cp1255", "sbcs", False, "1255  (ANSI - Hebrew)"),
    (1256, "cp1256", "sbcs", False, "1256  (ANSI - Arabic)"),
    (1257, "cp1257", "sbcs", False, "1257  (ANSI - Baltic)"),
    (1258, "cp1258", "sbcs", False, "1258  (ANSI/OEM - Viet Nam)"),
    (20127, "ascii", "sbcs", False, "20127 (US-ASCII)"),
    (28591, "latin-1", "sbcs", False, "28591 (ISO 8859-1 Latin I)"),
    (28592, "iso8859_2", "sbcs", False, "28592 (ISO 8859-2 Central Europe)"),
    (28593, "iso8859_3", "sbcs", False, "28593 (ISO 8859-3 Latin 3)"),
    (28594, "iso8859_4", "sbcs", False, "28594 (ISO 8859-4 Baltic)"),
    (28595, "iso8859_5", "sbcs", False, "28595 (ISO 8859-5 Cyrillic)"),
    (28596, "iso8859_6", "sbcs", False, "28596 (ISO 8859-6 Arabic)"),
    (28597, "iso8859_7", "sbcs", False, "28597 (ISO 8859-7 Greek)"),
    (28598, "iso8859_8", "sbcs", False, "28598 (ISO 8859-8 Hebrew: Visual Ordering)"),
    (28599, "iso8859_9", "sbcs", False, "28599 (ISO 8859-9 Latin 5)"),
    (28603, "iso8859_13", "sbcs", False, "28603 (ISO 8859-13 Latin 7)"),
    (28605, "iso8859_15", "sbcs", False, "28605 (ISO 8859-15 Latin 9)"),
    (10000, "mac_roman", "sbcs", False, "10000 (MAC - Roman)"),
    (37, "cp037", "sbcs", False, "37    (IBM EBCDIC - U.S./Canada)"),
    (500, "cp500", "sbcs", False, "500   (IBM EBCDIC - International)"),
    (1140, "cp1140", "sbcs", False, "1140  (IBM EBCDIC - U.S./Canada (37 + Euro))"),
]

# The EBCDIC code pages' default character is their question mark.
DEFAULT_CHAR = {37: 0x6F, 500: 0x6F, 1140: 0x6F}

# Bytes Microsoft's mapping files leave undefined, as Windows maps them.
FACTS = {
    857: {0xD5: 0xF8BB, 0xE7: 0xF8BC, 0xF2: 0xF8BD},
    874: {0xDB: 0xF8C1, 0xDC: 0xF8C2, 0xDD: 0xF8C3, 0xDE: 0xF8C4, 0xFC: 0xF8C5, 0xFD: 0xF8C6, 0xFE: 0xF8C7, 0xFF: 0xF8C8},
    936: {0x80: 0x20AC, 0xFF: 0xF8F5},
    949: {0x80: 0x0080, 0xFF: 0xF8F7},
    950: {0x80: 0x0080, 0xFF: 0xF8F8},
    1253: {0xAA: 0xF8F9, 0xD2: 0xF8FA, 0xFF: 0xF8FB},
    1255: {0xCA: 0x05BA, 0xD9: 0xF88D, 0xDA: 0xF88E, 0xDB: 0xF88F, 0xDC: 0xF890, 0xDD: 0xF891, 0xDE: 0xF892,
           0xDF: 0xF893, 0xFB: 0xF894, 0xFC: 0xF895, 0xFF: 0xF896},
    1257: {0xA1: 0xF8FC, 0xA5: 0xF8FD},
    28593: dict(zip([0xA5, 0xAE, 0xBE, 0xC3, 0xD0, 0xE3, 0xF0], range(0xF7F5, 0xF7FC))),
    28596: dict(zip([0xA1, 0xA2, 0xA3, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2,
                     0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE, 0xC0, 0xDB, 0xDC, 0xDD,
                     0xDE, 0xDF] + list(range(0xF3, 0x100)), range(0xF7C8, 0xF7F5))),
    # Windows' 28597 is ISO 8859-7:1987 (no euro, drachma or ypogegrammeni).
    28597: {0xA1: 0x02BD, 0xA2: 0x02BC, 0xA4: 0xF7C2, 0xA5: 0xF7C3, 0xAA: 0xF7C4, 0xAE: 0xF7C5, 0xD2: 0xF7C6,
            0xFF: 0xF7C7},
    # Windows' 28598 is ISO 8859-8:1988 (overline at AF, no directional marks).
    28598: dict([(0xAF, 0x203E)] + list(zip([0xA1] + list(range(0xBF, 0xDF)) + [0xFB, 0xFC, 0xFD, 0xFE, 0xFF],
                                            range(0xF79C, 0xF7C2)))),
    10000: {0xBD: 0x2126},  # the Ohm sign, where Apple now has omega
}

# The IBM PC glyphs MB_USEGLYPHCHARS gives for the OEM code pages' controls.
GLYPHS = {
    0x01: 0x263A, 0x02: 0x263B, 0x03: 0x2665, 0x04: 0x2666, 0x05: 0x2663, 0x06: 0x2660, 0x07: 0x2022, 0x08: 0x25D8,
    0x09: 0x25CB, 0x0A: 0x25D9, 0x0B: 0x2642, 0x0C: 0x2640, 0x0D: 0x266A, 0x0E: 0x266B, 0x0F: 0x263C, 0x10: 0x25BA,
    0x11: 0x25C4, 0x12: 0x2195, 0x13: 0x203C, 0x14: 0x00B6, 0x15: 0x00A7, 0x16: 0x25AC, 0x17: 0x21A8, 0x18: 0x2191,
    0x19: 0x2193, 0x1A: 0x2192, 0x1B: 0x2190, 0x1C: 0x221F, 0x1D: 0x2194, 0x1E: 0x25B2, 0x1F: 0x25BC, 0x7F: 0x2302,
}

# Lead-byte ranges (GetCPInfo's LeadByte) and the character an invalid
# double-byte sequence becomes (CPINFOEX.UnicodeDefaultChar).
DBCS = {
    932: ([(0x81, 0x9F), (0xE0, 0xFC)], 0x30FB),
    936: ([(0x81, 0xFE)], 0x003F),
    949: ([(0x81, 0xFE)], 0x003F),
    950: ([(0x81, 0xFE)], 0x003F),
}


# Windows' end-user-defined character (EUDC) areas: blocks of double-byte
# codes mapped in order onto private-use characters from `base`. Each is
# (first lead, last lead, [(first trail, last trail), ...], base). Big5's
# C6A1-C8FE is EUDC on Windows even where Python's cp950 has the ETEN
# extensions. In 936 every other code of lead 81-FE and trail 40-7E or
# 80-FE that GBK leaves undefined follows, in byte order, from U+E766
# (EUDC_FILL; the private-use codes GB 18030 shares with Windows).
EUDC = {
    936: [(0xAA, 0xAF, [(0xA1, 0xFE)], 0xE000), (0xF8, 0xFE, [(0xA1, 0xFE)], 0xE234),
          (0xA1, 0xA7, [(0x40, 0x7E), (0x80, 0xA0)], 0xE4C6)],
    949: [(0xC9, 0xC9, [(0xA1, 0xFE)], 0xE000), (0xFE, 0xFE, [(0xA1, 0xFE)], 0xE05E)],
    950: [(0xFA, 0xFE, [(0x40, 0x7E), (0xA1, 0xFE)], 0xE000), (0x8E, 0xA0, [(0x40, 0x7E), (0xA1, 0xFE)], 0xE311),
          (0x81, 0x8D, [(0x40, 0x7E), (0xA1, 0xFE)], 0xEEB8), (0xC6, 0xC6, [(0xA1, 0xFE)], 0xF6B1),
          (0xC7, 0xC8, [(0x40, 0x7E), (0xA1, 0xFE)], 0xF70F)],
}


EUDC_FILL = {936: 0xE766}


def eudc_map(cp, codec=None):
    mapping = {}
    for lead_lo, lead_hi, trails, base in EUDC.get(cp, []):
        u = base
        for lead in range(lead_lo, lead_hi + 1):
            for lo, hi in trails:
                for trail in range(lo, hi + 1):
                    mapping[(lead, trail)] = u
                    u += 1
    if cp in EUDC_FILL and codec:
        u = EUDC_FILL[cp]
        for lead in range(0x81, 0xFF):
            for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
                if (lead, trail) not in mapping and decode(codec, bytes([lead, trail])) is None:
                    mapping[(lead, trail)] = u
                    u += 1
    return mapping


def decode(codec, data):
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return ord(text) if len(text) == 1 and ord(text) < 0x10000 else None


def encode(codec, u):
    if 0xD800 <= u <= 0xDFFF:
        return None
    try:
        return chr(u).encode(codec)
    except UnicodeEncodeError:
        return None


def single_byte(cp, codec):
    table = []
    for b in range(256):
        u = FACTS.get(cp, {}).get(b)
        if u is None:
            u = decode(codec, bytes([b]))
        if u is None and cp == 20127:
            u = b & 0x7F  # US-ASCII drops the high bit
        if u is None and 0x80 <= b <= 0x9F:
            u = b  # an undefined C1 byte is that C1 control
        if u is None:
            raise SystemExit(f"code page {cp}: byte {b:#x} has no mapping")
        table.append(u)
    return table


def double_byte(cp, codec):
    ranges, unidefault = DBCS[cp]
    leads = [b for lo, hi in ranges for b in range(lo, hi + 1)]
    single = []
    for b in range(256):
        u = FACTS.get(cp, {}).get(b)
        if b in leads:
            u = unidefault
        elif u is None:
            u = decode(codec, bytes([b]))
        if u is None:
            u = unidefault
        single.append(u)
    rows = {}
    eudc = eudc_map(cp, codec)
    for lead in leads:
        row = []
        for trail in range(256):
            u = eudc.get((lead, trail))
            if u is None and trail >= 0x40:
                u = decode(codec, bytes([lead, trail]))
            row.append(unidefault if u is None else u)
        rows[lead] = row
    return single, rows, leads, unidefault


# Where a character has several byte sequences, Windows writes the lowest,
# except: in 932 the NEC-selected IBM extensions (ED40-EEFC) lose to the
# same characters elsewhere (the IBM extensions, FA40-FC4B, or NEC's row
# 13), and in 950 four box-drawing characters and two hanzi take their
# second codes.
PREFERRED = {
    950: {0x2550: 0xF9F9, 0x255E: 0xF9E9, 0x2561: 0xF9EB, 0x256A: 0xF9EA, 0x5341: 0xA451, 0x5345: 0xA4CA},
}


def reverse_fixes(cp, codec, forward):
    """(u, bytes) where Windows' choice is not the lowest sequence."""
    lowest, chosen = {}, {}
    for seq, u in forward:
        lowest.setdefault(u, seq)
        demoted = cp == 932 and 0xED40 <= seq <= 0xEEFC
        if u not in chosen or (chosen[u][1] and not demoted):
            chosen[u] = (seq, demoted)
    fixes = []
    for u in sorted(chosen):
        seq = PREFERRED.get(cp, {}).get(u, chosen[u][0])
        if seq != lowest[u]:
            fixes.append((u, seq))
    return fixes


def load_best_fit():
    """{code page: [(u, bytes), ...]} from tools/nls/bestfit.txt."""
    tables, current = {}, None
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bestfit.txt")
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("CODEPAGE"):
                current = tables.setdefault(int(line.split()[1]), [])
                continue
            for item in line.split():
                u, seq = item.split("=")
                current.append((int(u, 16), int(seq, 16)))
    return tables


def reverse_fix_array(out, name, pairs):
    """Appends a ReverseFix array of (u, bytes) pairs; its name and size."""
    if not pairs:
        return "nullptr", 0
    body = "\n".join(f"    {{0x{u:04x}, 0x{v:04x}}}," for u, v in pairs)
    out.append(f"constexpr ReverseFix {name}[] = {{\n{body}\n}};")
    return name, len(pairs)


def cxx_array(values, per_line=16):
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(f"0x{v:04x}" for v in values[i:i + per_line]) + ",")
    return "\n".join(lines)


def main():
    out = []
    out.append("// Generated by tools/nls/make_codepages.py from Python's codecs; do not edit.")
    out.append('#include "codepage_table.h"')
    out.append("")
    out.append("namespace ntdll::nls {")
    out.append("namespace {")
    out.append("constexpr char16_t kGlyphs[256] = {")
    out.append(cxx_array([GLYPHS.get(b, b) for b in range(256)]))
    out.append("};")
    entries = []
    best_fit = load_best_fit()
    for cp, codec, kind, glyphs, name in CODE_PAGES:
        if kind == "sbcs":
            table = single_byte(cp, codec)
            forward = [(b, table[b]) for b in range(256)]
            out.append(f"constexpr char16_t kSingle{cp}[256] = {{\n{cxx_array(table)}\n}};")
            rows_name, row_index_name, lead_list, unidefault = "nullptr", "nullptr", [], 0x3F
        else:
            single, rows, leads, unidefault = double_byte(cp, codec)
            forward = [(b, single[b]) for b in range(256) if b not in rows]
            for lead in leads:
                forward += [((lead << 8) | t, u) for t, u in enumerate(rows[lead]) if t >= 0x40 and u != unidefault]
            forward.sort()
            out.append(f"constexpr char16_t kSingle{cp}[256] = {{\n{cxx_array(single)}\n}};")
            flat = [u for lead in leads for u in rows[lead]]
            out.append(f"constexpr char16_t kRows{cp}[{len(flat)}] = {{\n{cxx_array(flat)}\n}};")
            index = [0] * 256
            for i, lead in enumerate(leads):
                index[lead] = i + 1
            out.append(f"constexpr unsigned char kRowIndex{cp}[256] = {{\n{cxx_array(index)}\n}};")
            rows_name, row_index_name = f"kRows{cp}", f"kRowIndex{cp}"
            lead_list = DBCS[cp][0]
        fixes_name, fixes_count = reverse_fix_array(out, f"kFixes{cp}", reverse_fixes(cp, codec, forward))
        exact = {u for _, u in forward}
        fits = [(u, seq) for u, seq in best_fit.get(cp, []) if u not in exact]
        fits_name, fits_count = reverse_fix_array(out, f"kBestFit{cp}", fits)
        lead_bytes = [b for lo, hi in lead_list for b in (lo, hi)]
        lead_bytes += [0] * (12 - len(lead_bytes))
        lead_init = ", ".join(f"0x{b:02x}" for b in lead_bytes)
        entries.append(
            f"    {{{cp}, {2 if kind == 'dbcs' else 1}, 0x{unidefault:04x}, {{{lead_init}}}, kSingle{cp}, "
            f"{row_index_name}, {rows_name}, {'kGlyphs' if glyphs else 'nullptr'}, {fixes_name}, {fixes_count}, "
            f"{fits_name}, {fits_count}, 0x{DEFAULT_CHAR.get(cp, 0x3F):02x}, "
            f'u"{name}"}},')
    out.append("}  // namespace")
    out.append("")
    out.append("const CodePageData kCodePageData[] = {")
    out.extend(entries)
    out.append("};")
    out.append("const size_t kCodePageDataCount = sizeof(kCodePageData) / sizeof(kCodePageData[0]);")
    out.append("")
    out.append("}  // namespace ntdll::nls")
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
