// _CxxThrowException and the exports that expose the exception being
// handled: __current_exception, __current_exception_context,
// __processing_throw, __std_terminate, terminate/set_terminate, _purecall's
// relatives are the DLLs' own.
#include "cxx/cxx_eh.h"
#include "vine/loader.h"

extern "C" __attribute__((ms_abi)) void __vine_RaiseException(DWORD code, DWORD flags, DWORD count,
                                                              const ULONG_PTR* arguments);

#define CXX_EXPORT extern "C" __attribute__((ms_abi, visibility("default")))

using namespace vine;

// throw object; (object, info) or throw; (null, null): raises the C++
// exception, whose ExceptionInformation[3] is the module holding `info`.
CXX_EXPORT void vine_CxxThrowException(void* object, const msvc_eh::ThrowInfo* info) {
    ULONG_PTR arguments[msvc_eh::kCxxParameters];
    if (!object && !info) {
        // Rethrow: the same object, from the innermost catch running.
        const cxx::CatchEntry* entry = cxx::current_catch();
        if (!entry) cxx::terminate();
        const EXCEPTION_RECORD& record = entry->record;
        ++*cxx::processing_throw();
        __vine_RaiseException(record.ExceptionCode, record.ExceptionFlags & EXCEPTION_NONCONTINUABLE,
                              record.NumberParameters, record.ExceptionInformation);
        __builtin_unreachable();
    }
    arguments[0] = msvc_eh::kCxxMagic;
    arguments[1] = reinterpret_cast<ULONG_PTR>(object);
    arguments[2] = reinterpret_cast<ULONG_PTR>(info);
    arguments[3] = reinterpret_cast<ULONG_PTR>(loader::module_from_address(info));
    ++*cxx::processing_throw();
    __vine_RaiseException(msvc_eh::kCxxExceptionCode, EXCEPTION_NONCONTINUABLE, msvc_eh::kCxxParameters, arguments);
    __builtin_unreachable();
}

CXX_EXPORT EXCEPTION_RECORD** vine_current_exception() { return cxx::current_exception_record(); }
CXX_EXPORT CONTEXT** vine_current_exception_context() { return cxx::current_exception_context(); }
CXX_EXPORT int* vine_processing_throw() { return cxx::processing_throw(); }
CXX_EXPORT void vine_std_terminate() { cxx::terminate(); }
CXX_EXPORT void vine_terminate() { cxx::terminate(); }
CXX_EXPORT cxx::TerminateHandler vine_set_terminate(cxx::TerminateHandler handler) {
    return cxx::set_terminate(handler);
}
