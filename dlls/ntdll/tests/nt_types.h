/* The NT structures the ntdll tests pass, declared as programs that call
 * ntdll directly declare them (winternl.h declares some with other types). */
#ifndef NT_TYPES_H
#define NT_TYPES_H

#include <windows.h>

typedef struct {
    USHORT Length;
    USHORT MaximumLength;
    WCHAR *Buffer;
} NT_STRING;
typedef struct {
    ULONG Length;
    HANDLE RootDirectory;
    NT_STRING *ObjectName;
    ULONG Attributes;
    void *SecurityDescriptor;
    void *SecurityQualityOfService;
} NT_ATTRIBUTES;

#endif
