// The code page engine: byte <-> UTF-16 through the generated tables
// (codepage_table.h). The UTF-16 -> bytes direction uses a 64 Ki-entry
// reverse table per code page, built from the forward table and the
// best-fit mappings on first use; VINE_CP_NO_BEST_FIT takes only what
// converts back to the same character.
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "codepage_table.h"
#include "ntdll_private.h"
#include "vine/nls.h"

using ntdll::nls::CodePageData;

// The exported opaque type is the table plus its reverse map.
struct VINE_CODEPAGE {
    const CodePageData* data;
    // SBCS: uint8_t[65536]; DBCS: uint16_t[65536]. 0 means unmapped (but for U+0000).
    mutable std::atomic<void*> reverse;
    // The byte sequence that genuinely maps to unicode_default (so a DBCS
    // pair yielding it is not counted invalid).
    mutable uint16_t default_sequence;
};

namespace {

constexpr size_t kMaxCodePages = 64;
VINE_CODEPAGE g_tables[kMaxCodePages];
std::atomic<bool> g_tables_ready{false};

void init_tables() {
    if (g_tables_ready.load(std::memory_order_acquire)) return;
    // Racing initialisations write the same values.
    for (size_t i = 0; i < ntdll::nls::kCodePageDataCount && i < kMaxCodePages; ++i) g_tables[i].data = &ntdll::nls::kCodePageData[i];
    g_tables_ready.store(true, std::memory_order_release);
}

bool is_dbcs(const CodePageData& d) { return d.row_index != nullptr; }

template <typename Unit>
void fill_reverse(const CodePageData& d, Unit* rev, uint16_t* default_sequence) {
    bool default_seen = false;
    auto set = [&](char16_t u, uint16_t seq) {
        if (u == d.unicode_default && !default_seen) {
            *default_sequence = seq;
            default_seen = true;
        }
        if (u && !rev[u]) rev[u] = static_cast<Unit>(seq);
    };
    for (unsigned b = 0; b < 256; ++b)
        if (!d.row_index || !d.row_index[b]) set(d.single[b], static_cast<uint16_t>(b));
    if (d.row_index) {
        for (unsigned lead = 0; lead < 256; ++lead) {
            if (!d.row_index[lead]) continue;
            const char16_t* row = d.rows + (d.row_index[lead] - 1) * 256;
            for (unsigned trail = 0x40; trail < 256; ++trail) {
                // A row's unicode_default entries are the invalid pairs, unless
                // unicode_default is itself a double-byte character (932: U+30FB).
                if (row[trail] == d.unicode_default && default_seen) continue;
                set(row[trail], static_cast<uint16_t>(lead << 8 | trail));
            }
        }
    }
    for (size_t i = 0; i < d.fix_count; ++i) rev[d.fixes[i].unicode] = static_cast<Unit>(d.fixes[i].bytes);
    for (size_t i = 0; i < d.best_fit_count; ++i)
        if (!rev[d.best_fit[i].unicode]) rev[d.best_fit[i].unicode] = static_cast<Unit>(d.best_fit[i].bytes);
}

// Whether `seq` (the reverse table's choice for u) converts back to u: false
// for a best-fit mapping.
bool round_trips(const CodePageData& d, char16_t u, uint16_t seq) {
    if (seq > 0xff) return d.row_index[seq >> 8] && d.rows[(d.row_index[seq >> 8] - 1) * 256 + (seq & 0xff)] == u;
    if (d.row_index && d.row_index[seq]) return false;
    return d.single[seq] == u;
}

const void* reverse_of(const VINE_CODEPAGE& table) {
    void* rev = table.reverse.load(std::memory_order_acquire);
    if (rev) return rev;
    const CodePageData& d = *table.data;
    size_t unit = is_dbcs(d) ? 2 : 1;
    void* fresh = calloc(65536, unit);
    if (!fresh) return nullptr;
    uint16_t default_sequence = 0;
    if (unit == 2)
        fill_reverse(d, static_cast<uint16_t*>(fresh), &default_sequence);
    else
        fill_reverse(d, static_cast<uint8_t*>(fresh), &default_sequence);
    table.default_sequence = default_sequence;
    void* expected = nullptr;
    if (!table.reverse.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) {
        free(fresh);
        return expected;
    }
    return fresh;
}

// Single bytes Microsoft's tables leave undefined map to private-use
// characters; MB_ERR_INVALID_CHARS counts them as invalid. (A double-byte
// code page's private-use area is its EUDC range, which is valid.)
bool is_private_use(char16_t u) { return u >= 0xe000 && u <= 0xf8ff; }

size_t sbcs_to_utf16(const CodePageData& d, ULONG flags, const unsigned char* src, size_t length, WCHAR* dst,
                     size_t capacity, ULONG* result) {
    const char16_t* table = (flags & VINE_CP_USE_GLYPHS) && d.glyphs ? nullptr : d.single;
    if (flags & VINE_CP_STOP_ON_INVALID) {
        for (size_t i = 0; i < length; ++i)
            if (is_private_use(d.single[src[i]])) {
                *result |= VINE_CP_INVALID;
                return 0;
            }
    }
    if (!dst) return length;
    size_t n = length < capacity ? length : capacity;
    if (table) {
        for (size_t i = 0; i < n; ++i) dst[i] = table[src[i]];
    } else {
        // Glyphs replace the controls; the rest is the ordinary table.
        for (size_t i = 0; i < n; ++i) {
            unsigned char b = src[i];
            dst[i] = (b < 0x20 || b == 0x7f) ? d.glyphs[b] : d.single[b];
        }
    }
    if (n < length) *result |= VINE_CP_OVERFLOW;
    return n;
}

size_t dbcs_to_utf16(const VINE_CODEPAGE& table, ULONG flags, const unsigned char* src, size_t length, WCHAR* dst,
                     size_t capacity, ULONG* result) {
    const CodePageData& d = *table.data;
    if (!dst) capacity = SIZE_MAX;
    size_t out = 0, i = 0;
    // The genuine sequence of unicode_default, to tell it from invalid pairs.
    if (!reverse_of(table)) return 0;
    uint16_t genuine = table.default_sequence;
    while (i < length) {
        if (out >= capacity) {
            *result |= VINE_CP_OVERFLOW;
            break;
        }
        unsigned char b = src[i];
        char16_t u;
        if (!d.row_index[b]) {
            u = d.single[b];
            ++i;
        } else if (i + 1 < length) {
            unsigned char trail = src[i + 1];
            u = d.rows[(d.row_index[b] - 1) * 256 + trail];
            if (u == d.unicode_default && genuine != (b << 8 | trail)) *result |= VINE_CP_INVALID;
            i += 2;
        } else {
            // A lead byte ending the input.
            u = d.unicode_default;
            *result |= VINE_CP_INVALID;
            ++i;
        }
        if ((*result & VINE_CP_INVALID) && (flags & VINE_CP_STOP_ON_INVALID)) break;
        if (dst) dst[out] = u;
        ++out;
    }
    return out;
}

}  // namespace

VINE_EXPORT const VINE_CODEPAGE* __vine_codepage(UINT code_page) {
    init_tables();
    for (size_t i = 0; i < ntdll::nls::kCodePageDataCount && i < kMaxCodePages; ++i)
        if (g_tables[i].data->code_page == code_page) return &g_tables[i];
    return nullptr;
}

VINE_EXPORT UINT __vine_codepage_at(UINT index) {
    return index < ntdll::nls::kCodePageDataCount && index < kMaxCodePages ? ntdll::nls::kCodePageData[index].code_page : 0;
}

VINE_EXPORT void __vine_codepage_info(const VINE_CODEPAGE* table, VINE_CODEPAGE_INFO* info) {
    const CodePageData& d = *table->data;
    info->code_page = d.code_page;
    info->max_char_size = d.max_char_size;
    info->default_char[0] = d.default_char;
    info->default_char[1] = 0;
    memcpy(info->lead_byte, d.lead_byte_ranges, sizeof(info->lead_byte));
    info->unicode_default = d.unicode_default;
    info->name = reinterpret_cast<const WCHAR*>(d.name);
}

VINE_EXPORT BOOL __vine_codepage_is_lead_byte(const VINE_CODEPAGE* table, BYTE byte) {
    return table->data->row_index && table->data->row_index[byte] != 0;
}

VINE_EXPORT SIZE_T __vine_codepage_to_utf16(const VINE_CODEPAGE* table, ULONG flags, const char* src, SIZE_T length,
                                            WCHAR* dst, SIZE_T capacity, ULONG* result) {
    *result = 0;
    auto bytes = reinterpret_cast<const unsigned char*>(src);
    if (is_dbcs(*table->data)) return dbcs_to_utf16(*table, flags, bytes, length, dst, capacity, result);
    return sbcs_to_utf16(*table->data, flags, bytes, length, dst, capacity, result);
}

VINE_EXPORT SIZE_T __vine_utf16_to_codepage(const VINE_CODEPAGE* table, ULONG flags, const WCHAR* src, SIZE_T length,
                                            char* dst, SIZE_T capacity, const char* default_char, ULONG* result) {
    *result = 0;
    const void* rev = reverse_of(*table);
    if (!rev) return 0;
    const CodePageData& d = *table->data;
    if (!dst) capacity = SIZE_MAX;
    // The default character: one byte, or a lead and trail byte in a DBCS.
    unsigned char def[2] = {d.default_char, 0};
    bool no_best_fit = flags & VINE_CP_NO_BEST_FIT;
    size_t def_length = 1;
    if (default_char) {
        def[0] = static_cast<unsigned char>(default_char[0]);
        if (is_dbcs(d) && d.row_index[def[0]] && default_char[1]) {
            def[1] = static_cast<unsigned char>(default_char[1]);
            def_length = 2;
        }
    }
    size_t out = 0;
    if (!is_dbcs(d)) {
        auto map = static_cast<const uint8_t*>(rev);
        size_t i = 0;
        for (; i < length; ++i) {
            char16_t u = src[i];
            unsigned char b = map[u];
            size_t n = 1;
            const unsigned char* bytes = &b;
            if ((!b && u) || (no_best_fit && d.single[b] != u)) {
                *result |= VINE_CP_USED_DEFAULT;
                bytes = def;
                n = def_length;
            }
            if (out + n > capacity) {
                *result |= VINE_CP_OVERFLOW;
                break;
            }
            if (dst) memcpy(dst + out, bytes, n);
            out += n;
        }
        return out;
    }
    auto map = static_cast<const uint16_t*>(rev);
    for (size_t i = 0; i < length; ++i) {
        char16_t u = src[i];
        uint16_t seq = map[u];
        unsigned char bytes[2];
        size_t n;
        const unsigned char* p = bytes;
        if ((!seq && u) || (no_best_fit && !round_trips(d, u, seq))) {
            *result |= VINE_CP_USED_DEFAULT;
            p = def;
            n = def_length;
        } else if (seq > 0xff) {
            bytes[0] = static_cast<unsigned char>(seq >> 8);
            bytes[1] = static_cast<unsigned char>(seq);
            n = 2;
        } else {
            bytes[0] = static_cast<unsigned char>(seq);
            n = 1;
        }
        if (out + n > capacity) {
            *result |= VINE_CP_OVERFLOW;
            break;
        }
        if (dst) memcpy(dst + out, p, n);
        out += n;
    }
    return out;
}
