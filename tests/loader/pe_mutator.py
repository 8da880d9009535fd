#!/usr/bin/env python3
"""pe_mutator.py - the loader's hostile-input tier.

usage: pe_mutator.py VINE OUTDIR [--inputs DIR] SEED[+DLL...]...

Each SEED is a built test program (an EXE, optionally with the DLLs it
imports after '+'). The tier first runs every file kept in --inputs (the
regression inputs: mutants that once broke vine), then derives mutants from
the seeds with a fixed random seed, the image or one of its DLLs being the
one mutated: header fields (e_lfanew, section counts, offsets and sizes,
directory RVAs and sizes), the import, export, TLS and relocation tables,
truncation, and byte flips outside code. Each runs under vine with a
timeout, and only two outcomes pass:
  - a clean error: a status of 1..127 and, on stderr, "vine: ..." lines;
  - a run: the program's own output and exit status, or a Windows-style
    report ("vine: unhandled exception ...") and the exception's status.
Everything else fails: vine dying of a host signal (SIGSEGV, SIGBUS,
SIGABRT...), a timeout (the loader hanging), stderr that is not valid UTF-8
or that shows a host crash (a sanitizer, "terminate called"). Failing
inputs are kept in OUTDIR/failures with a description of their mutations.

Knobs (environment): VINE_HOSTILE_MUTANTS (how many, default 300),
VINE_HOSTILE_SEED (default 20261202), VINE_HOSTILE_TIMEOUT (seconds per
run, default 10), VINE_HOSTILE_JOBS (parallel runs, default 2).
"""
import concurrent.futures
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

HOST_CRASH_WORDS = ("Segmentation fault", "core dumped", "terminate called", "Aborted",
                    "AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")
INTERESTING32 = (0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x1000, 0xfff, 0x7fff, 0x8000, 0xffff, 0x10000,
                 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff)


class Pe:
    """The fields of a PE32+ image, as offsets into its bytes."""

    def __init__(self, data):
        self.data = data
        self.nt = struct.unpack_from("<I", data, 0x3c)[0]
        self.file_header = self.nt + 4
        self.sections_count = struct.unpack_from("<H", data, self.file_header + 2)[0]
        optional_size = struct.unpack_from("<H", data, self.file_header + 16)[0]
        self.optional = self.file_header + 20
        self.directories = self.optional + 112
        self.section_table = self.optional + optional_size
        self.sections = []
        for i in range(self.sections_count):
            at = self.section_table + 40 * i
            vsize, va, raw_size, raw_ptr = struct.unpack_from("<IIII", data, at + 8)
            flags = struct.unpack_from("<I", data, at + 36)[0]
            self.sections.append((at, va, max(vsize, raw_size), raw_ptr, raw_size, flags))
        self.image_base = struct.unpack_from("<Q", data, self.optional + 24)[0]

    def offset_of_rva(self, rva):
        for _, va, vsize, raw_ptr, raw_size, _ in self.sections:
            if va <= rva < va + min(vsize, raw_size):
                return raw_ptr + rva - va
        return None

    def directory(self, index):
        return struct.unpack_from("<II", self.data, self.directories + 8 * index)

    def code_ranges(self):
        return [(raw_ptr, raw_ptr + raw_size) for _, _, _, raw_ptr, raw_size, flags in self.sections
                if flags & 0x20000020]  # IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE

    def fields(self):
        """(offset, width, name) of every header field worth corrupting."""
        f = [(0x3c, 4, "e_lfanew"), (self.nt, 4, "Signature"), (self.file_header, 2, "Machine"),
             (self.file_header + 2, 2, "NumberOfSections"), (self.file_header + 16, 2, "SizeOfOptionalHeader"),
             (self.file_header + 18, 2, "Characteristics"), (self.optional, 2, "Magic"),
             (self.optional + 16, 4, "AddressOfEntryPoint"), (self.optional + 24, 8, "ImageBase"),
             (self.optional + 32, 4, "SectionAlignment"), (self.optional + 36, 4, "FileAlignment"),
             (self.optional + 56, 4, "SizeOfImage"), (self.optional + 60, 4, "SizeOfHeaders"),
             (self.optional + 68, 2, "Subsystem"), (self.optional + 70, 2, "DllCharacteristics"),
             (self.optional + 72, 8, "SizeOfStackReserve"), (self.optional + 80, 8, "SizeOfStackCommit"),
             (self.optional + 108, 4, "NumberOfRvaAndSizes")]
        for i in range(16):
            f.append((self.directories + 8 * i, 4, "DataDirectory[%d].VirtualAddress" % i))
            f.append((self.directories + 8 * i + 4, 4, "DataDirectory[%d].Size" % i))
        for n, (at, *_rest) in enumerate(self.sections):
            for delta, name in ((8, "VirtualSize"), (12, "VirtualAddress"), (16, "SizeOfRawData"),
                                (20, "PointerToRawData"), (36, "Characteristics")):
                f.append((at + delta, 4, "section[%d].%s" % (n, name)))
        return [x for x in f if x[0] + x[1] <= len(self.data)]

    def table_fields(self):
        """Fields of the import, export, TLS and relocation tables."""
        f = []
        rva, size = self.directory(1)  # imports
        at = self.offset_of_rva(rva) if rva else None
        for d in range(64 if at is not None else 0):
            base = at + 20 * d
            if base + 20 > len(self.data) or self.data[base:base + 20] == bytes(20):
                break
            for delta, name in ((0, "OriginalFirstThunk"), (12, "Name"), (16, "FirstThunk")):
                f.append((base + delta, 4, "import[%d].%s" % (d, name)))
            thunk_rva = struct.unpack_from("<I", self.data, base)[0] or struct.unpack_from("<I", self.data, base + 16)[0]
            thunk = self.offset_of_rva(thunk_rva)
            for t in range(16 if thunk is not None else 0):
                if thunk + 8 * t + 8 > len(self.data):
                    break
                f.append((thunk + 8 * t, 8, "import[%d].thunk[%d]" % (d, t)))
        rva, size = self.directory(0)  # exports
        at = self.offset_of_rva(rva) if rva else None
        if at is not None and at + 40 <= len(self.data):
            for delta, name in ((12, "Name"), (16, "Base"), (20, "NumberOfFunctions"), (24, "NumberOfNames"),
                                (28, "AddressOfFunctions"), (32, "AddressOfNames"), (36, "AddressOfNameOrdinals")):
                f.append((at + delta, 4, "export.%s" % name))
            functions = self.offset_of_rva(struct.unpack_from("<I", self.data, at + 28)[0])
            for i in range(4 if functions is not None else 0):
                f.append((functions + 4 * i, 4, "export.function[%d]" % i))
        rva, size = self.directory(9)  # TLS
        at = self.offset_of_rva(rva) if rva else None
        if at is not None and at + 40 <= len(self.data):
            for delta, name in ((0, "StartAddressOfRawData"), (8, "EndAddressOfRawData"), (16, "AddressOfIndex"),
                                (24, "AddressOfCallBacks")):
                f.append((at + delta, 8, "tls.%s" % name))
            f.append((at + 32, 4, "tls.SizeOfZeroFill"))
            callbacks_va = struct.unpack_from("<Q", self.data, at + 24)[0]
            callbacks = self.offset_of_rva(callbacks_va - self.image_base) if callbacks_va > self.image_base else None
            if callbacks is not None:
                f.append((callbacks, 8, "tls.callback[0]"))
        rva, size = self.directory(5)  # relocations
        at = self.offset_of_rva(rva) if rva else None
        blocks = 0
        while at is not None and at + 8 <= len(self.data) and blocks < 8 and size > 0:
            page, block = struct.unpack_from("<II", self.data, at)
            f.append((at, 4, "reloc[%d].VirtualAddress" % blocks))
            f.append((at + 4, 4, "reloc[%d].SizeOfBlock" % blocks))
            if at + 10 <= len(self.data):
                f.append((at + 8, 2, "reloc[%d].entry[0]" % blocks))
            if block < 8:
                break
            at += block
            size -= block
            blocks += 1
        return [x for x in f if x[0] + x[1] <= len(self.data)]


def mutate(data, rng):
    """A mutated copy of data and a description of what was done."""
    data = bytearray(data)
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        # Parsed again each time: an earlier mutation may have moved things.
        try:
            pe = Pe(bytes(data))
        except struct.error:
            pe = None
        kind = rng.choice(("header", "header", "table", "table", "truncate", "flip"))
        fields = []
        if kind in ("header", "table") and pe:
            try:
                fields = pe.fields() if kind == "header" else pe.table_fields()
            except struct.error:
                fields = []
            if not fields:
                kind = "flip"
            else:
                offset, width, name = rng.choice(fields)
                fmt = {2: "<H", 4: "<I", 8: "<Q"}[width]
                old = struct.unpack_from(fmt, data, offset)[0]
                mask = (1 << (8 * width)) - 1
                choice = rng.randrange(6)
                if choice == 0:
                    value = rng.choice(INTERESTING32)
                elif choice == 1:
                    value = old + rng.choice((-1, 1, -8, 8, 0x1000, -0x1000))
                elif choice == 2:
                    value = old ^ (1 << rng.randrange(8 * width))
                elif choice == 3:
                    value = rng.choice((len(data), len(data) - 1, len(data) + 1, old * 2, old // 2))
                elif choice == 4 and width == 8:
                    value = rng.choice((0, pe.image_base, pe.image_base + rng.randrange(0x10000), mask))
                else:
                    value = rng.getrandbits(8 * width)
                struct.pack_into(fmt, data, offset, value & mask)
                done.append("%s: 0x%x -> 0x%x" % (name, old, value & mask))
                continue
        if kind == "truncate" and len(data) > 1:
            cut = rng.randrange(1, len(data))
            del data[cut:]
            done.append("truncated to %d bytes" % cut)
            continue
        # Byte flips, outside the code (a flipped instruction can loop, which
        # says nothing about the loader).
        code = pe.code_ranges() if pe else []
        if not data:
            break
        for _ in range(rng.randrange(1, 9)):
            for _attempt in range(16):
                offset = rng.randrange(len(data))
                if not any(low <= offset < high for low, high in code):
                    break
            else:
                continue
            old = data[offset]
            data[offset] = rng.getrandbits(8) if rng.randrange(2) else old ^ (1 << rng.randrange(8))
            done.append("byte 0x%x: 0x%02x -> 0x%02x" % (offset, old, data[offset]))
    return bytes(data), done


def classify(status, stderr, timed_out):
    """None when the outcome is one of the two allowed, else why not."""
    if timed_out:
        return "no end within the timeout (a hang)"
    if status < 0:
        return "vine died of signal %d" % -status
    try:
        text = stderr.decode("utf-8")
    except UnicodeDecodeError:
        return "stderr is not valid UTF-8"
    for word in HOST_CRASH_WORDS:
        if word in text:
            return "stderr shows a host crash (%s)" % word
    lines = [line for line in text.splitlines() if line]
    if "vine: unhandled exception" in text:
        return None  # a Windows-style report
    if status == 0:
        return None
    vine_lines = [line for line in lines if line.startswith("vine: ")]
    if 1 <= status <= 127 and vine_lines:
        return None  # a clean error
    # Any other status without a "vine:" line is the program's own exit
    # (a mutated program may fail its own checks), unless it is one of the
    # statuses of a host signal death reported by a wrapper.
    if status >= 128 and not lines and status - 128 in (4, 6, 7, 8, 11):
        return "exit status %d with nothing on stderr (a signal death?)" % status
    return None


def run_case(vine, directory, program, timeout):
    try:
        result = subprocess.run([vine, program], cwd=directory, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, timeout=timeout,
                                env={k: v for k, v in os.environ.items() if k not in ("VINEDEBUG", "WINEDEBUG")})
        return result.returncode, result.stderr[-8192:], False
    except subprocess.TimeoutExpired as expired:
        return 0, (expired.stderr or b"")[-8192:], True


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        sys.exit(__doc__)
    vine, outdir = os.path.abspath(args[0]), os.path.abspath(args[1])
    args = args[2:]
    inputs = None
    if args[0] == "--inputs":
        inputs, args = args[1], args[2:]
    seeds = [spec.split("+") for spec in args]
    count = int(os.environ.get("VINE_HOSTILE_MUTANTS", "300"))
    master_seed = int(os.environ.get("VINE_HOSTILE_SEED", "20261202"))
    timeout = float(os.environ.get("VINE_HOSTILE_TIMEOUT", "10"))
    jobs = int(os.environ.get("VINE_HOSTILE_JOBS", "2"))
    failures_dir = os.path.join(outdir, "failures")
    os.makedirs(outdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="vine-pe-mutants.", dir=outdir)
    seed_bytes = {path: open(path, "rb").read() for seed in seeds for path in seed}

    # One case: (name, files to write {name: bytes}, program, description).
    cases = []
    for name in sorted(os.listdir(inputs)) if inputs and os.path.isdir(inputs) else []:
        if name.endswith(".exe"):
            cases.append(("input " + name, {name: open(os.path.join(inputs, name), "rb").read()}, name,
                          ["kept regression input " + name]))
    for i in range(count):
        rng = random.Random(master_seed * 1000003 + i)
        seed = rng.choice(seeds)
        victim = rng.choice(seed)
        mutated, done = mutate(seed_bytes[victim], rng)
        files = {os.path.basename(path): (mutated if path == victim else seed_bytes[path]) for path in seed}
        description = ["mutant %d of %s (seed %d)" % (i, os.path.basename(victim), master_seed)] + done
        cases.append(("mutant %d" % i, files, os.path.basename(seed[0]), description))

    def run_one(index_case):
        index, (name, files, program, description) = index_case
        directory = os.path.join(work, "case%d" % index)
        os.makedirs(directory)
        for file_name, data in files.items():
            with open(os.path.join(directory, file_name), "wb") as f:
                f.write(data)
        status, stderr, timed_out = run_case(vine, directory, os.path.join(directory, program), timeout)
        why = classify(status, stderr, timed_out)
        outcome = "hang" if timed_out else "ran" if (status == 0 or b"unhandled exception" in stderr) else \
            "error" if b"vine: " in stderr else "exit"
        if why:
            keep = os.path.join(failures_dir, "case%d" % index)
            shutil.copytree(directory, keep, dirs_exist_ok=True)
            with open(os.path.join(keep, "README"), "w") as f:
                f.write("\n".join(description) + "\n\nstatus %d, stderr:\n" % status)
                f.write(stderr.decode("utf-8", "backslashreplace"))
        shutil.rmtree(directory, ignore_errors=True)
        return name, description, outcome, status, stderr, why

    failures = 0
    tally = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, description, outcome, status, stderr, why in pool.map(run_one, enumerate(cases)):
            tally[outcome] = tally.get(outcome, 0) + 1
            if why:
                failures += 1
                print("FAIL: %s: %s (status %d)" % (name, why, status))
                for line in description:
                    print("    " + line)
                for line in stderr.decode("utf-8", "backslashreplace").splitlines()[:6]:
                    print("    | " + line)
    shutil.rmtree(work, ignore_errors=True)
    print("%d cases (%s); %d failed%s" % (len(cases), ", ".join("%s %d" % kv for kv in sorted(tally.items())),
                                         failures, "; inputs kept in " + failures_dir if failures else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
