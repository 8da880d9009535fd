// ICU, loaded on first use (dlopen of Debian's libicuuc/libicui18n): the
// collation, normalization, IDNA and character properties behind
// CompareString, LCMapString, FoldString, GetStringType, NormalizeString
// and IdnTo*, and the GB18030 converter (code page 54936); the case
// mappings and CT_CTYPE1 classes C runtimes ask for at start-up come from
// tables made from it at build time (char_tables.h). Loading it lazily keeps it out of every process's start-up;
// ICU's headers give the types, and the entry points' versioned names
// (ucol_open_72 ...) come from the same headers' renaming macros.
#pragma once

#include <string>
#include <string_view>

#define U_SHOW_CPLUSPLUS_API 0
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucol.h>
#include <unicode/ucoleitr.h>
#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>

namespace kernel32::icu_lib {

struct Api {
    decltype(&::ucol_open) ucol_open;
    decltype(&::ucol_openRules) ucol_openRules;
    decltype(&::ucol_getRules) ucol_getRules;
    decltype(&::ucol_close) ucol_close;
    decltype(&::ucol_setAttribute) ucol_setAttribute;
    decltype(&::ucol_setMaxVariable) ucol_setMaxVariable;
    decltype(&::ucol_strcoll) ucol_strcoll;
    decltype(&::ucol_getSortKey) ucol_getSortKey;
    decltype(&::ucol_getVersion) ucol_getVersion;
    decltype(&::ucol_getAttribute) ucol_getAttribute;
    decltype(&::ucol_getReorderCodes) ucol_getReorderCodes;
    decltype(&::ucol_openElements) ucol_openElements;
    decltype(&::ucol_next) ucol_next;
    decltype(&::ucol_closeElements) ucol_closeElements;
    decltype(&::ucol_setText) ucol_setText;
    decltype(&::ucol_getTailoredSet) ucol_getTailoredSet;
    decltype(&::uset_close) uset_close;
    decltype(&::uset_getItemCount) uset_getItemCount;
    decltype(&::uset_getItem) uset_getItem;
    decltype(&::u_toupper) u_toupper;
    decltype(&::u_tolower) u_tolower;
    decltype(&::u_foldCase) u_foldCase;
    decltype(&::u_charType) u_charType;
    decltype(&::u_charDirection) u_charDirection;
    decltype(&::u_hasBinaryProperty) u_hasBinaryProperty;
    decltype(&::u_getIntPropertyValue) u_getIntPropertyValue;
    decltype(&::u_charDigitValue) u_charDigitValue;
    decltype(&::unorm2_getNFCInstance) unorm2_getNFCInstance;
    decltype(&::unorm2_getNFDInstance) unorm2_getNFDInstance;
    decltype(&::unorm2_getNFKCInstance) unorm2_getNFKCInstance;
    decltype(&::unorm2_getNFKDInstance) unorm2_getNFKDInstance;
    decltype(&::unorm2_normalize) unorm2_normalize;
    decltype(&::unorm2_isNormalized) unorm2_isNormalized;
    decltype(&::uidna_openUTS46) uidna_openUTS46;
    decltype(&::uidna_nameToASCII) uidna_nameToASCII;
    decltype(&::uidna_nameToUnicode) uidna_nameToUnicode;
    decltype(&::ucnv_open) ucnv_open;
    decltype(&::ucnv_close) ucnv_close;
    decltype(&::ucnv_toUChars) ucnv_toUChars;
    decltype(&::ucnv_fromUChars) ucnv_fromUChars;
    decltype(&::ucnv_setToUCallBack) ucnv_setToUCallBack;
    decltype(&::ucnv_setFromUCallBack) ucnv_setFromUCallBack;
    decltype(&::ucnv_setSubstChars) ucnv_setSubstChars;
    decltype(&::UCNV_TO_U_CALLBACK_STOP) UCNV_TO_U_CALLBACK_STOP;
    decltype(&::UCNV_FROM_U_CALLBACK_STOP) UCNV_FROM_U_CALLBACK_STOP;
};

// ICU's entry points, or null (with a message on the err channel) when the
// libraries cannot be loaded.
const Api* api();

// `text` through one of ICU's normalizers; *ok false on error.
std::u16string normalize(const Api& api, const UNormalizer2* normalizer, std::u16string_view text, bool* ok);

}  // namespace kernel32::icu_lib
