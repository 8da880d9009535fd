// Export lookups in a builtin's descriptor. vinebuild emits the indexes
// already sorted, so a builtin costs nothing to index at load and each
// lookup is a binary search (ntdll has ~2300 exports, kernel32 ~1600).
#include <algorithm>
#include <cstring>

#include "vine/builtin.h"

namespace vine {

const BuiltinExport* find_builtin_export(const BuiltinDll& dll, const char* name) {
    const uint16_t* first = dll.by_name;
    const uint16_t* last = dll.by_name + dll.named_count;
    auto found = std::lower_bound(first, last, name, [&](uint16_t index, const char* wanted) {
        return strcmp(dll.exports[index].name, wanted) < 0;
    });
    if (found == last || strcmp(dll.exports[*found].name, name) != 0) return nullptr;
    return &dll.exports[*found];
}

const BuiltinExport* find_builtin_export(const BuiltinDll& dll, uint32_t ordinal) {
    const uint16_t* first = dll.by_ordinal;
    const uint16_t* last = dll.by_ordinal + dll.export_count;
    auto found = std::lower_bound(first, last, ordinal,
                                  [&](uint16_t index, uint32_t wanted) { return dll.exports[index].ordinal < wanted; });
    if (found == last || dll.exports[*found].ordinal != ordinal) return nullptr;
    return &dll.exports[*found];
}

}  // namespace vine
