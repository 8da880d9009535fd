// The shell's allocator is COM's task allocator (as on Windows since NT 4):
// SHAlloc'd memory can be freed by CoTaskMemFree and the other way round.
#include "vine/combase_exports.h"
#include "vine/winerror.h"

VINE_EXPORT HRESULT SHGetMalloc(IMalloc** malloc) { return CoGetMalloc(MEMCTX_TASK, malloc); }
VINE_EXPORT void* SHAlloc(SIZE_T size) { return CoTaskMemAlloc(size); }
VINE_EXPORT void SHFree(void* block) { CoTaskMemFree(block); }
