// Binding imports: finding each imported function in the module that
// exports it (by name, with the import's hint tried first, or by ordinal),
// following forwarders from module to module, and writing the addresses
// into the importer's import address table.
//
// It reaches other modules only through a ModuleProvider, so the loader
// plugs in load_dll and the unit tests plug in modules built in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "module.h"
#include "pe_image.h"
#include "vine/expected.h"

namespace vine::loader {

class ModuleProvider {
public:
    virtual ~ModuleProvider() = default;
    // The module `dll` names (an import's or a forwarder's DLL), loaded if
    // need be; nullptr with a Win32 error when it cannot be found.
    virtual Module* load(std::u16string_view dll, DWORD& error) = 0;
    // Where a call to a builtin's export should go (its relay thunk when
    // +relay traces it).
    virtual void* builtin_target(const BuiltinExport& entry) { return entry.address; }
    // Why load() failed for `dll`, after "foo.dll (needed by app.exe) ".
    virtual std::string why_not_loaded(std::u16string_view /*dll*/, DWORD /*error*/) { return "was not found"; }
};

// Which export: by name (with the importer's hint, an index into the
// exporter's name pointer table tried before the name lookup) or, when
// `name` is null, by ordinal.
struct ExportKey {
    const char* name = nullptr;
    unsigned ordinal = 0;
    uint16_t hint = 0;
};

// Indexes a native module's exports (by name, by ordinal, and by name table
// position for hints). Bad export directories leave the module without exports.
void index_exports(Module& module, const pe::PeImage& image);

// The address of an export, forwarders followed. For an import binding
// (`for_import`), a builtin stub resolves to its trap; for GetProcAddress it
// does not resolve. On failure, `error` is the Win32 error and the message
// says what is missing, or which forwarders loop.
Expected<void*> resolve_export(ModuleProvider& provider, Module* module, const ExportKey& key, bool for_import,
                               DWORD& error);

// Loads each DLL `image` imports, records it as a dependency of `module`
// and writes every imported address into module->base + the IAT slot RVA.
// Errors read "bad PE image: ..." for a malformed import directory, else
// name the missing DLL or function and its importer.
Expected<void> bind_imports(ModuleProvider& provider, Module* module, const pe::PeImage& image);

}  // namespace vine::loader
