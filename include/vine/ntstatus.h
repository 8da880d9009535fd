// NTSTATUS values Vine returns or checks (values from ntstatus.h, as the
// Windows documentation lists them). One definition for ntdll and the DLLs
// that read its results.
#pragma once

#include "vine/wintypes.h"

constexpr NTSTATUS nt_status(uint32_t value) { return static_cast<NTSTATUS>(value); }

constexpr NTSTATUS STATUS_SUCCESS = 0;
constexpr NTSTATUS STATUS_WAIT_0 = 0;
constexpr NTSTATUS STATUS_ABANDONED_WAIT_0 = 0x80;
constexpr NTSTATUS STATUS_USER_APC = 0xc0;
constexpr NTSTATUS STATUS_ALERTED = 0x101;
constexpr NTSTATUS STATUS_TIMEOUT = 0x102;
constexpr NTSTATUS STATUS_PENDING = 0x103;
constexpr NTSTATUS STATUS_OBJECT_NAME_EXISTS = 0x40000000;
constexpr NTSTATUS STATUS_NO_YIELD_PERFORMED = 0x40000024;
constexpr NTSTATUS STATUS_BUFFER_OVERFLOW = nt_status(0x80000005);
constexpr NTSTATUS STATUS_NO_MORE_ENTRIES = nt_status(0x8000001a);
constexpr NTSTATUS STATUS_UNSUCCESSFUL = nt_status(0xc0000001);
constexpr NTSTATUS STATUS_NOT_IMPLEMENTED = nt_status(0xc0000002);
constexpr NTSTATUS STATUS_INVALID_INFO_CLASS = nt_status(0xc0000003);
constexpr NTSTATUS STATUS_INFO_LENGTH_MISMATCH = nt_status(0xc0000004);
constexpr NTSTATUS STATUS_INVALID_HANDLE = nt_status(0xc0000008);
constexpr NTSTATUS STATUS_INVALID_PARAMETER = nt_status(0xc000000d);
constexpr NTSTATUS STATUS_NO_MEMORY = nt_status(0xc0000017);
constexpr NTSTATUS STATUS_ACCESS_DENIED = nt_status(0xc0000022);
constexpr NTSTATUS STATUS_BUFFER_TOO_SMALL = nt_status(0xc0000023);
constexpr NTSTATUS STATUS_OBJECT_TYPE_MISMATCH = nt_status(0xc0000024);
constexpr NTSTATUS STATUS_INVALID_PARAMETER_MIX = nt_status(0xc0000030);
constexpr NTSTATUS STATUS_OBJECT_NAME_INVALID = nt_status(0xc0000033);
constexpr NTSTATUS STATUS_OBJECT_NAME_NOT_FOUND = nt_status(0xc0000034);
constexpr NTSTATUS STATUS_CANNOT_DELETE = nt_status(0xc0000121);
constexpr NTSTATUS STATUS_KEY_DELETED = nt_status(0xc000017c);
constexpr NTSTATUS STATUS_CHILD_MUST_BE_VOLATILE = nt_status(0xc0000181);
constexpr NTSTATUS STATUS_OBJECT_NAME_COLLISION = nt_status(0xc0000035);
constexpr NTSTATUS STATUS_OBJECT_PATH_NOT_FOUND = nt_status(0xc000003a);
constexpr NTSTATUS STATUS_OBJECT_PATH_SYNTAX_BAD = nt_status(0xc000003b);
constexpr NTSTATUS STATUS_SHARING_VIOLATION = nt_status(0xc0000043);
constexpr NTSTATUS STATUS_MUTANT_NOT_OWNED = nt_status(0xc0000046);
constexpr NTSTATUS STATUS_SEMAPHORE_LIMIT_EXCEEDED = nt_status(0xc0000047);
constexpr NTSTATUS STATUS_PROCEDURE_NOT_FOUND = nt_status(0xc000007a);
constexpr NTSTATUS STATUS_INVALID_IMAGE_FORMAT = nt_status(0xc000007b);
constexpr NTSTATUS STATUS_INSUFFICIENT_RESOURCES = nt_status(0xc000009a);
constexpr NTSTATUS STATUS_PIPE_BUSY = nt_status(0xc00000ae);
constexpr NTSTATUS STATUS_PIPE_CONNECTED = nt_status(0xc00000b2);
constexpr NTSTATUS STATUS_NOT_SUPPORTED = nt_status(0xc00000bb);
constexpr NTSTATUS STATUS_INVALID_PARAMETER_1 = nt_status(0xc00000ef);
constexpr NTSTATUS STATUS_DLL_NOT_FOUND = nt_status(0xc0000135);
constexpr NTSTATUS STATUS_CONTROL_C_EXIT = nt_status(0xc000013a);
constexpr NTSTATUS STATUS_DLL_INIT_FAILED = nt_status(0xc0000142);
// Tokens and SIDs (dlls/ntdll/token.cpp, sid.cpp).
constexpr NTSTATUS STATUS_NOT_ALL_ASSIGNED = 0x106;
constexpr NTSTATUS STATUS_NO_IMPERSONATION_TOKEN = nt_status(0xc000005c);
constexpr NTSTATUS STATUS_NO_SUCH_PRIVILEGE = nt_status(0xc0000060);
constexpr NTSTATUS STATUS_PRIVILEGE_NOT_HELD = nt_status(0xc0000061);
constexpr NTSTATUS STATUS_NONE_MAPPED = nt_status(0xc0000073);
constexpr NTSTATUS STATUS_INVALID_SID = nt_status(0xc0000078);
constexpr NTSTATUS STATUS_NO_TOKEN = nt_status(0xc000007c);
constexpr NTSTATUS STATUS_BAD_IMPERSONATION_LEVEL = nt_status(0xc00000a5);
