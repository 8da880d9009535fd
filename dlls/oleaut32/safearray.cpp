// SafeArrays: descriptors with their bounds (stored last dimension first,
// as Windows stores them), the element type kept in the 4 bytes before the
// descriptor (FADF_HAVEVARTYPE), and element storage that knows BSTRs,
// VARIANTs and interface pointers.
#include <cstdlib>
#include <cstring>

#include "oleaut32_private.h"

extern "C" WINAPI HRESULT VariantClear(VARIANT* variant);
extern "C" WINAPI HRESULT VariantCopy(VARIANT* dest, const VARIANT* source);

using namespace oleaut32;

namespace {

// Bytes kept before each descriptor: its VARTYPE sits just before it, as
// SafeArrayGetVartype reads it on Windows (the IID would sit below).
constexpr size_t kPrefix = 16;

ULONG element_size(VARTYPE vt) {
    switch (vt) {
    case VT_I1: case VT_UI1: return 1;
    case VT_I2: case VT_UI2: case VT_BOOL: return 2;
    case VT_I4: case VT_UI4: case VT_R4: case VT_INT: case VT_UINT: case VT_ERROR: return 4;
    case VT_I8: case VT_UI8: case VT_R8: case VT_CY: case VT_DATE: return 8;
    case VT_BSTR: case VT_UNKNOWN: case VT_DISPATCH: return sizeof(void*);
    case VT_DECIMAL: return 16;
    case VT_VARIANT: return sizeof(VARIANT);
    default: return 0;
    }
}

USHORT features_of(VARTYPE vt) {
    switch (vt) {
    case VT_BSTR: return FADF_HAVEVARTYPE | FADF_BSTR;
    case VT_UNKNOWN: return FADF_HAVEVARTYPE | FADF_UNKNOWN;
    case VT_DISPATCH: return FADF_HAVEVARTYPE | FADF_DISPATCH;
    case VT_VARIANT: return FADF_HAVEVARTYPE | FADF_VARIANT;
    default: return FADF_HAVEVARTYPE;
    }
}

VARTYPE& vartype_of(SAFEARRAY* array) { return *reinterpret_cast<VARTYPE*>(reinterpret_cast<uint8_t*>(array) - 4); }

// The element count, or 0 when it overflows what can be allocated.
size_t element_count(const SAFEARRAY* array) {
    size_t count = 1;
    for (USHORT i = 0; i < array->cDims; ++i) {
        size_t dim = array->rgsabound[i].cElements;
        if (dim != 0 && count > (SIZE_MAX / 2) / dim) return SIZE_MAX;
        count *= dim;
    }
    return count;
}

SAFEARRAY* new_descriptor(VARTYPE vt, UINT dims) {
    size_t size = kPrefix + sizeof(SAFEARRAY) + (dims > 1 ? (dims - 1) * sizeof(SAFEARRAYBOUND) : 0);
    auto* block = static_cast<uint8_t*>(std::calloc(1, size));
    if (!block) return nullptr;
    auto* array = reinterpret_cast<SAFEARRAY*>(block + kPrefix);
    array->cDims = static_cast<USHORT>(dims);
    array->fFeatures = features_of(vt);
    array->cbElements = element_size(vt);
    vartype_of(array) = vt;
    return array;
}

void free_descriptor(SAFEARRAY* array) { std::free(reinterpret_cast<uint8_t*>(array) - kPrefix); }

HRESULT allocate_data(SAFEARRAY* array) {
    size_t count = element_count(array);
    if (count == SIZE_MAX || count > SIZE_MAX / array->cbElements) return E_OUTOFMEMORY;
    array->pvData = std::calloc(count ? count : 1, array->cbElements);
    return array->pvData ? S_OK : E_OUTOFMEMORY;
}

// Releases what the elements hold (strings, interfaces, variants).
void clear_elements(SAFEARRAY* array) {
    if (!array->pvData) return;
    size_t count = element_count(array);
    if (array->fFeatures & FADF_BSTR) {
        auto* items = static_cast<BSTR*>(array->pvData);
        for (size_t i = 0; i < count; ++i) free_bstr(items[i]), items[i] = nullptr;
    } else if (array->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        auto* items = static_cast<IUnknown**>(array->pvData);
        for (size_t i = 0; i < count; ++i)
            if (items[i]) items[i]->lpVtbl->Release(items[i]), items[i] = nullptr;
    } else if (array->fFeatures & FADF_VARIANT) {
        auto* items = static_cast<VARIANT*>(array->pvData);
        for (size_t i = 0; i < count; ++i) VariantClear(&items[i]);
    }
}

// The element `indices` names (indices[0] is the first dimension given to
// SafeArrayCreate, which is stored last), or null when out of bounds.
uint8_t* element_at(SAFEARRAY* array, const LONG* indices) {
    size_t cell = 0, stride = 1;
    for (USHORT i = 0; i < array->cDims; ++i) {
        const SAFEARRAYBOUND& bound = array->rgsabound[array->cDims - 1 - i];
        int64_t offset = int64_t{indices[i]} - bound.lLbound;
        if (offset < 0 || offset >= bound.cElements) return nullptr;
        cell += static_cast<size_t>(offset) * stride;
        stride *= bound.cElements;
    }
    return static_cast<uint8_t*>(array->pvData) + cell * array->cbElements;
}

}  // namespace

VINE_EXPORT SAFEARRAY* SafeArrayCreate(VARTYPE vt, UINT dims, const SAFEARRAYBOUND* bounds) {
    if (!bounds || dims == 0 || dims > 0xffff || element_size(vt) == 0) return nullptr;
    SAFEARRAY* array = new_descriptor(vt, dims);
    if (!array) return nullptr;
    for (UINT i = 0; i < dims; ++i) array->rgsabound[dims - 1 - i] = bounds[i];
    if (allocate_data(array) != S_OK) {
        free_descriptor(array);
        return nullptr;
    }
    return array;
}

VINE_EXPORT SAFEARRAY* SafeArrayCreateVector(VARTYPE vt, LONG lower, ULONG count) {
    SAFEARRAYBOUND bound{count, lower};
    SAFEARRAY* array = SafeArrayCreate(vt, 1, &bound);
    if (array) array->fFeatures |= FADF_CREATEVECTOR;
    return array;
}

VINE_EXPORT HRESULT SafeArrayDestroyData(SAFEARRAY* array) {
    if (!array) return E_INVALIDARG;
    if (array->cLocks) return DISP_E_ARRAYISLOCKED;
    clear_elements(array);
    if (!(array->fFeatures & (FADF_STATIC | FADF_AUTO | FADF_EMBEDDED))) {
        std::free(array->pvData);
        array->pvData = nullptr;
    }
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayDestroy(SAFEARRAY* array) {
    if (!array) return S_OK;
    if (array->cLocks) return DISP_E_ARRAYISLOCKED;
    if (HRESULT hr = SafeArrayDestroyData(array); hr != S_OK) return hr;
    free_descriptor(array);
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayLock(SAFEARRAY* array) {
    if (!array) return E_INVALIDARG;
    if (array->cLocks == 0xffff) return E_UNEXPECTED;
    ++array->cLocks;
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayUnlock(SAFEARRAY* array) {
    if (!array) return E_INVALIDARG;
    if (array->cLocks == 0) return E_UNEXPECTED;
    --array->cLocks;
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayAccessData(SAFEARRAY* array, void** data) {
    if (!array || !data) return E_INVALIDARG;
    if (HRESULT hr = SafeArrayLock(array); hr != S_OK) return hr;
    *data = array->pvData;
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayUnaccessData(SAFEARRAY* array) { return SafeArrayUnlock(array); }

VINE_EXPORT UINT SafeArrayGetDim(SAFEARRAY* array) { return array ? array->cDims : 0; }

VINE_EXPORT UINT SafeArrayGetElemsize(SAFEARRAY* array) { return array ? array->cbElements : 0; }

VINE_EXPORT HRESULT SafeArrayGetLBound(SAFEARRAY* array, UINT dim, LONG* lower) {
    if (!array || !lower) return E_INVALIDARG;
    if (dim < 1 || dim > array->cDims) return DISP_E_BADINDEX;
    *lower = array->rgsabound[array->cDims - dim].lLbound;
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayGetUBound(SAFEARRAY* array, UINT dim, LONG* upper) {
    if (!array || !upper) return E_INVALIDARG;
    if (dim < 1 || dim > array->cDims) return DISP_E_BADINDEX;
    const SAFEARRAYBOUND& bound = array->rgsabound[array->cDims - dim];
    *upper = static_cast<LONG>(int64_t{bound.lLbound} + bound.cElements - 1);
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayGetVartype(SAFEARRAY* array, VARTYPE* vt) {
    if (!array || !vt) return E_INVALIDARG;
    if (!(array->fFeatures & FADF_HAVEVARTYPE)) return E_INVALIDARG;
    *vt = vartype_of(array);
    return S_OK;
}

VINE_EXPORT HRESULT SafeArrayGetElement(SAFEARRAY* array, LONG* indices, void* out) {
    if (!array || !indices || !out) return E_INVALIDARG;
    uint8_t* cell = element_at(array, indices);
    if (!cell) return DISP_E_BADINDEX;
    SafeArrayLock(array);
    HRESULT hr = S_OK;
    if (array->fFeatures & FADF_BSTR) {
        BSTR text = *reinterpret_cast<BSTR*>(cell);
        BSTR copy = text ? alloc_bytes(text, byte_length(text)) : nullptr;
        if (text && !copy) hr = E_OUTOFMEMORY;
        else *static_cast<BSTR*>(out) = copy;
    } else if (array->fFeatures & FADF_VARIANT) {
        auto* target = static_cast<VARIANT*>(out);
        target->vt = VT_EMPTY;
        hr = VariantCopy(target, reinterpret_cast<VARIANT*>(cell));
    } else if (array->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        IUnknown* item = *reinterpret_cast<IUnknown**>(cell);
        if (item) item->lpVtbl->AddRef(item);
        *static_cast<IUnknown**>(out) = item;
    } else {
        std::memcpy(out, cell, array->cbElements);
    }
    SafeArrayUnlock(array);
    return hr;
}

// `value` is the element itself for BSTRs and interfaces, a pointer to it
// for everything else (a VARIANT* for VT_VARIANT); the array keeps copies.
VINE_EXPORT HRESULT SafeArrayPutElement(SAFEARRAY* array, LONG* indices, void* value) {
    if (!array || !indices) return E_INVALIDARG;
    uint8_t* cell = element_at(array, indices);
    if (!cell) return DISP_E_BADINDEX;
    SafeArrayLock(array);
    HRESULT hr = S_OK;
    if (array->fFeatures & FADF_BSTR) {
        auto text = static_cast<BSTR>(value);
        BSTR copy = text ? alloc_bytes(text, byte_length(text)) : nullptr;
        if (text && !copy) {
            hr = E_OUTOFMEMORY;
        } else {
            free_bstr(*reinterpret_cast<BSTR*>(cell));
            *reinterpret_cast<BSTR*>(cell) = copy;
        }
    } else if (array->fFeatures & FADF_VARIANT) {
        hr = value ? VariantCopy(reinterpret_cast<VARIANT*>(cell), static_cast<VARIANT*>(value)) : E_INVALIDARG;
    } else if (array->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        auto* item = static_cast<IUnknown*>(value);
        if (item) item->lpVtbl->AddRef(item);
        IUnknown*& slot = *reinterpret_cast<IUnknown**>(cell);
        if (slot) slot->lpVtbl->Release(slot);
        slot = item;
    } else if (value) {
        std::memcpy(cell, value, array->cbElements);
    } else {
        hr = E_INVALIDARG;
    }
    SafeArrayUnlock(array);
    return hr;
}

VINE_EXPORT HRESULT SafeArrayCopy(SAFEARRAY* source, SAFEARRAY** copy) {
    if (!copy) return E_INVALIDARG;
    *copy = nullptr;
    if (!source) return S_OK;
    VARTYPE vt = (source->fFeatures & FADF_HAVEVARTYPE) ? vartype_of(source) : VARTYPE{VT_EMPTY};
    SAFEARRAY* array = new_descriptor(vt, source->cDims);
    if (!array) return E_OUTOFMEMORY;
    array->fFeatures = source->fFeatures & ~(FADF_STATIC | FADF_AUTO | FADF_EMBEDDED | FADF_CREATEVECTOR);
    array->cbElements = source->cbElements;
    std::memcpy(array->rgsabound, source->rgsabound, source->cDims * sizeof(SAFEARRAYBOUND));
    if (allocate_data(array) != S_OK) {
        free_descriptor(array);
        return E_OUTOFMEMORY;
    }
    size_t count = element_count(array);
    if (array->fFeatures & FADF_BSTR) {
        auto* from = static_cast<BSTR*>(source->pvData);
        auto* to = static_cast<BSTR*>(array->pvData);
        for (size_t i = 0; i < count; ++i) to[i] = from[i] ? alloc_bytes(from[i], byte_length(from[i])) : nullptr;
    } else if (array->fFeatures & FADF_VARIANT) {
        auto* from = static_cast<VARIANT*>(source->pvData);
        auto* to = static_cast<VARIANT*>(array->pvData);
        for (size_t i = 0; i < count; ++i) VariantCopy(&to[i], &from[i]);
    } else if (array->fFeatures & (FADF_UNKNOWN | FADF_DISPATCH)) {
        auto* from = static_cast<IUnknown**>(source->pvData);
        auto* to = static_cast<IUnknown**>(array->pvData);
        for (size_t i = 0; i < count; ++i)
            if ((to[i] = from[i])) to[i]->lpVtbl->AddRef(to[i]);
    } else if (count) {
        std::memcpy(array->pvData, source->pvData, count * array->cbElements);
    }
    *copy = array;
    return S_OK;
}
