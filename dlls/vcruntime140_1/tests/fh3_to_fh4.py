#!/usr/bin/env python3
"""Rewrites clang's assembly for x86_64-pc-windows-msvc so that its C++
functions use __CxxFrameHandler4 with FH4's compressed tables instead of
__CxxFrameHandler3 with FuncInfo.

clang (14) emits only FH3 tables; MSVC 2019 and later emit FH4 by default.
This converts each function's FuncInfo, state by state, into the FH4
stream (format: include/vine/msvc_eh.h), so the code under test is real
compiler output and only the table encoding changes:
  - each function and each of its catch funclets gets its own FuncInfo4
    (a funclet's with IsCatch and the frame offset where it keeps its
    parent's frame) and its own ip-to-state map, relative to its start;
  - the unwind map's to-states become back offsets; cleanups are funclets;
  - the FH3 tables stay in the file, unused.
Numbers the script knows are encoded in their shortest compressed form;
ip deltas, which only the assembler knows, in the four-byte form.

usage: fh3_to_fh4.py input.s output.s
"""
import re
import sys


_rotation = [0]


def compressed(value):
    """FH4's compressed unsigned integer, as a list of bytes: the shortest
    form that holds it, or (every few values) a longer one, which decoders
    read the same way, so that each length of the format is exercised. The
    five-byte form is kept for values that need it (Wine 8 does not decode
    it, and Wine runs these tests as a cross-check)."""
    if value < 0:
        raise ValueError(f"negative value {value} in an FH4 unsigned field")
    _rotation[0] = (_rotation[0] + 1) % 4
    longer = _rotation[0]
    if value < 1 << 7 and not longer:
        return [value << 1]
    if value < 1 << 14 and longer <= 1:
        v = (value << 2) | 1
        return [v & 0xFF, (v >> 8) & 0xFF]
    if value < 1 << 21 and longer <= 2:
        v = (value << 3) | 3
        return [v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF]
    if value < 1 << 28:
        v = (value << 4) | 7
        return [v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, (v >> 24) & 0xFF]
    return [15, value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, (value >> 24) & 0xFF]


LABEL = re.compile(r'^("[^"]+"|[A-Za-z_.$?@][\w.$?@]*):')
UNQUOTED_AT = re.compile(r'(^|[\s(,+-])([A-Za-z_.$?][\w.$?@]*@)@IMGREL')
LONG = re.compile(r'^\s*\.long\s+([^#]*?)\s*(#.*)?$')


def parse(lines):
    procs = []        # [name, first line, last line, handler-data line or None]
    labels = {}       # label -> line
    data = {}         # label -> the .long operands that follow it
    current = None
    for i, line in enumerate(lines):
        s = line.strip()
        m = LABEL.match(line)
        if m:
            current = m.group(1)
            labels[current] = i
            data.setdefault(current, [])
            continue
        if not s or s.startswith('#'):
            continue
        m = LONG.match(line)
        if s.startswith('.seh_proc '):
            procs.append([s.split(None, 1)[1], i, None, None])
        elif s.startswith('.seh_endproc'):
            procs[-1][2] = i
        elif m and procs and procs[-1][2] is None and 'cppxdata' in m.group(1):
            procs[-1][3] = i
        if m and current is not None:
            data[current].append(m.group(1))
        else:
            current = None
    return procs, labels, data


def strip_imgrel(expr):
    """'("$x")@IMGREL' or '.Ltmp4@IMGREL+1' -> ('"$x"' or '.Ltmp4', '+1')."""
    m = re.match(r'^\(?("[^"]+"|[^()@]+)\)?@IMGREL(.*)$', expr)
    if not m:
        raise ValueError(f"not an image-relative operand: {expr}")
    return m.group(1), m.group(2)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    lines = open(src).read().split('\n')
    procs, labels, data = parse(lines)

    def proc_of(label):
        line = labels[label]
        previous_end = -1
        for index, (name, first, last, _) in enumerate(procs):
            if previous_end < line <= last:
                return index
            previous_end = last
        raise ValueError(f"label {label} is in no function")

    out = []
    replace = {}  # line -> new text
    funcinfo_of_proc = {}
    for index, (name, first, last, hd_line) in enumerate(procs):
        if hd_line is None:
            continue
        funcinfo_of_proc[index] = strip_imgrel(LONG.match(lines[hd_line]).group(1))[0]

    # Differences of global symbols are not always folded by clang's
    # assembler (it emitted a relocation for "X - X"): ip deltas use local
    # labels placed at the same addresses.
    aliases = {}

    def alias(label):
        if label.startswith('.L'):
            return label
        if label not in aliases:
            aliases[label] = f'.Lfh4_alias{len(aliases)}'
        return aliases[label]

    emitted = set()
    for index, funcinfo in funcinfo_of_proc.items():
        key = funcinfo.strip('"')
        fi = data[funcinfo]
        max_state, unwind_map, try_count, try_map = int(fi[1]), fi[2], int(fi[3]), fi[4]
        ip_count, ip_map = int(fi[5]), fi[6]
        eh_flags = int(fi[9]) if len(fi) > 9 else 0
        base = key[len('$cppxdata$'):]
        tag = lambda what: f'"$fh4{what}${base}"'

        # The try blocks and their handlers (also: which procs are catch funclets).
        blocks = []
        catch_frame = {}  # funclet name -> parent frame offset
        if try_count:
            t = data[strip_imgrel(try_map)[0]]
            for b in range(try_count):
                low, high, catch_high, count, handlers = t[5 * b:5 * b + 5]
                h = data[strip_imgrel(handlers)[0]]
                entries = []
                for k in range(int(count)):
                    adjectives, type_, catch_obj, handler, frame = h[5 * k:5 * k + 5]
                    handler_name = strip_imgrel(handler)[0]
                    catch_frame[handler_name] = int(frame)
                    entries.append((int(adjectives), type_, int(catch_obj), handler))
                blocks.append((int(low), int(high), int(catch_high), entries))

        if funcinfo not in emitted:
            emitted.add(funcinfo)
            # Unwind map: back offsets from each entry's start.
            if max_state:
                u = data[strip_imgrel(unwind_map)[0]]
                out.append(f'{tag("unwind")}:')
                out.append(f'\t.byte {", ".join(map(str, compressed(max_state)))}')
                offsets = []
                offset = 0
                for state in range(max_state):
                    to_state, action = int(u[2 * state]), u[2 * state + 1]
                    offsets.append(offset)
                    back = offset + 1 if to_state < 0 else offset - offsets[to_state]
                    kind = 0 if action == '0' else 3
                    word = compressed(back << 2 | kind)
                    out.append(f'\t.byte {", ".join(map(str, word))}')
                    offset += len(word)
                    if kind:
                        out.append(f'\t.long {action}')
                        offset += 4
            if blocks:
                out.append(f'{tag("try")}:')
                out.append(f'\t.byte {", ".join(map(str, compressed(len(blocks))))}')
                for number, (low, high, catch_high, _) in enumerate(blocks):
                    out.append(f'\t.byte {", ".join(map(str, compressed(low) + compressed(high) + compressed(catch_high)))}')
                    out.append(f'\t.long {tag("handlers" + str(number))}@IMGREL')
                for number, (_, _, _, entries) in enumerate(blocks):
                    out.append(f'{tag("handlers" + str(number))}:')
                    out.append(f'\t.byte {", ".join(map(str, compressed(len(entries))))}')
                    for adjectives, type_, catch_obj, handler in entries:
                        header = (1 if adjectives else 0) | (2 if type_ != '0' else 0) | (4 if catch_obj else 0)
                        out.append(f'\t.byte {header}')
                        if adjectives:
                            out.append(f'\t.byte {", ".join(map(str, compressed(adjectives)))}')
                        if type_ != '0':
                            out.append(f'\t.long {type_}')
                        if catch_obj:
                            out.append(f'\t.byte {", ".join(map(str, compressed(catch_obj)))}')
                        out.append(f'\t.long {handler}')

        # This proc's FuncInfo4 and ip-to-state map.
        name = procs[index][0]
        ip = data[strip_imgrel(ip_map)[0]] if ip_count else []
        mine = []
        for e in range(ip_count):
            label, plus = strip_imgrel(ip[2 * e])
            if proc_of(label) == index:
                mine.append((label + plus, int(ip[2 * e + 1])))
        is_catch = name in catch_frame
        header = 0x01 if is_catch else 0
        header |= 0x08 if max_state else 0
        header |= 0x10 if blocks else 0
        header |= 0x20 if eh_flags & 1 else 0
        header |= 0x40 if eh_flags & 4 else 0
        info = tag(f'info{index}')
        ipmap = tag(f'ip{index}')
        out.append(f'{info}:')
        out.append(f'\t.byte {header}')
        if max_state:
            out.append(f'\t.long {tag("unwind")}@IMGREL')
        if blocks:
            out.append(f'\t.long {tag("try")}@IMGREL')
        out.append(f'\t.long {ipmap}@IMGREL')
        if is_catch:
            out.append(f'\t.byte {", ".join(map(str, compressed(catch_frame[name])))}')
        out.append(f'{ipmap}:')
        out.append(f'\t.byte {", ".join(map(str, compressed(len(mine))))}')
        previous = alias(name)
        for expr, state in mine:
            label, plus = re.match(r'^("[^"]+"|[^+]+)(.*)$', expr).groups()
            expr = alias(label) + plus
            # The four-byte form (low bits 0111), which the assembler can
            # compute: delta << 4 | 7 (deltas are below 2^28).
            out.append(f'\t.long (({expr})-({previous}))*16+7')
            out.append(f'\t.byte {", ".join(map(str, compressed(state + 1)))}')
            previous = expr
        replace[procs[index][3]] = f'\t.long {info}@IMGREL'

    result = []
    for i, line in enumerate(lines):
        # clang prints a symbol ending in '@' unquoted before @IMGREL, which
        # its own assembler then reads as one name: quote it.
        line = UNQUOTED_AT.sub(r'\1"\2"@IMGREL', line)
        if i in replace:
            result.append(replace[i])
        elif '.seh_handler __CxxFrameHandler3' in line:
            result.append(line.replace('__CxxFrameHandler3', '__CxxFrameHandler4'))
        else:
            result.append(line)
        m = LABEL.match(line)
        if m and m.group(1) in aliases:
            result.append(f'{aliases[m.group(1)]}:')
    result.append('\t.section\t.xdata,"dr"')
    result.extend(out)
    result.append('')
    open(dst, 'w').write('\n'.join(result))


if __name__ == '__main__':
    main()
