// Ldr*: the loader's interface as ntdll exports it, over vine's loader.
#include "ntdll_private.h"
#include "vine/loader.h"
#include "vine/ntstatus.h"
#include "vine/pe_format.h"

namespace {

std::u16string_view view(const UNICODE_STRING* name) {
    return name && name->Buffer ? std::u16string_view(name->Buffer, name->Length / 2) : std::u16string_view();
}

NTSTATUS status_from_error(DWORD error) {
    switch (error) {
    case 127: return STATUS_PROCEDURE_NOT_FOUND;
    case 193: return STATUS_INVALID_IMAGE_FORMAT;
    case 1114: return STATUS_DLL_INIT_FAILED;
    default: return STATUS_DLL_NOT_FOUND;
    }
}
}  // namespace

VINE_EXPORT NTSTATUS LdrLoadDll(const WCHAR* path, ULONG* flags, const UNICODE_STRING* name, HMODULE* module) {
    DWORD error = 0;
    *module = vine::loader::load_library(view(name), error);
    return *module ? STATUS_SUCCESS : status_from_error(error);
}

VINE_EXPORT NTSTATUS LdrUnloadDll(HMODULE module) {
    return vine::loader::free_library(module) ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
}

VINE_EXPORT NTSTATUS LdrGetDllHandle(const WCHAR* path, ULONG flags, const UNICODE_STRING* name, HMODULE* module) {
    *module = vine::loader::module_handle(view(name));
    return *module ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
}

VINE_EXPORT NTSTATUS LdrGetProcedureAddress(HMODULE module, const ANSI_STRING* name, ULONG ordinal, void** address) {
    DWORD error = 0;
    std::string text = name && name->Buffer ? std::string(name->Buffer, name->Length) : std::string();
    *address = vine::loader::proc_address(module, name ? text.c_str() : nullptr, ordinal, error);
    return *address ? STATUS_SUCCESS : status_from_error(error);
}

VINE_EXPORT void RtlExitUserProcess(DWORD status) { vine::loader::exit_process(status); }

// Answers from the loader's API set table (loader/api_sets.cpp): present
// when the contract is in the schema and has a host.
VINE_EXPORT NTSTATUS ApiSetQueryApiSetPresence(const UNICODE_STRING* name, BOOLEAN* present) {
    if (!name || !present) return STATUS_INVALID_PARAMETER;
    *present = vine::loader::api_set_present(view(name)) ? TRUE : FALSE;
    return STATUS_SUCCESS;
}
