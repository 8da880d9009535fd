// Reading the encodings of DWARF call frame information as ELF's .eh_frame
// and .eh_frame_hdr use them (LEB128 numbers and DW_EH_PE_* pointers, from
// the DWARF 4 specification and the LSB's "Exception Frames" chapter). Every
// read is bounded: past the end it yields zero and ok() turns false, so
// corrupt data ends a walk instead of faulting inside the dispatcher.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace dwarf {

// DW_EH_PE_*: the low nibble is the format, bits 4-6 what it is relative
// to, bit 7 an indirection.
enum : uint8_t {
    kPeAbsptr = 0x00,
    kPeUleb128 = 0x01,
    kPeUdata2 = 0x02,
    kPeUdata4 = 0x03,
    kPeUdata8 = 0x04,
    kPeSleb128 = 0x09,
    kPeSdata2 = 0x0a,
    kPeSdata4 = 0x0b,
    kPeSdata8 = 0x0c,
    kPePcrel = 0x10,
    kPeDatarel = 0x30,
    kPeIndirect = 0x80,
    kPeOmit = 0xff,
};

struct Reader {
    const uint8_t* p;
    const uint8_t* end;
    bool good = true;

    bool ok() const { return good && p <= end; }
    bool more() const { return good && p < end; }

    template <class T>
    T fixed() {
        T value{};
        if (static_cast<size_t>(end - p) >= sizeof(T) && p <= end) memcpy(&value, p, sizeof(T));
        else good = false;
        p += sizeof(T);
        return value;
    }
    uint8_t u8() { return fixed<uint8_t>(); }

    uint64_t uleb() {
        uint64_t value = 0;
        for (unsigned shift = 0;; shift += 7) {
            if (p >= end) {
                good = false;
                return 0;
            }
            uint8_t byte = *p++;
            if (shift < 64) value |= uint64_t{byte & 0x7fu} << shift;
            if (!(byte & 0x80)) return value;
        }
    }

    int64_t sleb() {
        uint64_t value = 0;
        unsigned shift = 0;
        uint8_t byte;
        do {
            if (p >= end) {
                good = false;
                return 0;
            }
            byte = *p++;
            if (shift < 64) value |= uint64_t{byte & 0x7fu} << shift;
            shift += 7;
        } while (byte & 0x80);
        if (shift < 64 && (byte & 0x40)) value |= ~uint64_t{0} << shift;
        return static_cast<int64_t>(value);
    }

    // A pointer in `encoding`: pc-relative to where it is stored, or
    // data-relative to `data_base` (.eh_frame_hdr's start). Indirect
    // pointers are not followed (only personality routines use them).
    uint64_t pointer(uint8_t encoding, uint64_t data_base = 0) {
        if (encoding == kPeOmit) return 0;
        auto here = reinterpret_cast<uint64_t>(p);
        uint64_t value;
        switch (encoding & 0x0f) {
        case kPeAbsptr:
        case kPeUdata8:
        case kPeSdata8: value = fixed<uint64_t>(); break;
        case kPeUleb128: value = uleb(); break;
        case kPeUdata2: value = fixed<uint16_t>(); break;
        case kPeUdata4: value = fixed<uint32_t>(); break;
        case kPeSleb128: value = static_cast<uint64_t>(sleb()); break;
        case kPeSdata2: value = static_cast<uint64_t>(int64_t{fixed<int16_t>()}); break;
        case kPeSdata4: value = static_cast<uint64_t>(int64_t{fixed<int32_t>()}); break;
        default: good = false; return 0;
        }
        switch (encoding & 0x70) {
        case 0: break;
        case kPePcrel: value += here; break;
        case kPeDatarel: value += data_base; break;
        default: good = false; return 0;  // text/func-relative, aligned: not used by x86-64 GNU tools
        }
        return value;
    }
};

}  // namespace dwarf
