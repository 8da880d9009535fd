// Import binding and export resolution, shared by static imports and
// GetProcAddress. See import_binding.h.
#include "import_binding.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "vine/debug.h"
#include "vine/unicode.h"

namespace vine::loader {
namespace {

constexpr DWORD ERROR_PROC_NOT_FOUND = 127;

std::string describe(const ExportKey& key) {
    return key.name ? std::string(key.name) : "ordinal " + std::to_string(key.ordinal);
}

std::string link_name(const Module* module, const ExportKey& key) {
    return utf16_to_utf8(module->base_name) + "!" + (key.name ? std::string(key.name) : "#" + std::to_string(key.ordinal));
}

// One lookup in one module: the address, or the forwarder to follow.
struct Found {
    void* address = nullptr;
    std::string_view forwarder;
};

bool lookup(ModuleProvider& provider, Module* module, const ExportKey& key, bool for_import, Found& found) {
    if (module->builtin) {
        // vinebuild's images list names in spec order: hints do not apply.
        const BuiltinExport* entry = key.name ? find_builtin_export(*module->builtin, key.name)
                                              : find_builtin_export(*module->builtin, key.ordinal);
        if (!entry || (entry->kind == ExportKind::Stub && !for_import)) return false;
        if (entry->kind == ExportKind::Forward) {
            found.forwarder = entry->forward;
            return true;
        }
        found.address = provider.builtin_target(*entry);
        return true;
    }
    const NativeExport* entry = nullptr;
    if (key.name) {
        // The hint is the name's expected place in the exporter's name table;
        // when it is right it decides (even between duplicate names), when it
        // is wrong or out of range the name alone does.
        if (key.hint < module->export_name_table.size() && module->export_name_table[key.hint].first == key.name) {
            entry = &module->export_name_table[key.hint].second;
        } else {
            auto it = module->exports_by_name.find(key.name);
            if (it != module->exports_by_name.end()) entry = &it->second;
        }
    } else {
        auto it = module->exports_by_ordinal.find(key.ordinal);
        if (it != module->exports_by_ordinal.end()) entry = &it->second;
    }
    if (!entry || (!entry->rva && entry->forwarder.empty())) return false;
    if (!entry->forwarder.empty()) {
        found.forwarder = entry->forwarder;
        return true;
    }
    found.address = module->base + entry->rva;
    return true;
}

}  // namespace

void index_exports(Module& module, const pe::PeImage& image) {
    auto exports = image.exports();
    if (!exports) {
        WARN_("module", "%s: %s\n", utf16_to_utf8(module.base_name).c_str(), exports.error().message.c_str());
        return;
    }
    for (const auto& entry : *exports) {
        NativeExport target{entry.rva, std::string(entry.forwarder)};
        if (!entry.name.empty()) {
            module.exports_by_name.emplace(std::string(entry.name), target);
            if (module.export_name_table.size() <= entry.name_index)
                module.export_name_table.resize(entry.name_index + 1);
            module.export_name_table[entry.name_index] = {std::string(entry.name), target};
        }
        module.exports_by_ordinal.emplace(entry.ordinal, std::move(target));
    }
}

Expected<void*> resolve_export(ModuleProvider& provider, Module* module, const ExportKey& first_key, bool for_import,
                               DWORD& error) {
    // Each hop of a forwarder chain, to name a loop when one comes back.
    std::vector<std::string> chain;
    ExportKey key = first_key;
    std::string name_storage;  // owns key.name past the first hop
    for (;;) {
        std::string here = link_name(module, key);
        if (std::find(chain.begin(), chain.end(), here) != chain.end()) {
            std::string path;
            for (const auto& hop : chain) path += hop + " -> ";
            error = ERROR_PROC_NOT_FOUND;
            return make_error("forwarder loop: " + path + here);
        }
        chain.push_back(here);

        Found found;
        if (!lookup(provider, module, key, for_import, found)) {
            error = ERROR_PROC_NOT_FOUND;
            std::string message = "the procedure entry point " + describe(key) + " could not be located in " +
                                  utf16_to_utf8(module->base_name);
            if (chain.size() > 1) message += " (forwarded from " + chain.front() + ")";
            return make_error(message);
        }
        if (found.forwarder.empty()) return found.address;

        // "DLL.Function" or "DLL.#ordinal".
        std::string_view forward = found.forwarder;
        size_t dot = forward.find('.');
        if (dot == std::string_view::npos || dot == 0 || dot + 1 == forward.size()) {
            error = ERROR_PROC_NOT_FOUND;
            return make_error("export " + here + " has a malformed forwarder \"" + std::string(forward) + "\"");
        }
        // A forwarder names its DLL without the extension: it is a .dll.
        std::u16string dll = utf8_to_utf16(forward.substr(0, dot)) + u".dll";
        std::string function(forward.substr(dot + 1));
        Module* target = provider.load(dll, error);
        if (!target)
            return make_error(utf16_to_utf8(dll) + " (the target of forwarder " + here + " -> " + std::string(forward) +
                              ") was not found");
        module = target;
        name_storage = function;
        if (function[0] == '#')
            key = ExportKey{nullptr, static_cast<unsigned>(strtoul(function.c_str() + 1, nullptr, 10)), 0};
        else
            key = ExportKey{name_storage.c_str(), 0, 0};
    }
}

Expected<void> bind_imports(ModuleProvider& provider, Module* module, const pe::PeImage& image) {
    auto imports = image.imports();
    if (!imports) return make_error("bad PE image: " + imports.error().message);
    const std::string importer = utf16_to_utf8(module->base_name);
    for (const auto& imported : *imports) {
        std::u16string dll_name = utf8_to_utf16(imported.dll_name);
        DWORD error = 0;
        Module* dependency = provider.load(dll_name, error);
        if (!dependency)
            return make_error(std::string(imported.dll_name) + " (needed by " + importer + ") " +
                              provider.why_not_loaded(dll_name, error));
        if (std::find(module->dependencies.begin(), module->dependencies.end(), dependency) ==
            module->dependencies.end())
            module->dependencies.push_back(dependency);
        for (const auto& symbol : imported.symbols) {
            std::string name(symbol.name);
            ExportKey key = symbol.by_ordinal ? ExportKey{nullptr, symbol.ordinal, 0}
                                              : ExportKey{name.c_str(), 0, symbol.hint};
            auto address = resolve_export(provider, dependency, key, true, error);
            if (!address) return make_error(address.error().message + " (imported by " + importer + ")");
            void* value = *address;
            memcpy(module->base + symbol.iat_slot_rva, &value, sizeof value);
        }
    }
    return {};
}

}  // namespace vine::loader
