// The Windows Runtime's start-up, activation and error reporting for a
// machine without Windows Runtime classes: RoInitialize is COM's apartment
// initialization, activation of any class answers REGDB_E_CLASSNOTREG (as
// Windows does for a class it does not know), and the restricted error
// information is kept per thread with no debugger to report it to.
#include "vine/com.h"
#include "vine/hstring.h"
#include "vine/ole32_exports.h"
#include "vine/winerror.h"

namespace {

enum RO_INIT_TYPE { RO_INIT_SINGLETHREADED = 0, RO_INIT_MULTITHREADED = 1 };

// The thread's restricted error information (an IRestrictedErrorInfo),
// one reference held. Reached through a System V function the exports
// call: inlined into them, GCC's __tls_get_addr sequence would clobber
// registers the Microsoft convention keeps (tests/structure/tls_in_exports.sh).
thread_local IUnknown* restricted_error = nullptr;

__attribute__((noinline, sysv_abi)) IUnknown*& thread_restricted_error() { return restricted_error; }

ULONG error_reporting_flags = 0;

}  // namespace

VINE_EXPORT HRESULT RoInitialize(int type) {
    if (type != RO_INIT_SINGLETHREADED && type != RO_INIT_MULTITHREADED) return E_INVALIDARG;
    return CoInitializeEx(nullptr, type == RO_INIT_MULTITHREADED ? COINIT_MULTITHREADED : COINIT_APARTMENTTHREADED);
}

VINE_EXPORT void RoUninitialize() { CoUninitialize(); }

VINE_EXPORT HRESULT RoGetActivationFactory(HSTRING class_id, REFIID iid, void** factory) {
    if (!factory) return E_POINTER;
    *factory = nullptr;
    if (!class_id || !iid) return E_INVALIDARG;
    return REGDB_E_CLASSNOTREG;
}

VINE_EXPORT HRESULT RoActivateInstance(HSTRING class_id, IUnknown** instance) {
    if (!instance) return E_POINTER;
    *instance = nullptr;
    if (!class_id) return E_INVALIDARG;
    return REGDB_E_CLASSNOTREG;
}

// Originating or transforming an error informs an attached debugger and the
// error reporting infrastructure; with neither, nothing was reported (FALSE).
VINE_EXPORT BOOL RoOriginateError(HRESULT, HSTRING) { return FALSE; }
VINE_EXPORT BOOL RoOriginateErrorW(HRESULT, UINT, const WCHAR*) { return FALSE; }
VINE_EXPORT BOOL RoOriginateLanguageException(HRESULT, HSTRING, IUnknown*) { return FALSE; }
VINE_EXPORT BOOL RoTransformError(HRESULT, HRESULT, HSTRING) { return FALSE; }
VINE_EXPORT BOOL RoTransformErrorW(HRESULT, HRESULT, UINT, const WCHAR*) { return FALSE; }

// No error context is captured: there is no debugger to show it to.
VINE_EXPORT HRESULT RoCaptureErrorContext(HRESULT) { return S_OK; }

// GetRestrictedErrorInfo hands the thread's error over (the thread's
// reference moves to the caller): S_FALSE and NULL when there is none.
VINE_EXPORT HRESULT GetRestrictedErrorInfo(IUnknown** info) {
    if (!info) return E_POINTER;
    IUnknown*& current = thread_restricted_error();
    *info = current;
    current = nullptr;
    return *info ? S_OK : S_FALSE;
}

VINE_EXPORT HRESULT SetRestrictedErrorInfo(IUnknown* info) {
    if (info) info->lpVtbl->AddRef(info);
    IUnknown*& current = thread_restricted_error();
    if (current) current->lpVtbl->Release(current);
    current = info;
    return S_OK;
}

VINE_EXPORT void RoClearError() { SetRestrictedErrorInfo(nullptr); }

// No language projection on this machine propagates errors.
VINE_EXPORT BOOL IsErrorPropagationEnabled() { return FALSE; }

VINE_EXPORT HRESULT RoGetErrorReportingFlags(ULONG* flags) {
    if (!flags) return E_POINTER;
    *flags = error_reporting_flags;
    return S_OK;
}

VINE_EXPORT HRESULT RoSetErrorReportingFlags(ULONG flags) {
    error_reporting_flags = flags;
    return S_OK;
}
