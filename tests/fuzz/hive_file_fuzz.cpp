// libFuzzer target for the registry's text format: any bytes parse without
// a crash, and what the parser accepted survives a write and a second read
// unchanged (server/hive_file.cpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hive_file.h"

namespace hive = vine::server::hive;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    hive::Parsed first = hive::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    std::string text = hive::format("\\\\Machine", first.keys);
    hive::Parsed second = hive::parse(text);
    if (!second.errors.empty() || second.keys.size() != first.keys.size()) abort();
    for (size_t k = 0; k < first.keys.size(); ++k) {
        const auto &a = first.keys[k], &b = second.keys[k];
        if (a.path != b.path || a.is_link != b.is_link || a.security != b.security || a.values.size() != b.values.size()) abort();
        for (size_t v = 0; v < a.values.size(); ++v)
            if (a.values[v].name != b.values[v].name || a.values[v].type != b.values[v].type ||
                a.values[v].data != b.values[v].data)
                abort();
    }
    return 0;
}
