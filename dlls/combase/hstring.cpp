// Windows Runtime strings (HSTRING): immutable, counted UTF-16 strings that
// are always NUL-terminated. NULL is the empty string. A string made by
// WindowsCreateString owns a reference-counted copy on the process heap; a
// "fast-pass" string made by WindowsCreateStringReference lives in the
// caller's HSTRING_HEADER and points at the caller's buffer, and is copied
// by the first WindowsDuplicateString. A string buffer
// (WindowsPreallocateStringBuffer) is writable until it is promoted.
#include <atomic>
#include <cstring>

#include "vine/hstring.h"
#include "vine/kernel32_exports.h"
#include "vine/ntdll_exports.h"
#include "vine/winerror.h"

namespace {

enum : uint32_t {
    kReference = 1,  // a fast-pass string: lives in the caller's header, owns nothing
    kBuffer = 2,     // preallocated and not yet promoted
};

// The layout of every string; a fast-pass one is this in HSTRING_HEADER.
struct StringData {
    uint32_t flags;
    UINT32 length;  // in characters, without the terminating NUL
    const WCHAR* text;
    std::atomic<LONG> references;  // owned strings only
    WCHAR storage[1];              // owned strings: the characters and the NUL
};
static_assert(offsetof(StringData, references) + sizeof(LONG) <= sizeof(HSTRING_HEADER),
              "a fast-pass string's fields fit in the caller's header");

StringData* data_of(HSTRING string) { return reinterpret_cast<StringData*>(string); }

// A new owned string of `length` characters (uninitialized, NUL-terminated);
// nullptr when memory is short.
StringData* allocate(UINT32 length) {
    size_t size = offsetof(StringData, storage) + (static_cast<size_t>(length) + 1) * sizeof(WCHAR);
    auto* data = static_cast<StringData*>(RtlAllocateHeap(GetProcessHeap(), 0, size));
    if (!data) return nullptr;
    data->flags = 0;
    data->length = length;
    data->text = data->storage;
    new (&data->references) std::atomic<LONG>(1);
    data->storage[length] = 0;
    return data;
}

// An owned copy of `length` characters; the empty string is NULL.
HRESULT make_string(const WCHAR* text, UINT32 length, HSTRING* out) {
    if (length == 0) {
        *out = nullptr;
        return S_OK;
    }
    StringData* data = allocate(length);
    if (!data) return E_OUTOFMEMORY;
    memcpy(data->storage, text, length * sizeof(WCHAR));
    *out = reinterpret_cast<HSTRING>(data);
    return S_OK;
}

// `string`'s characters and length, NULL and empty alike.
const WCHAR* text_of(HSTRING string, UINT32* length) {
    static const WCHAR empty[1] = {0};
    if (!string) {
        *length = 0;
        return empty;
    }
    *length = data_of(string)->length;
    return data_of(string)->text;
}

bool is_buffer(HSTRING string) { return string && (data_of(string)->flags & kBuffer); }

bool contains(const WCHAR* set, UINT32 set_length, WCHAR c) {
    for (UINT32 i = 0; i < set_length; ++i)
        if (set[i] == c) return true;
    return false;
}

}  // namespace

VINE_EXPORT HRESULT WindowsCreateString(const WCHAR* text, UINT32 length, HSTRING* string) {
    if (!string) return E_INVALIDARG;
    if (!text && length) return E_POINTER;
    return make_string(text, length, string);
}

// The caller keeps `text` (which must end with a NUL at `length`) and the
// header alive while the string is in use.
VINE_EXPORT HRESULT WindowsCreateStringReference(const WCHAR* text, UINT32 length, HSTRING_HEADER* header,
                                                 HSTRING* string) {
    if (!string || !header) return E_INVALIDARG;
    if (!text && length) return E_POINTER;
    if (text && text[length] != 0) return E_INVALIDARG;
    if (length == 0) {
        *string = nullptr;
        return S_OK;
    }
    auto* data = reinterpret_cast<StringData*>(header);
    data->flags = kReference;
    data->length = length;
    data->text = text;
    *string = reinterpret_cast<HSTRING>(data);
    return S_OK;
}

VINE_EXPORT HRESULT WindowsDeleteString(HSTRING string) {
    if (!string) return S_OK;
    StringData* data = data_of(string);
    if (data->flags & kReference) return S_OK;
    if (data->references.fetch_sub(1, std::memory_order_acq_rel) == 1) RtlFreeHeap(GetProcessHeap(), 0, data);
    return S_OK;
}

// Another reference to an owned string; a fast-pass one is copied.
VINE_EXPORT HRESULT WindowsDuplicateString(HSTRING string, HSTRING* copy) {
    if (!copy) return E_INVALIDARG;
    if (!string) {
        *copy = nullptr;
        return S_OK;
    }
    StringData* data = data_of(string);
    if (data->flags & kReference) return make_string(data->text, data->length, copy);
    data->references.fetch_add(1, std::memory_order_relaxed);
    *copy = string;
    return S_OK;
}

VINE_EXPORT UINT32 WindowsGetStringLen(HSTRING string) { return string ? data_of(string)->length : 0; }

VINE_EXPORT const WCHAR* WindowsGetStringRawBuffer(HSTRING string, UINT32* length) {
    UINT32 n;
    const WCHAR* text = text_of(string, &n);
    if (length) *length = n;
    return text;
}

VINE_EXPORT BOOL WindowsIsStringEmpty(HSTRING string) { return WindowsGetStringLen(string) == 0; }

VINE_EXPORT HRESULT WindowsStringHasEmbeddedNull(HSTRING string, BOOL* has_null) {
    if (!has_null) return E_INVALIDARG;
    UINT32 length;
    const WCHAR* text = text_of(string, &length);
    *has_null = FALSE;
    for (UINT32 i = 0; i < length; ++i)
        if (text[i] == 0) *has_null = TRUE;
    return S_OK;
}

// Code-unit order, as wcsncmp but counted and NUL-tolerant.
VINE_EXPORT HRESULT WindowsCompareStringOrdinal(HSTRING a, HSTRING b, INT32* result) {
    if (!result) return E_INVALIDARG;
    UINT32 a_length, b_length;
    const WCHAR* a_text = text_of(a, &a_length);
    const WCHAR* b_text = text_of(b, &b_length);
    UINT32 common = a_length < b_length ? a_length : b_length;
    for (UINT32 i = 0; i < common; ++i)
        if (a_text[i] != b_text[i]) {
            *result = a_text[i] < b_text[i] ? -1 : 1;
            return S_OK;
        }
    *result = a_length == b_length ? 0 : a_length < b_length ? -1 : 1;
    return S_OK;
}

VINE_EXPORT HRESULT WindowsConcatString(HSTRING a, HSTRING b, HSTRING* out) {
    if (!out) return E_INVALIDARG;
    UINT32 a_length, b_length;
    const WCHAR* a_text = text_of(a, &a_length);
    const WCHAR* b_text = text_of(b, &b_length);
    if (!a_length) return WindowsDuplicateString(b, out);
    if (!b_length) return WindowsDuplicateString(a, out);
    if (a_length > UINT32_MAX - 1 - b_length) return E_OUTOFMEMORY;
    StringData* data = allocate(a_length + b_length);
    if (!data) return E_OUTOFMEMORY;
    memcpy(data->storage, a_text, a_length * sizeof(WCHAR));
    memcpy(data->storage + a_length, b_text, b_length * sizeof(WCHAR));
    *out = reinterpret_cast<HSTRING>(data);
    return S_OK;
}

VINE_EXPORT HRESULT WindowsSubstringWithSpecifiedLength(HSTRING string, UINT32 start, UINT32 count, HSTRING* out) {
    if (!out) return E_INVALIDARG;
    UINT32 length;
    const WCHAR* text = text_of(string, &length);
    if (start > length || count > length - start) return E_BOUNDS;
    if (start == 0 && count == length) return WindowsDuplicateString(string, out);
    return make_string(text + start, count, out);
}

VINE_EXPORT HRESULT WindowsSubstring(HSTRING string, UINT32 start, HSTRING* out) {
    if (!out) return E_INVALIDARG;
    UINT32 length = WindowsGetStringLen(string);
    if (start > length) return E_BOUNDS;
    return WindowsSubstringWithSpecifiedLength(string, start, length - start, out);
}

// Leading characters that are in `trim` removed.
VINE_EXPORT HRESULT WindowsTrimStringStart(HSTRING string, HSTRING trim, HSTRING* out) {
    if (!out || !trim) return E_INVALIDARG;
    UINT32 length, trim_length;
    const WCHAR* text = text_of(string, &length);
    const WCHAR* set = text_of(trim, &trim_length);
    UINT32 start = 0;
    while (start < length && contains(set, trim_length, text[start])) ++start;
    return WindowsSubstringWithSpecifiedLength(string, start, length - start, out);
}

VINE_EXPORT HRESULT WindowsTrimStringEnd(HSTRING string, HSTRING trim, HSTRING* out) {
    if (!out || !trim) return E_INVALIDARG;
    UINT32 length, trim_length;
    const WCHAR* text = text_of(string, &length);
    const WCHAR* set = text_of(trim, &trim_length);
    UINT32 end = length;
    while (end > 0 && contains(set, trim_length, text[end - 1])) --end;
    return WindowsSubstringWithSpecifiedLength(string, 0, end, out);
}

// Every occurrence of `pattern` (which must not be empty) replaced by
// `replacement`, scanning left to right without overlaps.
VINE_EXPORT HRESULT WindowsReplaceString(HSTRING string, HSTRING pattern, HSTRING replacement, HSTRING* out) {
    if (!out) return E_INVALIDARG;
    UINT32 length, pattern_length, replacement_length;
    const WCHAR* text = text_of(string, &length);
    const WCHAR* find = text_of(pattern, &pattern_length);
    const WCHAR* with = text_of(replacement, &replacement_length);
    if (!pattern_length) return E_INVALIDARG;
    auto matches_at = [&](UINT32 i) {
        return i + pattern_length <= length && !memcmp(text + i, find, pattern_length * sizeof(WCHAR));
    };
    uint64_t result_length = 0;
    UINT32 count = 0;
    for (UINT32 i = 0; i < length;) {
        if (matches_at(i)) ++count, result_length += replacement_length, i += pattern_length;
        else ++result_length, ++i;
    }
    if (!count) return WindowsDuplicateString(string, out);
    if (result_length >= UINT32_MAX) return E_OUTOFMEMORY;
    if (result_length == 0) {
        *out = nullptr;
        return S_OK;
    }
    StringData* data = allocate(static_cast<UINT32>(result_length));
    if (!data) return E_OUTOFMEMORY;
    WCHAR* to = data->storage;
    for (UINT32 i = 0; i < length;) {
        if (matches_at(i)) {
            memcpy(to, with, replacement_length * sizeof(WCHAR));
            to += replacement_length;
            i += pattern_length;
        } else {
            *to++ = text[i++];
        }
    }
    *out = reinterpret_cast<HSTRING>(data);
    return S_OK;
}

// A writable buffer of `length` characters (and the NUL, which the caller
// must leave in place), promoted to a string once filled.
VINE_EXPORT HRESULT WindowsPreallocateStringBuffer(UINT32 length, WCHAR** characters, HSTRING_BUFFER* buffer) {
    if (!characters || !buffer) return E_POINTER;
    if (length == 0) {
        static WCHAR empty[1] = {0};
        *characters = empty;
        *buffer = nullptr;
        return S_OK;
    }
    StringData* data = allocate(length);
    if (!data) return E_OUTOFMEMORY;
    data->flags = kBuffer;
    memset(data->storage, 0, length * sizeof(WCHAR));
    *characters = data->storage;
    *buffer = reinterpret_cast<HSTRING_BUFFER>(data);
    return S_OK;
}

VINE_EXPORT HRESULT WindowsPromoteStringBuffer(HSTRING_BUFFER buffer, HSTRING* string) {
    if (!string) return E_POINTER;
    if (!buffer) {
        *string = nullptr;
        return S_OK;
    }
    auto* data = reinterpret_cast<StringData*>(buffer);
    if (!is_buffer(reinterpret_cast<HSTRING>(data)) || data->storage[data->length] != 0) return E_INVALIDARG;
    data->flags &= ~kBuffer;
    *string = reinterpret_cast<HSTRING>(data);
    return S_OK;
}

VINE_EXPORT HRESULT WindowsDeleteStringBuffer(HSTRING_BUFFER buffer) {
    if (!buffer) return S_OK;
    auto* data = reinterpret_cast<StringData*>(buffer);
    if (!is_buffer(reinterpret_cast<HSTRING>(data))) return E_INVALIDARG;
    RtlFreeHeap(GetProcessHeap(), 0, data);
    return S_OK;
}
