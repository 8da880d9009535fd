// The descriptor vinebuild generates for every builtin DLL (NAME.dll.so) and
// registers with the loader when the .so is loaded. Its layout is produced by
// tools/vinebuild/asm_writer.cpp: keep both in step (kBuiltinAbiVersion).
#pragma once

#include <cstdint>

namespace vine {

constexpr uint32_t kBuiltinAbiVersion = 2;

enum class ExportKind : uint8_t {
    Function = 0,  // stdcall/cdecl: fixed arguments
    Varargs = 1,   // cdecl with a variable argument list
    Stub = 2,      // listed but not implemented: calling it stops the program
    Data = 3,      // an exported variable
    Forward = 4,   // forwarded to another DLL ("NTDLL.RtlAllocateHeap")
};

// Argument type letters in BuiltinExport::arg_types, from the spec's types:
// 'l' long (32-bit), 'j' int64, 'p' ptr, 's' str, 'w' wstr, 'd' double,
// 'f' float.
struct BuiltinExport {
    const char* name;         // null for an export by ordinal only
    void* address;            // the implementation, stub trap or variable
    void* relay_thunk;        // entry that traces the call (functions only)
    const char* arg_types;    // one letter per argument
    const char* forward;      // "DLL.Function" for ExportKind::Forward
    const struct BuiltinDll* dll;
    uint16_t ordinal;
    ExportKind kind;
    uint8_t arg_count;
    uint32_t reserved;
};
static_assert(sizeof(BuiltinExport) == 56);

struct BuiltinDll {
    uint32_t abi_version;
    uint32_t export_count;
    const char* name;               // "kernel32.dll"
    void* image;                    // the in-memory PE image: the HMODULE
    const BuiltinExport* exports;
    // Optional DllMain-style entry (BOOL WINAPI (HINSTANCE, DWORD, LPVOID)),
    // called by the loader in Windows' order; null when the DLL has none.
    void* entry;
    // Indexes into `exports`, sorted by name (named exports only, byte
    // order) and by ordinal: the loader binary-searches them, so loading a
    // builtin builds no lookup table.
    const uint16_t* by_name;
    const uint16_t* by_ordinal;
    uint32_t named_count;
    uint32_t reserved;
};
static_assert(sizeof(BuiltinDll) == 64);

// Lookups in a descriptor's sorted indexes; null when absent.
const BuiltinExport* find_builtin_export(const BuiltinDll& dll, const char* name);
const BuiltinExport* find_builtin_export(const BuiltinDll& dll, uint32_t ordinal);

}  // namespace vine

// Defined by the loader; called from each builtin's ELF constructor.
extern "C" void vine_register_builtin(const vine::BuiltinDll* dll);
