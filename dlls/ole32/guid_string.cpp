// GUIDs and their text: "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (38
// characters, upper-case hex when written, either case when read), new
// random (version 4) GUIDs, and CLSIDFromString's fallback to a ProgID's
// HKCR\<ProgID>\CLSID.
#include <cstring>
#include <string>

#include "vine/advapi32_exports.h"
#include "vine/com.h"
#include "vine/combase_exports.h"
#include "vine/winerror.h"

namespace {

constexpr int kGuidChars = 38;  // without the terminator
constexpr GUID kGuidNull = {};

int hex_value(WCHAR c) {
    if (c >= u'0' && c <= u'9') return c - u'0';
    if (c >= u'a' && c <= u'f') return c - u'a' + 10;
    if (c >= u'A' && c <= u'F') return c - u'A' + 10;
    return -1;
}

// Reads `digits` hex digits at `text` into `field`. Windows stores what it
// has read so far when it meets a character that is not hex ("{0B*..." leaves
// Data1 = 0xb), and the fields after it untouched; programs see that.
template <typename Field>
bool read_field(const WCHAR* text, int digits, Field& field) {
    uint32_t value = 0;
    for (int i = 0; i < digits; ++i) {
        int digit = hex_value(text[i]);
        if (digit < 0) {
            field = static_cast<Field>(value);
            return false;
        }
        value = value << 4 | static_cast<uint32_t>(digit);
    }
    field = static_cast<Field>(value);
    return true;
}

// The braced form, filled in field by field as Windows does; true only when
// every field and separator is right. Whether anything follows the closing
// brace is the caller's question.
bool parse_guid(const WCHAR* text, GUID& guid) {
    if (text[0] != u'{') return false;
    if (!read_field(text + 1, 8, guid.Data1) || text[9] != u'-') return false;
    if (!read_field(text + 10, 4, guid.Data2) || text[14] != u'-') return false;
    if (!read_field(text + 15, 4, guid.Data3) || text[19] != u'-') return false;
    static constexpr int kByteOffsets[8] = {20, 22, 25, 27, 29, 31, 33, 35};
    for (int i = 0; i < 8; ++i) {
        if (i == 2 && text[24] != u'-') return false;
        if (!read_field(text + kByteOffsets[i], 2, guid.Data4[i])) return false;
    }
    return text[37] == u'}';
}

size_t length_of(const WCHAR* text) {
    size_t length = 0;
    while (text[length]) ++length;
    return length;
}

void format_guid(const GUID& guid, WCHAR* out) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto put = [&out](uint32_t value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) *out++ = kHex[(value >> shift) & 0xf];
    };
    *out++ = u'{';
    put(guid.Data1, 8);
    *out++ = u'-';
    put(guid.Data2, 4);
    *out++ = u'-';
    put(guid.Data3, 4);
    *out++ = u'-';
    put(guid.Data4[0], 2);
    put(guid.Data4[1], 2);
    *out++ = u'-';
    for (int i = 2; i < 8; ++i) put(guid.Data4[i], 2);
    *out++ = u'}';
    *out = u'\0';
}

HRESULT allocated_string(const GUID* guid, WCHAR** result) {
    if (!result) return E_INVALIDARG;
    *result = static_cast<WCHAR*>(CoTaskMemAlloc((kGuidChars + 1) * sizeof(WCHAR)));
    if (!*result) return E_OUTOFMEMORY;
    format_guid(guid ? *guid : kGuidNull, *result);
    return S_OK;
}

// HKCR\<progid>\CLSID's default value, parsed.
HRESULT clsid_of_progid(LPCWSTR progid, GUID& clsid) {
    if (!progid || !*progid) return CO_E_CLASSSTRING;
    std::u16string key(reinterpret_cast<const char16_t*>(progid));
    key += u"\\CLSID";
    WCHAR value[kGuidChars + 2];
    DWORD size = sizeof(value);
    if (RegGetValueW(HKEY_CLASSES_ROOT, key.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, value, &size) != ERROR_SUCCESS)
        return CO_E_CLASSSTRING;
    GUID parsed;
    if (!parse_guid(value, parsed) || length_of(value) != kGuidChars) return CO_E_CLASSSTRING;
    clsid = parsed;
    return S_OK;
}

}  // namespace

VINE_EXPORT BOOL IsEqualGUID(const GUID* a, const GUID* b) { return *a == *b; }

// The string's length with its terminator, or 0 when `size` is too small.
VINE_EXPORT int StringFromGUID2(const GUID* guid, WCHAR* buffer, int size) {
    if (!guid || !buffer || size < kGuidChars + 1) return 0;
    format_guid(*guid, buffer);
    return kGuidChars + 1;
}

VINE_EXPORT HRESULT StringFromCLSID(const GUID* clsid, WCHAR** result) { return allocated_string(clsid, result); }
VINE_EXPORT HRESULT StringFromIID(const GUID* iid, WCHAR** result) { return allocated_string(iid, result); }

// NULL means GUID_NULL. A string that opens with '{' is a GUID or an error
// (CO_E_CLASSSTRING, with the fields read so far stored); any other string is
// a ProgID, and GUID_NULL when it is not registered.
VINE_EXPORT HRESULT CLSIDFromString(LPCWSTR text, GUID* clsid) {
    if (!clsid) return E_INVALIDARG;
    if (!text) {
        *clsid = kGuidNull;
        return S_OK;
    }
    if (text[0] == u'{') return parse_guid(text, *clsid) && length_of(text) == kGuidChars ? S_OK : CO_E_CLASSSTRING;
    GUID parsed;
    HRESULT result = clsid_of_progid(text, parsed);
    *clsid = result == S_OK ? parsed : kGuidNull;
    return result;
}

VINE_EXPORT HRESULT CLSIDFromProgID(LPCWSTR progid, GUID* clsid) {
    if (!progid || !clsid) return E_INVALIDARG;
    GUID parsed;
    HRESULT result = clsid_of_progid(progid, parsed);
    *clsid = result == S_OK ? parsed : kGuidNull;
    return result;
}

// Only the braced form: a string of another length is E_INVALIDARG and leaves
// the IID alone; one of the right length that is no GUID is CO_E_IIDSTRING.
VINE_EXPORT HRESULT IIDFromString(LPCWSTR text, GUID* iid) {
    if (!iid) return E_INVALIDARG;
    if (!text) {
        *iid = kGuidNull;
        return S_OK;
    }
    if (length_of(text) != kGuidChars) return E_INVALIDARG;
    return parse_guid(text, *iid) ? S_OK : CO_E_IIDSTRING;
}

// A random GUID (RFC 4122 version 4), as Windows has made since 2000.
VINE_EXPORT HRESULT CoCreateGuid(GUID* guid) {
    if (!guid) return E_INVALIDARG;
    if (!SystemFunction036(guid, sizeof(*guid))) return E_FAIL;
    guid->Data3 = static_cast<WORD>((guid->Data3 & 0x0fff) | 0x4000);
    guid->Data4[0] = static_cast<BYTE>((guid->Data4[0] & 0x3f) | 0x80);
    return S_OK;
}
