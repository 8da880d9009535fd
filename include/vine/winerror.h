// Win32 error codes and HRESULTs the builtins return (values from winerror.h,
// as the Windows documentation lists them). One definition for every DLL.
#pragma once

#include "vine/wintypes.h"

constexpr DWORD ERROR_SUCCESS = 0, ERROR_INVALID_FUNCTION = 1, ERROR_FILE_NOT_FOUND = 2, ERROR_PATH_NOT_FOUND = 3,
                ERROR_ACCESS_DENIED = 5, ERROR_INVALID_HANDLE = 6, ERROR_NOT_ENOUGH_MEMORY = 8,
                ERROR_INVALID_DATA = 13, ERROR_OUTOFMEMORY = 14, ERROR_NO_MORE_FILES = 18, ERROR_NOT_READY = 21,
                ERROR_SHARING_VIOLATION = 32, ERROR_FILE_EXISTS = 80, ERROR_INVALID_PARAMETER = 87,
                ERROR_INSUFFICIENT_BUFFER = 122, ERROR_INVALID_NAME = 123, ERROR_DIR_NOT_EMPTY = 145,
                ERROR_BAD_PATHNAME = 161, ERROR_ALREADY_EXISTS = 183, ERROR_FILENAME_EXCED_RANGE = 206,
                ERROR_MORE_DATA = 234, ERROR_NO_MORE_ITEMS = 259, ERROR_CANCELLED = 1223,
                ERROR_UNSUPPORTED_TYPE = 1630;

constexpr HRESULT hresult(uint32_t value) { return static_cast<HRESULT>(value); }
constexpr HRESULT HRESULT_FROM_WIN32(DWORD error) {
    return error == 0 || static_cast<HRESULT>(error) < 0 ? static_cast<HRESULT>(error)
                                                         : static_cast<HRESULT>((error & 0xffff) | 0x80070000);
}

constexpr HRESULT S_OK = 0, S_FALSE = 1;
constexpr HRESULT E_NOTIMPL = hresult(0x80004001), E_NOINTERFACE = hresult(0x80004002),
                  E_POINTER = hresult(0x80004003), E_FAIL = hresult(0x80004005), E_UNEXPECTED = hresult(0x8000ffff),
                  E_OUTOFMEMORY = hresult(0x8007000e), E_INVALIDARG = hresult(0x80070057);
constexpr HRESULT CLASS_E_NOAGGREGATION = hresult(0x80040110), CLASS_E_CLASSNOTAVAILABLE = hresult(0x80040111),
                  REGDB_E_CLASSNOTREG = hresult(0x80040154), REGDB_E_IIDNOTREG = hresult(0x80040155),
                  REGDB_E_READREGDB = hresult(0x80040150), CO_E_NOTINITIALIZED = hresult(0x800401f0),
                  CO_E_CLASSSTRING = hresult(0x800401f3), CO_E_IIDSTRING = hresult(0x800401f4),
                  CO_E_DLLNOTFOUND = hresult(0x800401f8),
                  CO_E_ERRORINDLL = hresult(0x800401f9), RPC_E_CHANGED_MODE = hresult(0x80010106);
