// Shared between ntdll's source files only.
#pragma once

#include "vine/ntdll_exports.h"
#include "vine/teb.h"
#include "vine/wintypes.h"


HANDLE ntdll_create_process_heap();
void ntdll_heap_thread_detach();
