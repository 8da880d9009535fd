// Prototypes of combase exports that other builtin DLLs call (shell32 hands
// out CoTaskMemAlloc'd strings).
#pragma once

#include "vine/com.h"
#include "vine/wintypes.h"

extern "C" {
WINAPI void* CoTaskMemAlloc(SIZE_T size);
WINAPI void CoTaskMemFree(void* block);
WINAPI HRESULT CoGetMalloc(DWORD context, IMalloc** malloc);
}
