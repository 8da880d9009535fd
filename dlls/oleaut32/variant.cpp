// VARIANTs: VariantInit, VariantClear, VariantCopy and VariantChangeType(Ex)
// between the integer types, the two floating-point types, VT_BOOL,
// VT_BSTR, VT_EMPTY and VT_NULL, with Automation's rules: integers from
// floating point round half to even, values out of range are
// DISP_E_OVERFLOW, VT_BOOL true is -1, text is parsed and printed in the
// C locale's form (Vine's user locale is en-US).
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "oleaut32_private.h"

extern "C" WINAPI HRESULT SafeArrayDestroy(SAFEARRAY* array);
extern "C" WINAPI HRESULT SafeArrayCopy(SAFEARRAY* source, SAFEARRAY** copy);

using namespace oleaut32;

namespace {

bool is_valid_base(VARTYPE vt) {
    switch (vt) {
    case VT_EMPTY: case VT_NULL: case VT_I2: case VT_I4: case VT_R4: case VT_R8: case VT_CY: case VT_DATE:
    case VT_BSTR: case VT_DISPATCH: case VT_ERROR: case VT_BOOL: case VT_VARIANT: case VT_UNKNOWN:
    case VT_DECIMAL: case VT_I1: case VT_UI1: case VT_UI2: case VT_UI4: case VT_I8: case VT_UI8:
    case VT_INT: case VT_UINT: case VT_RECORD:
        return true;
    default:
        return false;
    }
}

bool is_valid(VARTYPE vt) {
    if (vt & ~(VT_TYPEMASK | VT_ARRAY | VT_BYREF)) return false;
    VARTYPE base = vt & VT_TYPEMASK;
    if ((vt & (VT_ARRAY | VT_BYREF)) == 0 && base == VT_VARIANT) return false;
    return is_valid_base(base);
}

// A number on its way between types.
struct Number {
    enum Kind { Signed, Unsigned, Real } kind = Signed;
    int64_t s = 0;
    uint64_t u = 0;
    double d = 0;
};

// Parses decimal text as VarParseNumFromStr does in en-US: blanks around,
// a sign, digits with an optional fraction and exponent.
bool parse_number(BSTR text, Number& out) {
    std::string narrow;
    for (UINT i = 0; i < byte_length(text) / 2; ++i) {
        WCHAR c = text[i];
        if (c > 0x7f) return false;
        narrow.push_back(static_cast<char>(c));
    }
    size_t first = narrow.find_first_not_of(" \t");
    size_t last = narrow.find_last_not_of(" \t");
    if (first == std::string::npos) return false;
    narrow = narrow.substr(first, last - first + 1);
    if (narrow.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
    errno = 0;
    char* end = nullptr;
    long long value = std::strtoll(narrow.c_str(), &end, 10);
    if (*end == 0 && errno == 0) {
        out.kind = Number::Signed;
        out.s = value;
        return true;
    }
    errno = 0;
    double real = std::strtod(narrow.c_str(), &end);
    if (*end != 0 || end == narrow.c_str()) return false;
    out.kind = Number::Real;
    out.d = real;
    return true;
}

bool equals_ignoring_case(BSTR text, const char* word) {
    size_t length = std::strlen(word);
    if (byte_length(text) / 2 != length) return false;
    for (size_t i = 0; i < length; ++i) {
        WCHAR c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<WCHAR>(c + 32);
        if (c != static_cast<unsigned char>(word[i])) return false;
    }
    return true;
}

HRESULT to_number(const VARIANT& source, Number& out) {
    switch (source.vt) {
    case VT_EMPTY: out = {Number::Signed, 0, 0, 0}; return S_OK;
    case VT_I1: out = {Number::Signed, source.cVal, 0, 0}; return S_OK;
    case VT_I2: out = {Number::Signed, source.iVal, 0, 0}; return S_OK;
    case VT_I4: case VT_INT: out = {Number::Signed, source.lVal, 0, 0}; return S_OK;
    case VT_I8: out = {Number::Signed, source.llVal, 0, 0}; return S_OK;
    case VT_UI1: out = {Number::Unsigned, 0, source.bVal, 0}; return S_OK;
    case VT_UI2: out = {Number::Unsigned, 0, source.uiVal, 0}; return S_OK;
    case VT_UI4: case VT_UINT: out = {Number::Unsigned, 0, source.ulVal, 0}; return S_OK;
    case VT_UI8: out = {Number::Unsigned, 0, source.ullVal, 0}; return S_OK;
    case VT_R4: out = {Number::Real, 0, 0, source.fltVal}; return S_OK;
    case VT_R8: out = {Number::Real, 0, 0, source.dblVal}; return S_OK;
    case VT_BOOL: out = {Number::Signed, source.boolVal ? -1 : 0, 0, 0}; return S_OK;
    case VT_BSTR:
        if (!source.bstrVal) return DISP_E_TYPEMISMATCH;
        return parse_number(source.bstrVal, out) ? S_OK : DISP_E_TYPEMISMATCH;
    default:
        return DISP_E_TYPEMISMATCH;
    }
}

// The integer a number becomes, rounded half to even, if within [low, high].
HRESULT to_integer(const Number& number, long double low, long double high, int64_t& s, uint64_t& u) {
    long double value;
    switch (number.kind) {
    case Number::Signed: value = number.s; break;
    case Number::Unsigned: value = number.u; break;
    default:
        if (std::isnan(number.d)) return DISP_E_OVERFLOW;
        value = std::nearbyint(number.d);  // the default rounding mode: half to even
        break;
    }
    if (value < low || value > high) return DISP_E_OVERFLOW;
    if (number.kind == Number::Unsigned) {
        u = number.u;
        s = static_cast<int64_t>(number.u);
    } else if (number.kind == Number::Signed) {
        s = number.s;
        u = static_cast<uint64_t>(number.s);
    } else if (value < 0) {
        s = static_cast<int64_t>(value);
        u = static_cast<uint64_t>(s);
    } else {
        u = static_cast<uint64_t>(value);
        s = static_cast<int64_t>(u);
    }
    return S_OK;
}

double real_of(const Number& number) {
    switch (number.kind) {
    case Number::Signed: return static_cast<double>(number.s);
    case Number::Unsigned: return static_cast<double>(number.u);
    default: return number.d;
    }
}

HRESULT from_number(const Number& number, VARTYPE vt, VARIANT& out) {
    int64_t s = 0;
    uint64_t u = 0;
    HRESULT hr = S_OK;
    out.vt = vt;
    out.llVal = 0;
    switch (vt) {
    case VT_I1: hr = to_integer(number, -128, 127, s, u); out.cVal = static_cast<CHAR>(s); break;
    case VT_I2: hr = to_integer(number, -32768, 32767, s, u); out.iVal = static_cast<SHORT>(s); break;
    case VT_I4: case VT_INT:
        hr = to_integer(number, -2147483648.0L, 2147483647.0L, s, u);
        out.lVal = static_cast<LONG>(s);
        break;
    case VT_I8:
        hr = to_integer(number, -9223372036854775808.0L, 9223372036854775807.0L, s, u);
        out.llVal = s;
        break;
    case VT_UI1: hr = to_integer(number, 0, 255, s, u); out.bVal = static_cast<BYTE>(u); break;
    case VT_UI2: hr = to_integer(number, 0, 65535, s, u); out.uiVal = static_cast<USHORT>(u); break;
    case VT_UI4: case VT_UINT:
        hr = to_integer(number, 0, 4294967295.0L, s, u);
        out.ulVal = static_cast<ULONG>(u);
        break;
    case VT_UI8: hr = to_integer(number, 0, 18446744073709551615.0L, s, u); out.ullVal = u; break;
    case VT_R4: {
        double value = real_of(number);
        if (std::isfinite(value) && std::fabs(value) > FLT_MAX) return DISP_E_OVERFLOW;
        out.fltVal = static_cast<float>(value);
        break;
    }
    case VT_R8: out.dblVal = real_of(number); break;
    case VT_BOOL: out.boolVal = real_of(number) != 0 ? VARIANT_TRUE : VARIANT_FALSE; break;
    default: return DISP_E_TYPEMISMATCH;
    }
    return hr;
}

BSTR bstr_of(const std::string& text) {
    std::u16string wide(text.begin(), text.end());
    return alloc_bytes(wide.data(), wide.size() * sizeof(WCHAR));
}

// Numbers as VarBstrFromI4/R8/... print them: integers in decimal, R8 with
// 15 significant digits and R4 with 7, exponents as "E+20".
HRESULT to_text(const VARIANT& source, BSTR& out) {
    char buffer[64];
    switch (source.vt) {
    case VT_EMPTY: buffer[0] = 0; break;
    case VT_BOOL: std::snprintf(buffer, sizeof(buffer), "%s", source.boolVal ? "True" : "False"); break;
    case VT_R4: std::snprintf(buffer, sizeof(buffer), "%.7G", static_cast<double>(source.fltVal)); break;
    case VT_R8: std::snprintf(buffer, sizeof(buffer), "%.15G", source.dblVal); break;
    default: {
        Number number;
        if (HRESULT hr = to_number(source, number); hr != S_OK) return hr;
        if (number.kind == Number::Signed)
            std::snprintf(buffer, sizeof(buffer), "%lld", static_cast<long long>(number.s));
        else
            std::snprintf(buffer, sizeof(buffer), "%llu", static_cast<unsigned long long>(number.u));
    }
    }
    out = bstr_of(buffer);
    return out ? S_OK : E_OUTOFMEMORY;
}

HRESULT convert(const VARIANT& source, VARTYPE vt, VARIANT& out) {
    out.vt = VT_EMPTY;
    out.llVal = 0;
    if (vt == VT_EMPTY) return S_OK;
    if (vt == VT_NULL) {
        out.vt = VT_NULL;
        return S_OK;
    }
    if (source.vt == VT_NULL) return DISP_E_TYPEMISMATCH;
    if (vt == VT_BSTR) {
        if (source.vt == VT_BSTR) {
            out.vt = VT_BSTR;
            out.bstrVal = source.bstrVal ? alloc_bytes(source.bstrVal, byte_length(source.bstrVal)) : nullptr;
            return S_OK;
        }
        BSTR text = nullptr;
        if (HRESULT hr = to_text(source, text); hr != S_OK) return hr;
        out.vt = VT_BSTR;
        out.bstrVal = text;
        return S_OK;
    }
    // Text becomes a boolean from its English words as well as from a number.
    if (vt == VT_BOOL && source.vt == VT_BSTR && source.bstrVal) {
        if (equals_ignoring_case(source.bstrVal, "true") || equals_ignoring_case(source.bstrVal, "#true#")) {
            out.vt = VT_BOOL;
            out.boolVal = VARIANT_TRUE;
            return S_OK;
        }
        if (equals_ignoring_case(source.bstrVal, "false") || equals_ignoring_case(source.bstrVal, "#false#")) {
            out.vt = VT_BOOL;
            out.boolVal = VARIANT_FALSE;
            return S_OK;
        }
    }
    Number number;
    if (HRESULT hr = to_number(source, number); hr != S_OK) return hr;
    HRESULT hr = from_number(number, vt, out);
    if (hr != S_OK) {
        out.vt = VT_EMPTY;
        out.llVal = 0;
    }
    return hr;
}

bool convertible(VARTYPE vt) {
    switch (vt) {
    case VT_EMPTY: case VT_NULL: case VT_I1: case VT_I2: case VT_I4: case VT_I8: case VT_INT: case VT_UI1:
    case VT_UI2: case VT_UI4: case VT_UI8: case VT_UINT: case VT_R4: case VT_R8: case VT_BOOL: case VT_BSTR:
        return true;
    default:
        return false;
    }
}

}  // namespace

VINE_EXPORT void VariantInit(VARIANT* variant) {
    if (variant) variant->vt = VT_EMPTY;
}

VINE_EXPORT HRESULT VariantClear(VARIANT* variant) {
    if (!variant) return E_INVALIDARG;
    if (!is_valid(variant->vt)) return DISP_E_BADVARTYPE;
    if (!(variant->vt & VT_BYREF)) {
        if (variant->vt & VT_ARRAY) {
            if (HRESULT hr = SafeArrayDestroy(variant->parray); hr != S_OK) return hr;
        } else if (variant->vt == VT_BSTR) {
            free_bstr(variant->bstrVal);
        } else if ((variant->vt == VT_UNKNOWN || variant->vt == VT_DISPATCH) && variant->punkVal) {
            variant->punkVal->lpVtbl->Release(variant->punkVal);
        }
    }
    variant->vt = VT_EMPTY;
    return S_OK;
}

VINE_EXPORT HRESULT VariantCopy(VARIANT* dest, const VARIANT* source) {
    if (!dest || !source) return E_INVALIDARG;
    if (!is_valid(source->vt)) return DISP_E_BADVARTYPE;
    if (dest == source) return S_OK;
    if (HRESULT hr = VariantClear(dest); hr != S_OK) return hr;
    VARIANT copy = *source;
    if (!(source->vt & VT_BYREF)) {
        if (source->vt & VT_ARRAY) {
            if (source->parray) {
                if (HRESULT hr = SafeArrayCopy(source->parray, &copy.parray); hr != S_OK) return hr;
            }
        } else if (source->vt == VT_BSTR && source->bstrVal) {
            copy.bstrVal = alloc_bytes(source->bstrVal, byte_length(source->bstrVal));
            if (!copy.bstrVal) return E_OUTOFMEMORY;
        } else if ((source->vt == VT_UNKNOWN || source->vt == VT_DISPATCH) && source->punkVal) {
            source->punkVal->lpVtbl->AddRef(source->punkVal);
        }
    }
    *dest = copy;
    return S_OK;
}

VINE_EXPORT HRESULT VariantChangeTypeEx(VARIANT* dest, const VARIANT* source, ULONG lcid, USHORT flags,
                                        VARTYPE vt) {
    if (!dest || !source) return E_INVALIDARG;
    if (!is_valid(source->vt) || !is_valid(vt)) return DISP_E_BADVARTYPE;
    if (source->vt == vt) return VariantCopy(dest, source);
    if (!convertible(source->vt & VT_TYPEMASK) || !convertible(vt) || (source->vt & (VT_ARRAY | VT_BYREF)))
        return (vt & (VT_ARRAY | VT_BYREF)) || (source->vt & (VT_ARRAY | VT_BYREF)) ? DISP_E_TYPEMISMATCH
                                                                                    : DISP_E_BADVARTYPE;
    // Converted aside first: `dest` may be `source`, and keeps its value on failure.
    VARIANT result;
    if (HRESULT hr = convert(*source, vt, result); hr != S_OK) return hr;
    if (HRESULT hr = VariantClear(dest); hr != S_OK) {
        VariantClear(&result);
        return hr;
    }
    *dest = result;
    return S_OK;
}

VINE_EXPORT HRESULT VariantChangeType(VARIANT* dest, const VARIANT* source, USHORT flags, VARTYPE vt) {
    return VariantChangeTypeEx(dest, source, 0x0409, flags, vt);
}
