#!/usr/bin/env python3
"""make_clr_image.py IN.exe OUT.exe

Copies a PE32+ image and gives it a COM descriptor (CLR runtime header) data
directory entry, as a .NET assembly has, pointing at 72 zero bytes inside the
image's first section, so that the image looks like a managed program."""
import struct
import sys


def main():
    src, dst = sys.argv[1], sys.argv[2]
    data = bytearray(open(src, "rb").read())
    lfanew = struct.unpack_from("<I", data, 0x3C)[0]
    if data[lfanew:lfanew + 4] != b"PE\0\0":
        sys.exit("not a PE image: " + src)
    opt = lfanew + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    if magic != 0x20B:
        sys.exit("not a PE32+ image: " + src)
    size_of_opt = struct.unpack_from("<H", data, lfanew + 20)[0]
    count = struct.unpack_from("<I", data, opt + 108)[0]
    if count < 15:
        sys.exit("too few data directories: %d" % count)
    # Point the COM descriptor at the start of the first section (72 bytes,
    # the size of IMAGE_COR20_HEADER).
    sections = opt + size_of_opt
    va = struct.unpack_from("<I", data, sections + 12)[0]
    struct.pack_into("<II", data, opt + 112 + 14 * 8, va, 72)
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main()
