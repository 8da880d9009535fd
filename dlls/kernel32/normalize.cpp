// NormalizeString, IsNormalizedString (ICU's normalizers) and
// IdnToAscii/IdnToUnicode (ICU's UTS #46 IDNA).
#include <cstring>
#include <string>

#include "icu.h"
#include "kernel32_private.h"
#include "vine/unicode.h"
#include "vine/winnls.h"

using namespace kernel32;
using namespace winnls;

namespace {

constexpr DWORD ERROR_INVALID_NAME_ = 123;

int fail(DWORD error) {
    set_error(error);
    return 0;
}

const UNormalizer2* normalizer(const icu_lib::Api& api, int form) {
    UErrorCode status = U_ZERO_ERROR;
    switch (form) {
    case NormalizationC: return api.unorm2_getNFCInstance(&status);
    case NormalizationD: return api.unorm2_getNFDInstance(&status);
    case NormalizationKC: return api.unorm2_getNFKCInstance(&status);
    case NormalizationKD: return api.unorm2_getNFKDInstance(&status);
    default: return nullptr;
    }
}

// Unpaired surrogates are not text: Windows refuses them.
bool valid_utf16(const WCHAR* text, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        if (text[i] >= 0xd800 && text[i] <= 0xdbff) {
            if (i + 1 >= length || text[i + 1] < 0xdc00 || text[i + 1] > 0xdfff) return false;
            ++i;
        } else if (text[i] >= 0xdc00 && text[i] <= 0xdfff) {
            return false;
        }
    }
    return true;
}

}  // namespace

namespace {

// The checks both functions make: the normalizer of `form` and the
// source's length, or null with the last error set.
const UNormalizer2* prepare(int form, LPCWSTR src, int src_len, const icu_lib::Api** api, size_t* length) {
    if (!src || src_len < -1) return fail(ERROR_INVALID_PARAMETER), nullptr;
    *api = icu_lib::api();
    if (!*api) return fail(ERROR_NOT_SUPPORTED), nullptr;
    const UNormalizer2* norm = normalizer(**api, form);
    if (!norm) return fail(ERROR_INVALID_PARAMETER), nullptr;
    *length = src_len < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    if (!valid_utf16(src, *length)) return fail(ERROR_NO_UNICODE_TRANSLATION), nullptr;
    return norm;
}

}  // namespace

VINE_EXPORT int NormalizeString(int form, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (dst_len < 0 || (dst_len && !dst)) return fail(ERROR_INVALID_PARAMETER);
    const icu_lib::Api* api;
    size_t length;
    const UNormalizer2* norm = prepare(form, src, src_len, &api, &length);
    if (!norm) return 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = api->unorm2_normalize(norm, src, static_cast<int32_t>(length), dst_len ? dst : nullptr, dst_len, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        if (!dst_len) return n;
        return fail(ERROR_INSUFFICIENT_BUFFER);
    }
    if (U_FAILURE(status)) return fail(ERROR_NO_UNICODE_TRANSLATION);
    return n;
}

VINE_EXPORT BOOL IsNormalizedString(int form, LPCWSTR src, int src_len) {
    const icu_lib::Api* api;
    size_t length;
    const UNormalizer2* norm = prepare(form, src, src_len, &api, &length);
    if (!norm) return FALSE;
    UErrorCode status = U_ZERO_ERROR;
    UBool normalized = api->unorm2_isNormalized(norm, src, static_cast<int32_t>(length), &status);
    set_error(ERROR_SUCCESS);
    return U_SUCCESS(status) && normalized;
}

namespace {

int idn_convert(bool to_ascii, DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || src_len < -1) return fail(ERROR_INVALID_PARAMETER);
    if (flags & ~(IDN_ALLOW_UNASSIGNED | IDN_USE_STD3_ASCII_RULES | IDN_EMAIL_ADDRESS | IDN_RAW_PUNYCODE))
        return fail(ERROR_INVALID_FLAGS);
    const icu_lib::Api* api = icu_lib::api();
    if (!api) return fail(ERROR_NOT_SUPPORTED);
    size_t length = src_len < 0 ? vine::utf16_length(src) + 1 : static_cast<size_t>(src_len);
    bool terminated = length && src[length - 1] == 0;
    if (terminated) --length;
    uint32_t options = UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE | UIDNA_CHECK_BIDI |
                       UIDNA_CHECK_CONTEXTJ;
    if (flags & IDN_USE_STD3_ASCII_RULES) options |= UIDNA_USE_STD3_RULES;
    UErrorCode status = U_ZERO_ERROR;
    // One converter per option set would do; they are cheap to open and
    // IDN conversions are rare.
    UIDNA* idna = api->uidna_openUTS46(options, &status);
    if (U_FAILURE(status)) return fail(ERROR_NOT_SUPPORTED);
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    WCHAR buffer[512];
    status = U_ZERO_ERROR;
    int32_t n = (to_ascii ? api->uidna_nameToASCII : api->uidna_nameToUnicode)(
        idna, src, static_cast<int32_t>(length), buffer, 511, &info, &status);
    if (U_FAILURE(status) || info.errors) return fail(ERROR_INVALID_NAME_);
    std::u16string out(buffer, static_cast<size_t>(n));
    if (terminated) out += u'\0';
    int needed = static_cast<int>(out.size());
    if (!dst_len) return needed;
    if (dst_len < needed) return fail(ERROR_INSUFFICIENT_BUFFER);
    memcpy(dst, out.data(), needed * sizeof(WCHAR));
    return needed;
}

}  // namespace

VINE_EXPORT int IdnToAscii(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    return idn_convert(true, flags, src, src_len, dst, dst_len);
}

VINE_EXPORT int IdnToUnicode(DWORD flags, LPCWSTR src, int src_len, LPWSTR dst, int dst_len) {
    return idn_convert(false, flags, src, src_len, dst, dst_len);
}
