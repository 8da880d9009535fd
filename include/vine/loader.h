// The loader's interface to the builtin DLLs. The loader lives in the vine
// executable, which exports these functions to the .dll.so files it loads;
// ntdll's Ldr* and kernel32's module functions are thin wrappers over them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vine/wintypes.h"

struct CONTEXT;
struct EXCEPTION_RECORD;

namespace vine::loader {

// Loads a DLL by name or path (searching as LoadLibraryW does) and runs its
// initialization; increments its reference count. Returns null and a Win32
// error code (ERROR_MOD_NOT_FOUND, ERROR_BAD_EXE_FORMAT, ...) on failure.
HMODULE load_library(std::u16string_view name, DWORD& error);
// Decrements the count and unloads the DLL (DLL_PROCESS_DETACH) at zero.
bool free_library(HMODULE module);
// The loaded module called `name` (with or without ".dll"), or the EXE for
// an empty name; null if not loaded.
HMODULE module_handle(std::u16string_view name);
// The module containing `address`, or null.
HMODULE module_from_address(const void* address);
// An export by name (ordinal == 0) or by ordinal, following forwarders.
// Stubs resolve to null (ERROR_PROC_NOT_FOUND) so probing programs fall back.
void* proc_address(HMODULE module, const char* name, unsigned ordinal, DWORD& error);
// Whether `name` ("api-ms-win-core-synch-l1-2-0", any case, ".dll"
// optional) is an API set contract that has a host: the answer of
// ApiSetQueryApiSetPresence and IsApiSetImplemented (loader/api_sets.cpp).
bool api_set_present(std::u16string_view name);
// The module's full Windows path ("Z:\\...\\prog.exe"); empty if unknown.
std::u16string module_path(HMODULE module);
// What psapi and Toolhelp32 report of one loaded module.
struct ModuleSummary {
    HMODULE base;
    DWORD size;
    void* entry;
    std::u16string full_name;
    std::u16string base_name;
};
// A resource type, name or language as FindResource takes it: an integer
// id or a name (matched ignoring case, as Windows does).
struct ResourceKey {
    bool named = false;
    uint16_t id = 0;
    std::u16string name;
};
// The entries of `module`'s resource tree under `path` (no keys: the types;
// a type: its names; a type and a name: the languages). NTSTATUS:
// STATUS_RESOURCE_DATA_NOT_FOUND without resources,
// STATUS_RESOURCE_TYPE_NOT_FOUND / _NAME_NOT_FOUND for a missing key,
// STATUS_INVALID_IMAGE_FORMAT for a damaged tree.
NTSTATUS resource_entries(HMODULE module, const std::vector<ResourceKey>& path, std::vector<ResourceKey>& out);
// The IMAGE_RESOURCE_DATA_ENTRY (inside the image: what an HRSRC points at)
// of a resource. Language 0 (LANG_NEUTRAL, SUBLANG_NEUTRAL) picks the best
// one present as Windows does; another language must be present
// (STATUS_RESOURCE_LANG_NOT_FOUND), except that a neutral primary language
// with a sublanguage takes the first.
NTSTATUS find_resource(HMODULE module, const ResourceKey& type, const ResourceKey& name, uint16_t language,
                       const void** data_entry);
// The bytes a data entry found by find_resource describes, validated.
NTSTATUS resource_bytes(HMODULE module, const void* data_entry, const void** data, uint32_t* size);
// A resource of a PE file on disk, read without loading it (version.dll);
// `dos_path` is a full Windows path. The bytes are copied into `out`.
NTSTATUS file_resource(std::u16string_view dos_path, const ResourceKey& type, const ResourceKey& name,
                       std::vector<uint8_t>& out);

// The loaded modules in load order (the EXE first), copied under the
// loader lock so that callers never walk lists a load may be changing.
std::vector<ModuleSummary> list_modules();

// Prepares the calling, newly created thread to run Windows code: its TEB
// (on the GS base) describing the given stack, its static TLS, and
// DLL_THREAD_ATTACH to every initialized module. The ids are the server's
// (the TEB's ClientId). Returns the TEB.
void* thread_attach(void* peb, void* stack_low, void* stack_high, uint32_t process_id, uint32_t thread_id);
// DLL_THREAD_DETACH to every module, before the thread ends.
void thread_detach();
// Frees what thread_attach gave the thread for itself (its signal stack),
// once it has stopped running Windows code for good, ended or terminated.
void thread_release();

// Lays out a Windows thread stack in [bottom, bottom + size) (mapped, page
// aligned): the top `commit` bytes readable and writable, the rest
// inaccessible, as reserved memory with a guard page below the committed
// part. Returns the StackLimit to put in the TEB. Faults below it grow the
// stack (loader/thread_stack.cpp) until the overflow reserve is reached.
void* commit_thread_stack(void* bottom, size_t size, size_t commit);
// _resetstkoflw: after a stack overflow was handled, gives the calling
// thread's stack its guard again, so that the next overflow raises
// STATUS_STACK_OVERFLOW too. False if the thread still runs inside the
// overflow reserve.
bool reset_stack_guard();

// Ends the process: DLL_PROCESS_DETACH in reverse initialization order, then
// exit with `code` (Linux sees its low 8 bits).
[[noreturn]] void exit_process(unsigned code);

// Where hardware exceptions go: ntdll's KiUserExceptionDispatcher, entered
// on the faulting thread's stack with a CONTEXT and an EXCEPTION_RECORD at
// rsp (see loader/crash.cpp). Until ntdll sets it, faults end the process
// with a crash report.
void set_exception_dispatcher(void* dispatcher);
// Prints vine's report of an unhandled exception (code, address as
// module+offset, registers, return addresses on the stack) to stderr.
void report_exception(const EXCEPTION_RECORD* record, const CONTEXT* context);

}  // namespace vine::loader
