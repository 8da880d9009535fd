// The registry's Windows types: value types, key rights, the information
// classes of NtQueryKey/NtQueryValueKey and their structures (winnt.h,
// wdm.h layouts), and the NT registry functions ntdll exports.
#pragma once

#include "vine/ntdll_exports.h"
#include "vine/wintypes.h"

constexpr DWORD REG_NONE = 0, REG_SZ = 1, REG_EXPAND_SZ = 2, REG_BINARY = 3, REG_DWORD = 4,
                REG_DWORD_BIG_ENDIAN = 5, REG_LINK = 6, REG_MULTI_SZ = 7, REG_QWORD = 11;

constexpr ACCESS_MASK KEY_QUERY_VALUE = 0x1, KEY_SET_VALUE = 0x2, KEY_CREATE_SUB_KEY = 0x4,
                      KEY_ENUMERATE_SUB_KEYS = 0x8, KEY_NOTIFY = 0x10, KEY_CREATE_LINK = 0x20,
                      KEY_WOW64_64KEY = 0x100, KEY_WOW64_32KEY = 0x200;
constexpr ACCESS_MASK DELETE = 0x00010000, MAXIMUM_ALLOWED = 0x02000000;
constexpr ACCESS_MASK KEY_READ = 0x20019, KEY_WRITE = 0x20006, KEY_ALL_ACCESS = 0xf003f;

constexpr ULONG REG_OPTION_NON_VOLATILE = 0, REG_OPTION_VOLATILE = 1, REG_OPTION_CREATE_LINK = 2,
                REG_OPTION_BACKUP_RESTORE = 4, REG_OPTION_OPEN_LINK = 8;
constexpr ULONG REG_CREATED_NEW_KEY = 1, REG_OPENED_EXISTING_KEY = 2;
// NtLoadKeyEx's flags for RegLoadAppKey's hives, and its own option.
constexpr ULONG REG_APP_HIVE = 0x10, REG_PROCESS_PRIVATE = 0x20;
constexpr DWORD REG_PROCESS_APPKEY = 1;

// The filters of NtNotifyChangeKey and RegNotifyChangeKeyValue.
constexpr ULONG REG_NOTIFY_CHANGE_NAME = 0x1, REG_NOTIFY_CHANGE_ATTRIBUTES = 0x2, REG_NOTIFY_CHANGE_LAST_SET = 0x4,
                REG_NOTIFY_CHANGE_SECURITY = 0x8, REG_NOTIFY_THREAD_AGNOSTIC = 0x10000000;
constexpr ULONG REG_LEGAL_CHANGE_FILTER = 0x1000000f;

enum KEY_INFORMATION_CLASS {
    KeyBasicInformation = 0,
    KeyNodeInformation = 1,
    KeyFullInformation = 2,
    KeyNameInformation = 3,
    KeyCachedInformation = 4,
    KeyFlagsInformation = 5,
    KeyVirtualizationInformation = 6,
    KeyHandleTagsInformation = 7,
    KeyTrustInformation = 8,
    KeyLayerInformation = 9,
    MaxKeyInfoClass = 10,
};

enum KEY_VALUE_INFORMATION_CLASS {
    KeyValueBasicInformation = 0,
    KeyValueFullInformation = 1,
    KeyValuePartialInformation = 2,
    KeyValueFullInformationAlign64 = 3,
    KeyValuePartialInformationAlign64 = 4,
};

struct KEY_BASIC_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG NameLength;  // bytes
    WCHAR Name[1];
};
static_assert(offsetof(KEY_BASIC_INFORMATION, Name) == 16);

struct KEY_NODE_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG ClassOffset;
    ULONG ClassLength;
    ULONG NameLength;
    WCHAR Name[1];
};
static_assert(offsetof(KEY_NODE_INFORMATION, Name) == 24);

struct KEY_FULL_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG ClassOffset;
    ULONG ClassLength;
    ULONG SubKeys;
    ULONG MaxNameLen;  // bytes
    ULONG MaxClassLen;
    ULONG Values;
    ULONG MaxValueNameLen;  // bytes
    ULONG MaxValueDataLen;
    WCHAR Class[1];
};
static_assert(offsetof(KEY_FULL_INFORMATION, Class) == 44);

struct KEY_NAME_INFORMATION {
    ULONG NameLength;  // bytes
    WCHAR Name[1];     // the full name, \REGISTRY\...
};
static_assert(offsetof(KEY_NAME_INFORMATION, Name) == 4);

// KEY_FULL_INFORMATION's counts and the name's length, without the name
// (ntddk.h); Windows returns the whole structure or nothing.
struct KEY_CACHED_INFORMATION {
    LARGE_INTEGER LastWriteTime;
    ULONG TitleIndex;
    ULONG SubKeys;
    ULONG MaxNameLen;  // bytes
    ULONG Values;
    ULONG MaxValueNameLen;  // bytes
    ULONG MaxValueDataLen;
    ULONG NameLength;  // bytes
};
static_assert(sizeof(KEY_CACHED_INFORMATION) == 40);

// KeyFlagsInformation ("reserved for system use"): the key's kind and its
// WOW64 and control flags, as Windows 10's kernel defines them.
struct KEY_FLAGS_INFORMATION {
    ULONG Wow64Flags;
    ULONG KeyFlags;  // REG_FLAG_*
    ULONG ControlFlags;
};
constexpr ULONG REG_FLAG_VOLATILE = 0x1, REG_FLAG_LINK = 0x2;
static_assert(sizeof(KEY_FLAGS_INFORMATION) == 12);

// Bit fields of one ULONG each (ntddk.h): bit 0 is the first field.
struct KEY_VIRTUALIZATION_INFORMATION {
    ULONG Flags;  // VirtualizationCandidate, VirtualizationEnabled, VirtualTarget, VirtualStore, VirtualSource
};
struct KEY_HANDLE_TAGS_INFORMATION {
    ULONG HandleTags;
};
struct KEY_TRUST_INFORMATION {
    ULONG Flags;  // TrustedKey
};
struct KEY_LAYER_INFORMATION {
    ULONG Flags;  // IsTombstone, IsSupersedeLocal, IsSupersedeTree, ClassIsInherited
};

struct KEY_VALUE_BASIC_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG NameLength;
    WCHAR Name[1];
};
static_assert(offsetof(KEY_VALUE_BASIC_INFORMATION, Name) == 12);

struct KEY_VALUE_FULL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataOffset;
    ULONG DataLength;
    ULONG NameLength;
    WCHAR Name[1];
};
static_assert(offsetof(KEY_VALUE_FULL_INFORMATION, Name) == 20);

struct KEY_VALUE_PARTIAL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
};
static_assert(offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) == 12);

extern "C" {
WINAPI NTSTATUS NtCreateKey(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, ULONG title_index,
                            const UNICODE_STRING* class_name, ULONG options, ULONG* disposition);
WINAPI NTSTATUS NtOpenKeyEx(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes, ULONG options);
WINAPI NTSTATUS NtOpenKey(HANDLE* key, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes);
WINAPI NTSTATUS NtSetValueKey(HANDLE key, const UNICODE_STRING* name, ULONG title_index, ULONG type, const void* data,
                              ULONG size);
WINAPI NTSTATUS NtQueryValueKey(HANDLE key, const UNICODE_STRING* name, KEY_VALUE_INFORMATION_CLASS info_class,
                                void* info, ULONG length, ULONG* result_length);
WINAPI NTSTATUS NtEnumerateKey(HANDLE key, ULONG index, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                               ULONG* result_length);
WINAPI NTSTATUS NtEnumerateValueKey(HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                    ULONG length, ULONG* result_length);
WINAPI NTSTATUS NtQueryKey(HANDLE key, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                           ULONG* result_length);
WINAPI NTSTATUS NtDeleteKey(HANDLE key);
WINAPI NTSTATUS NtDeleteValueKey(HANDLE key, const UNICODE_STRING* name);
WINAPI NTSTATUS NtFlushKey(HANDLE key);
WINAPI NTSTATUS NtNotifyChangeKey(HANDLE key, HANDLE event, PIO_APC_ROUTINE apc, void* apc_context,
                                  IO_STATUS_BLOCK* io, ULONG filter, BOOLEAN subtree, void* buffer, ULONG length,
                                  BOOLEAN asynchronous);
WINAPI NTSTATUS NtNotifyChangeMultipleKeys(HANDLE key, ULONG count, OBJECT_ATTRIBUTES* subordinates, HANDLE event,
                                           PIO_APC_ROUTINE apc, void* apc_context, IO_STATUS_BLOCK* io, ULONG filter,
                                           BOOLEAN subtree, void* buffer, ULONG length, BOOLEAN asynchronous);
WINAPI NTSTATUS NtRenameKey(HANDLE key, UNICODE_STRING* new_name);
WINAPI NTSTATUS NtSaveKey(HANDLE key, HANDLE file);
WINAPI NTSTATUS NtSaveKeyEx(HANDLE key, HANDLE file, ULONG format);
WINAPI NTSTATUS NtReplaceKey(const OBJECT_ATTRIBUTES* new_file, HANDLE key, const OBJECT_ATTRIBUTES* old_file);
WINAPI NTSTATUS NtRestoreKey(HANDLE key, HANDLE file, ULONG flags);
WINAPI NTSTATUS NtLoadKey(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file);
WINAPI NTSTATUS NtLoadKey2(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file, ULONG flags);
WINAPI NTSTATUS NtLoadKeyEx(const OBJECT_ATTRIBUTES* target, const OBJECT_ATTRIBUTES* file, ULONG flags,
                            HANDLE trust_key, HANDLE event, ACCESS_MASK access, HANDLE* root_handle,
                            IO_STATUS_BLOCK* io);
WINAPI NTSTATUS NtUnloadKey(const OBJECT_ATTRIBUTES* target);
WINAPI NTSTATUS NtUnloadKey2(const OBJECT_ATTRIBUTES* target, ULONG flags);
WINAPI NTSTATUS NtUnloadKeyEx(const OBJECT_ATTRIBUTES* target, HANDLE event);
// Vine's own, for advapi32 (Windows has no Nt form of these): the subtree
// of `key` deleted in one server request (with keep_key, its subkeys and
// values only: RegDeleteTree without a subkey), and RegCopyTree's copy.
WINAPI NTSTATUS __vine_delete_key_tree(HANDLE key, BOOL keep_key);
WINAPI NTSTATUS __vine_copy_key_tree(HANDLE source, HANDLE target);
// HKEY_CLASSES_ROOT: the merged view of `user_classes` (a full path,
// "\Registry\User\SID\Software\Classes") over the machine's classes.
WINAPI NTSTATUS __vine_open_classes_root(HANDLE* key, ACCESS_MASK access, const UNICODE_STRING* user_classes);
}
