// libFuzzer target for the multi-byte converters: ntdll's code page engine
// (dlls/ntdll/codepage.cpp with the generated tables), Vine's UTF-8
// (loader/unicode.cpp) and kernel32's UTF-7 (dlls/kernel32/utf7.cpp).
// Any input converts without a crash or overrun; counting agrees with
// converting; an exact-size buffer never overflows, a buffer one short
// does; valid UTF-8 and any UTF-16 through UTF-7 come back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "utf7.h"
#include "vine/nls.h"
#include "vine/unicode.h"

namespace {

constexpr UINT kCodePages[] = {437, 850, 866, 874, 932, 936, 949, 950, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258};

void check(bool condition) {
    if (!condition) abort();
}

void fuzz_table(const VINE_CODEPAGE* table, ULONG flags, const uint8_t* data, size_t size) {
    const char* src = reinterpret_cast<const char*>(data);
    ULONG result;
    size_t needed = __vine_codepage_to_utf16(table, flags, src, size, nullptr, 0, &result);
    std::vector<WCHAR> wide(needed + 1);
    size_t written = __vine_codepage_to_utf16(table, flags, src, size, wide.data(), needed, &result);
    check(written == needed && !(result & VINE_CP_OVERFLOW));
    if (needed) {
        __vine_codepage_to_utf16(table, flags, src, size, wide.data(), needed - 1, &result);
        check(result & VINE_CP_OVERFLOW);
    }
    // And back, with the input also read as UTF-16.
    size_t bytes = __vine_utf16_to_codepage(table, 0, wide.data(), written, nullptr, 0, nullptr, &result);
    std::vector<char> narrow(bytes + 1);
    check(__vine_utf16_to_codepage(table, 0, wide.data(), written, narrow.data(), bytes, "?", &result) == bytes);
    std::vector<WCHAR> units(size / 2);
    if (!units.empty()) memcpy(units.data(), data, units.size() * 2);
    bytes = __vine_utf16_to_codepage(table, 0, units.data(), units.size(), nullptr, 0, nullptr, &result);
    narrow.assign(bytes + 1, 0);
    check(__vine_utf16_to_codepage(table, 0, units.data(), units.size(), narrow.data(), bytes, nullptr, &result) == bytes);
    check(!(result & VINE_CP_OVERFLOW));
}

void fuzz_utf8(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto count = vine::utf8_to_utf16(text, nullptr, 0);
    std::u16string wide(count.length, u'\0');
    auto full = vine::utf8_to_utf16(text, wide.data(), wide.size());
    check(full.length == count.length && !full.overflow && full.invalid == count.invalid);
    auto back = vine::utf16_to_utf8(wide);
    if (!count.invalid) check(back == text);
    std::u16string units(size / 2, u'\0');
    if (!units.empty()) memcpy(units.data(), data, units.size() * 2);
    auto eight = vine::utf16_to_utf8(units);
    auto strict = vine::utf16_to_utf8(units, nullptr, 0, true);
    if (!strict.invalid) check(vine::utf8_to_utf16(eight) == units);
}

void fuzz_utf7(const uint8_t* data, size_t size) {
    bool overflow;
    size_t needed = kernel32::utf7_to_utf16(reinterpret_cast<const char*>(data), size, nullptr, 0, &overflow);
    std::vector<WCHAR> wide(needed + 1);
    check(kernel32::utf7_to_utf16(reinterpret_cast<const char*>(data), size, wide.data(), needed, &overflow) == needed && !overflow);
    std::vector<WCHAR> units(size / 2);
    if (!units.empty()) memcpy(units.data(), data, units.size() * 2);
    size_t bytes = kernel32::utf16_to_utf7(units.data(), units.size(), nullptr, 0, &overflow);
    std::vector<char> seven(bytes + 1);
    check(kernel32::utf16_to_utf7(units.data(), units.size(), seven.data(), bytes, &overflow) == bytes && !overflow);
    std::vector<WCHAR> again(units.size() + 1);
    size_t n = kernel32::utf7_to_utf16(seven.data(), bytes, again.data(), again.size(), &overflow);
    check(n == units.size() && (n == 0 || !memcmp(again.data(), units.data(), n * 2)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    uint8_t selector = data[0];
    ++data;
    --size;
    size_t count = sizeof(kCodePages) / sizeof(kCodePages[0]);
    if (selector % (count + 2) == count) {
        fuzz_utf8(data, size);
    } else if (selector % (count + 2) == count + 1) {
        fuzz_utf7(data, size);
    } else {
        const VINE_CODEPAGE* table = __vine_codepage(kCodePages[selector % (count + 2)]);
        check(table != nullptr);
        fuzz_table(table, selector & 0x80 ? VINE_CP_USE_GLYPHS : 0, data, size);
    }
    return 0;
}
