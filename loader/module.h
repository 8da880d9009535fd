// A loaded module (the EXE, a native DLL or a builtin DLL) and the loader's
// module list. The LDR_DATA_TABLE_ENTRY comes first: programs walk the PEB's
// loader lists and read these entries directly.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "pe_image.h"
#include "vine/builtin.h"
#include "vine/teb.h"

namespace vine::loader {

// An export of a native module: its RVA, or the "DLL.Function" it forwards to.
struct NativeExport {
    uint32_t rva = 0;
    std::string forwarder;
};

struct Module {
    LDR_DATA_TABLE_ENTRY ldr{};
    std::u16string full_name;  // "Z:\\dir\\name.dll" (ldr.FullDllName points here)
    std::u16string base_name;  // "name.dll"
    std::string unix_path;     // empty for builtins
    uint8_t* base = nullptr;
    size_t size = 0;
    const BuiltinDll* builtin = nullptr;
    bool is_exe = false;
    int ref_count = 0;
    bool initialized = false;   // PROCESS_ATTACH delivered
    bool init_failed = false;
    std::vector<Module*> dependencies;
    // Exports by name and by ordinal, built once at load.
    std::unordered_map<std::string, NativeExport> exports_by_name;
    std::unordered_map<uint32_t, NativeExport> exports_by_ordinal;
    // Named exports in name pointer table order: where import hints point.
    std::vector<std::pair<std::string, NativeExport>> export_name_table;
    PIMAGE_TLS_CALLBACK const* tls_callbacks = nullptr;
    std::vector<PIMAGE_TLS_CALLBACK> tls_callback_list;
    int tls_index = -1;
    // The optional header as validated at load: what the loader reads later,
    // never the mapped copy, which the image's own code could have changed.
    IMAGE_OPTIONAL_HEADER64 optional_header{};

    HMODULE handle() const { return base; }
};

// Fatal start-up failure: prints "vine: ..." and exits with status 1.
[[noreturn]] void fail(const std::string& message);

// Maps the EXE (from its Unix path) and binds its imports; does not run any
// initialization yet. Fails the process with a clear message on bad input.
Module* load_exe(const std::string& unix_path);
// Loads the builtin or native DLL and its dependencies (no initialization).
Module* load_dll(std::u16string_view name, DWORD& error);
// Loads a DLL every process has (ntdll, kernel32) at start-up, or fails the
// process saying why (VINEDLLOVERRIDES disabling it, a missing install).
Module* load_core_dll(std::u16string_view name);
// Delivers PROCESS_ATTACH (TLS callbacks, then DllMain) to `module` and its
// dependencies, dependencies first; false if a DllMain failed.
bool initialize(Module* module);
// Runs the EXE's TLS callbacks for PROCESS_ATTACH.
void run_exe_tls_callbacks(Module* exe, DWORD reason);
// "the TLS callback 0x... of app.exe" while the calling thread runs such
// module code for the loader (TLS callbacks, DllMain), else "".
std::string current_callout();
// The static TLS of every module, set up for the calling thread.
void allocate_static_tls(TEB* teb);

// DLL_THREAD_ATTACH (in initialization order) or DLL_THREAD_DETACH (in
// reverse) to every initialized module, TLS callbacks included.
void notify_threads(DWORD reason);

// Takes a native module out of the lists and unmaps it (no notifications).
void unload(Module* module);

Module* find_module(HMODULE handle);
// The loader lock, for readers of module records outside modules.cpp.
std::recursive_mutex& loader_mutex();
Module* exe_module();
PEB_LDR_DATA* loader_data();

// Where the builtin .dll.so files are: VINE_BUILTIN_DIR, else lib/vine
// beside the bin/ directory holding vine.
std::string builtin_directory();

}  // namespace vine::loader
