// The Rtl code page conversions (ANSI, OEM, UTF-8) and the process's code
// pages, which follow the host locale as Windows' follow the system locale.
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "image_manifest.h"
#include "ntdll_private.h"
#include "vine/nls.h"
#include "vine/teb.h"
#include "vine/unicode.h"

namespace {

constexpr UINT kUtf8 = 65001;

struct CodePages {
    UINT ansi, oem;
};

// Windows' ANSI and OEM code pages for a POSIX locale name's language and
// territory (ll_TT.charset@modifier), as its locales define them.
CodePages code_pages_for_locale(std::string_view locale) {
    std::string_view language = locale.substr(0, locale.find_first_of("_.@"));
    std::string_view territory;
    if (size_t underscore = locale.find('_'); underscore != std::string_view::npos)
        territory = locale.substr(underscore + 1, locale.find_first_of(".@", underscore) - underscore - 1);
    auto is = [&](std::initializer_list<std::string_view> names) {
        for (auto name : names)
            if (language == name) return true;
        return false;
    };
    if (language == "ja") return {932, 932};
    if (language == "ko") return {949, 949};
    if (language == "zh") return (territory == "TW" || territory == "HK" || territory == "MO") ? CodePages{950, 950} : CodePages{936, 936};
    if (language == "th") return {874, 874};
    if (language == "vi") return {1258, 1258};
    if (is({"ru", "uk", "be", "bg", "mk", "kk", "ky", "tt", "mn"})) return {1251, 866};
    if (language == "sr") return locale.find("@latin") != std::string_view::npos ? CodePages{1250, 852} : CodePages{1251, 855};
    if (is({"cs", "pl", "hu", "sk", "sl", "hr", "ro", "sq", "bs"})) return {1250, 852};
    if (language == "el") return {1253, 737};
    if (is({"tr", "az"})) return {1254, 857};
    if (language == "he") return {1255, 862};
    if (is({"ar", "fa", "ur"})) return {1256, 720};
    if (is({"et", "lv", "lt"})) return {1257, 775};
    // English (United States), "C" and "POSIX": 1252 and 437; the other
    // Western European locales keep 1252 with OEM 850.
    if (language.empty() || language == "C" || language == "POSIX" || (language == "en" && (territory.empty() || territory == "US")))
        return {1252, 437};
    return {1252, 850};
}

CodePages g_code_pages{0, 0};

CodePages process_code_pages() {
    if (!g_code_pages.ansi) {
        const char* locale = nullptr;
        for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"})
            if ((locale = getenv(name)) && *locale) break;
        CodePages pages = code_pages_for_locale(locale ? locale : "");
        // A program whose manifest asks for UTF-8 gets it as both its ANSI
        // and its OEM code page (Windows 10 1903 and later). Until the EXE
        // is mapped (builtin DLLs' start-up) the answer is not kept.
        if (!current_teb()->ProcessEnvironmentBlock->ImageBaseAddress) return pages;
        if (ntdll::manifest_wants_utf8(ntdll::exe_manifest())) pages = {kUtf8, kUtf8};
        g_code_pages = pages;
    }
    return g_code_pages;
}

const VINE_CODEPAGE* table_of(UINT code_page) { return code_page == kUtf8 ? nullptr : __vine_codepage(code_page); }

// Bytes of the code page (or UTF-8) to UTF-16: the units written or needed.
size_t to_utf16(UINT code_page, const char* src, size_t length, WCHAR* dst, size_t capacity, ULONG* result) {
    if (const VINE_CODEPAGE* table = table_of(code_page)) return __vine_codepage_to_utf16(table, 0, src, length, dst, capacity, result);
    auto r = vine::utf8_to_utf16(std::string_view(src, length), dst, capacity);
    *result = (r.invalid ? VINE_CP_INVALID : 0) | (r.overflow ? VINE_CP_OVERFLOW : 0);
    return r.length;
}

size_t from_utf16(UINT code_page, const WCHAR* src, size_t length, char* dst, size_t capacity, ULONG* result) {
    if (const VINE_CODEPAGE* table = table_of(code_page))
        return __vine_utf16_to_codepage(table, 0, src, length, dst, capacity, nullptr, result);
    auto r = vine::utf16_to_utf8(std::u16string_view(src, length), dst, capacity);
    *result = (r.invalid ? VINE_CP_INVALID : 0) | (r.overflow ? VINE_CP_OVERFLOW : 0);
    return r.length;
}

NTSTATUS multibyte_to_unicode(UINT code_page, WCHAR* dst, ULONG dst_bytes, ULONG* written, const char* src, ULONG src_bytes) {
    ULONG result;
    size_t units = to_utf16(code_page, src, src_bytes, dst, dst_bytes / sizeof(WCHAR), &result);
    if (written) *written = static_cast<ULONG>(units * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS unicode_to_multibyte(UINT code_page, char* dst, ULONG dst_bytes, ULONG* written, const WCHAR* src, ULONG src_bytes) {
    ULONG result;
    size_t bytes = from_utf16(code_page, src, src_bytes / sizeof(WCHAR), dst, dst_bytes, &result);
    if (written) *written = static_cast<ULONG>(bytes);
    return STATUS_SUCCESS;
}

HANDLE process_heap() { return current_teb()->ProcessEnvironmentBlock->ProcessHeap; }

// The UNICODE_STRING of `src` in the code page; allocated when asked.
NTSTATUS string_to_unicode(UINT code_page, UNICODE_STRING* dst, const ANSI_STRING* src, BOOLEAN allocate) {
    ULONG result;
    size_t units = to_utf16(code_page, src->Buffer, src->Length, nullptr, 0, &result);
    if ((units + 1) * sizeof(WCHAR) > 0xfffe) return STATUS_INVALID_PARAMETER_2;
    auto bytes = static_cast<USHORT>(units * sizeof(WCHAR));
    if (allocate) {
        dst->Buffer = static_cast<WCHAR*>(RtlAllocateHeap(process_heap(), 0, bytes + sizeof(WCHAR)));
        if (!dst->Buffer) return STATUS_NO_MEMORY;
        dst->MaximumLength = static_cast<USHORT>(bytes + sizeof(WCHAR));
    } else if (bytes > dst->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    to_utf16(code_page, src->Buffer, src->Length, dst->Buffer, units, &result);
    dst->Length = bytes;
    if (dst->MaximumLength >= bytes + sizeof(WCHAR)) dst->Buffer[units] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS string_from_unicode(UINT code_page, ANSI_STRING* dst, const UNICODE_STRING* src, BOOLEAN allocate) {
    ULONG result;
    size_t length = from_utf16(code_page, src->Buffer, src->Length / sizeof(WCHAR), nullptr, 0, &result);
    if (length + 1 > 0xffff) return STATUS_INVALID_PARAMETER_2;
    if (allocate) {
        dst->Buffer = static_cast<char*>(RtlAllocateHeap(process_heap(), 0, length + 1));
        if (!dst->Buffer) return STATUS_NO_MEMORY;
        dst->MaximumLength = static_cast<USHORT>(length + 1);
    } else if (length >= dst->MaximumLength) {
        // Windows converts what fits and says so.
        size_t fitted = dst->MaximumLength ? dst->MaximumLength - 1 : 0;
        from_utf16(code_page, src->Buffer, src->Length / sizeof(WCHAR), dst->Buffer, fitted, &result);
        if (dst->MaximumLength) dst->Buffer[fitted] = 0;
        dst->Length = static_cast<USHORT>(fitted);
        return STATUS_BUFFER_OVERFLOW;
    }
    from_utf16(code_page, src->Buffer, src->Length / sizeof(WCHAR), dst->Buffer, length, &result);
    dst->Buffer[length] = 0;
    dst->Length = static_cast<USHORT>(length);
    return STATUS_SUCCESS;
}

}  // namespace

VINE_EXPORT void __vine_process_code_pages(UINT* ansi, UINT* oem) {
    CodePages pages = process_code_pages();
    if (ansi) *ansi = pages.ansi;
    if (oem) *oem = pages.oem;
}


VINE_EXPORT NTSTATUS RtlMultiByteToUnicodeN(WCHAR* dst, ULONG dst_bytes, ULONG* written, const char* src, ULONG src_bytes) {
    return multibyte_to_unicode(process_code_pages().ansi, dst, dst_bytes, written, src, src_bytes);
}

VINE_EXPORT NTSTATUS RtlOemToUnicodeN(WCHAR* dst, ULONG dst_bytes, ULONG* written, const char* src, ULONG src_bytes) {
    return multibyte_to_unicode(process_code_pages().oem, dst, dst_bytes, written, src, src_bytes);
}

VINE_EXPORT NTSTATUS RtlUnicodeToMultiByteN(char* dst, ULONG dst_bytes, ULONG* written, const WCHAR* src, ULONG src_bytes) {
    return unicode_to_multibyte(process_code_pages().ansi, dst, dst_bytes, written, src, src_bytes);
}

VINE_EXPORT NTSTATUS RtlUnicodeToOemN(char* dst, ULONG dst_bytes, ULONG* written, const WCHAR* src, ULONG src_bytes) {
    return unicode_to_multibyte(process_code_pages().oem, dst, dst_bytes, written, src, src_bytes);
}

VINE_EXPORT NTSTATUS RtlMultiByteToUnicodeSize(ULONG* size, const char* src, ULONG src_bytes) {
    ULONG result;
    *size = static_cast<ULONG>(to_utf16(process_code_pages().ansi, src, src_bytes, nullptr, 0, &result) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlUnicodeToMultiByteSize(ULONG* size, const WCHAR* src, ULONG src_bytes) {
    ULONG result;
    *size = static_cast<ULONG>(from_utf16(process_code_pages().ansi, src, src_bytes / sizeof(WCHAR), nullptr, 0, &result));
    return STATUS_SUCCESS;
}

// The UTF-8 forms report replaced input (STATUS_SOME_NOT_MAPPED) and a full
// buffer (STATUS_BUFFER_TOO_SMALL, with what fitted written); a null
// destination asks for the size.
VINE_EXPORT NTSTATUS RtlUTF8ToUnicodeN(WCHAR* dst, ULONG dst_bytes, ULONG* written, const char* src, ULONG src_bytes) {
    if (!src) return STATUS_INVALID_PARAMETER_4;
    if (!written) return STATUS_INVALID_PARAMETER;
    auto r = vine::utf8_to_utf16(std::string_view(src, src_bytes), dst, dst ? dst_bytes / sizeof(WCHAR) : 0);
    *written = static_cast<ULONG>(r.length * sizeof(WCHAR));
    if (r.overflow) return STATUS_BUFFER_TOO_SMALL;
    return r.invalid ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlUnicodeToUTF8N(char* dst, ULONG dst_bytes, ULONG* written, const WCHAR* src, ULONG src_bytes) {
    if (!src) return STATUS_INVALID_PARAMETER_4;
    if (!written) return STATUS_INVALID_PARAMETER;
    auto r = vine::utf16_to_utf8(std::u16string_view(src, src_bytes / sizeof(WCHAR)), dst, dst ? dst_bytes : 0);
    *written = static_cast<ULONG>(r.length);
    if (r.overflow) return STATUS_BUFFER_TOO_SMALL;
    return r.invalid ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}

VINE_EXPORT NTSTATUS RtlAnsiStringToUnicodeString(UNICODE_STRING* dst, const ANSI_STRING* src, BOOLEAN allocate) {
    return string_to_unicode(process_code_pages().ansi, dst, src, allocate);
}

VINE_EXPORT NTSTATUS RtlOemStringToUnicodeString(UNICODE_STRING* dst, const ANSI_STRING* src, BOOLEAN allocate) {
    return string_to_unicode(process_code_pages().oem, dst, src, allocate);
}

VINE_EXPORT NTSTATUS RtlUnicodeStringToAnsiString(ANSI_STRING* dst, const UNICODE_STRING* src, BOOLEAN allocate) {
    return string_from_unicode(process_code_pages().ansi, dst, src, allocate);
}

VINE_EXPORT NTSTATUS RtlUnicodeStringToOemString(ANSI_STRING* dst, const UNICODE_STRING* src, BOOLEAN allocate) {
    return string_from_unicode(process_code_pages().oem, dst, src, allocate);
}

// Sizes include the terminator, as Windows' do.
VINE_EXPORT ULONG RtlxAnsiStringToUnicodeSize(const ANSI_STRING* src) {
    ULONG result;
    return static_cast<ULONG>((to_utf16(process_code_pages().ansi, src->Buffer, src->Length, nullptr, 0, &result) + 1) * sizeof(WCHAR));
}

VINE_EXPORT ULONG RtlxUnicodeStringToAnsiSize(const UNICODE_STRING* src) {
    ULONG result;
    return static_cast<ULONG>(from_utf16(process_code_pages().ansi, src->Buffer, src->Length / sizeof(WCHAR), nullptr, 0, &result) + 1);
}

VINE_EXPORT void RtlFreeUnicodeString(UNICODE_STRING* string) {
    if (string->Buffer) RtlFreeHeap(process_heap(), 0, string->Buffer);
    string->Buffer = nullptr;
    string->Length = string->MaximumLength = 0;
}

VINE_EXPORT void RtlFreeAnsiString(ANSI_STRING* string) {
    if (string->Buffer) RtlFreeHeap(process_heap(), 0, string->Buffer);
    string->Buffer = nullptr;
    string->Length = string->MaximumLength = 0;
}

VINE_EXPORT void RtlFreeOemString(ANSI_STRING* string) { RtlFreeAnsiString(string); }
VINE_EXPORT ULONG RtlAnsiStringToUnicodeSize(const ANSI_STRING* src) { return RtlxAnsiStringToUnicodeSize(src); }
VINE_EXPORT ULONG RtlUnicodeStringToAnsiSize(const UNICODE_STRING* src) { return RtlxUnicodeStringToAnsiSize(src); }
