#!/usr/bin/env python3
"""make_hostile_image.py KIND IN OUT: one targeted corruption of a valid
x86-64 PE file, for the loader's hostile-input regression tests (issue 12):

  iat-in-headers  the first import descriptor's address table starts at
                  RVA 0x38, so binding would write over e_lfanew
  tls-noread      the section holding the TLS template loses its read,
                  write and execute rights
  tls-callback    the first TLS callback points at an unmapped address
  garbage         the file becomes text (a corrupt DLL)

The layouts are the documented PE/COFF ones (IMAGE_NT_HEADERS64,
IMAGE_IMPORT_DESCRIPTOR, IMAGE_TLS_DIRECTORY64)."""
import struct
import sys


class Pe:
    def __init__(self, data):
        self.data = data
        self.nt = struct.unpack_from("<I", data, 0x3C)[0]
        file_header = self.nt + 4
        count = struct.unpack_from("<H", data, file_header + 2)[0]
        optional_size = struct.unpack_from("<H", data, file_header + 16)[0]
        self.optional = file_header + 20
        assert struct.unpack_from("<H", data, self.optional)[0] == 0x20B, "not PE32+"
        self.image_base = struct.unpack_from("<Q", data, self.optional + 24)[0]
        table = self.optional + optional_size
        self.sections = []
        for i in range(count):
            at = table + 40 * i
            vsize, va, rawsize, raw = struct.unpack_from("<IIII", data, at + 8)
            self.sections.append((at, va, max(vsize, rawsize), raw))

    def directory(self, index):
        return struct.unpack_from("<II", self.data, self.optional + 112 + 8 * index)

    def section_of(self, rva):
        for section in self.sections:
            if section[1] <= rva < section[1] + section[2]:
                return section
        raise SystemExit("RVA 0x%x is in no section" % rva)

    def offset_of(self, rva):
        _, va, _, raw = self.section_of(rva)
        return raw + rva - va


def main():
    kind, source, target = sys.argv[1:4]
    data = bytearray(open(source, "rb").read())
    if kind == "garbage":
        data = bytearray(b"this is not a DLL\n" * 64)
    else:
        pe = Pe(data)
        if kind == "iat-in-headers":
            rva, _ = pe.directory(1)
            descriptor = pe.offset_of(rva)
            struct.pack_into("<I", data, descriptor + 16, 0x38)  # FirstThunk
        elif kind in ("tls-noread", "tls-callback"):
            rva, _ = pe.directory(9)
            tls = pe.offset_of(rva)
            start, _, _, callbacks = struct.unpack_from("<QQQQ", data, tls)
            if kind == "tls-noread":
                header = pe.section_of(start - pe.image_base)[0]
                characteristics = struct.unpack_from("<I", data, header + 36)[0]
                struct.pack_into("<I", data, header + 36, characteristics & 0x1FFFFFFF)
            else:
                assert callbacks, "no TLS callbacks"
                struct.pack_into("<Q", data, pe.offset_of(callbacks - pe.image_base), 0x7FFF00001000)
        else:
            raise SystemExit("unknown kind " + kind)
    open(target, "wb").write(data)


if __name__ == "__main__":
    main()
