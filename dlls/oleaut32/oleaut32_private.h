// Shared between oleaut32's files: BSTR storage (bstr.cpp) and the element
// rules SafeArrays and VARIANTs share.
#pragma once

#include <cstddef>

#include "vine/oleauto.h"

namespace oleaut32 {

// A BSTR of `bytes` bytes copied from `data` (left uninitialized when null).
BSTR alloc_bytes(const void* data, size_t bytes);
void free_bstr(BSTR text);
UINT byte_length(BSTR text);
size_t wide_length(const WCHAR* text);

}  // namespace oleaut32
