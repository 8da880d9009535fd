// The NT file API as data: access rights, create options and dispositions,
// information classes and their FILE_*_INFORMATION layouts (values and
// layouts from the Windows driver documentation, wdm.h/ntifs.h). One
// definition for ntdll, which implements them, and the DLLs that call it.
#pragma once

#include <cstddef>

#include "vine/ntdll_exports.h"
#include "vine/wintypes.h"

namespace vine::nt {

// ---- access rights ----
constexpr ACCESS_MASK FILE_READ_DATA = 0x1, FILE_LIST_DIRECTORY = 0x1;
constexpr ACCESS_MASK FILE_WRITE_DATA = 0x2, FILE_ADD_FILE = 0x2;
constexpr ACCESS_MASK FILE_APPEND_DATA = 0x4, FILE_ADD_SUBDIRECTORY = 0x4;
constexpr ACCESS_MASK FILE_READ_EA = 0x8, FILE_WRITE_EA = 0x10;
constexpr ACCESS_MASK FILE_EXECUTE = 0x20, FILE_TRAVERSE = 0x20, FILE_DELETE_CHILD = 0x40;
constexpr ACCESS_MASK FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100;
constexpr ACCESS_MASK DELETE = 0x10000, READ_CONTROL = 0x20000, WRITE_DAC = 0x40000, WRITE_OWNER = 0x80000;
constexpr ACCESS_MASK SYNCHRONIZE = 0x100000;
constexpr ACCESS_MASK MAXIMUM_ALLOWED = 0x02000000;
constexpr ACCESS_MASK GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000, GENERIC_EXECUTE = 0x20000000,
                      GENERIC_ALL = 0x10000000;
constexpr ACCESS_MASK FILE_GENERIC_READ = 0x120089, FILE_GENERIC_WRITE = 0x120116, FILE_GENERIC_EXECUTE = 0x1200a0,
                      FILE_ALL_ACCESS = 0x1f01ff;

// Generic rights as the file object's generic mapping turns them into
// specific ones (what NtQueryInformationFile(FileAccessInformation) shows).
constexpr ACCESS_MASK map_generic_file_rights(ACCESS_MASK access) {
    ACCESS_MASK rights = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
    if (access & GENERIC_READ) rights |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE) rights |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE) rights |= FILE_GENERIC_EXECUTE;
    if (access & GENERIC_ALL) rights |= FILE_ALL_ACCESS;
    return rights;
}

constexpr ULONG FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;

// ---- NtCreateFile dispositions and the Information they report ----
constexpr ULONG FILE_SUPERSEDE = 0, FILE_OPEN = 1, FILE_CREATE = 2, FILE_OPEN_IF = 3, FILE_OVERWRITE = 4,
                FILE_OVERWRITE_IF = 5;
constexpr ULONG_PTR FILE_SUPERSEDED = 0, FILE_OPENED = 1, FILE_CREATED = 2, FILE_OVERWRITTEN = 3,
                    FILE_EXISTS = 4, FILE_DOES_NOT_EXIST = 5;

// ---- create options ----
constexpr ULONG FILE_DIRECTORY_FILE = 0x1, FILE_WRITE_THROUGH = 0x2, FILE_SEQUENTIAL_ONLY = 0x4,
                FILE_NO_INTERMEDIATE_BUFFERING = 0x8, FILE_SYNCHRONOUS_IO_ALERT = 0x10,
                FILE_SYNCHRONOUS_IO_NONALERT = 0x20, FILE_NON_DIRECTORY_FILE = 0x40,
                FILE_CREATE_TREE_CONNECTION = 0x80, FILE_COMPLETE_IF_OPLOCKED = 0x100, FILE_NO_EA_KNOWLEDGE = 0x200,
                FILE_OPEN_REMOTE_INSTANCE = 0x400, FILE_RANDOM_ACCESS = 0x800, FILE_DELETE_ON_CLOSE = 0x1000,
                FILE_OPEN_BY_FILE_ID = 0x2000, FILE_OPEN_FOR_BACKUP_INTENT = 0x4000,
                FILE_NO_COMPRESSION = 0x8000, FILE_OPEN_REQUIRING_OPLOCK = 0x10000,
                FILE_RESERVE_OPFILTER = 0x100000, FILE_OPEN_REPARSE_POINT = 0x200000,
                FILE_OPEN_NO_RECALL = 0x400000, FILE_OPEN_FOR_FREE_SPACE_QUERY = 0x800000;
constexpr ULONG FILE_VALID_OPTION_FLAGS = 0x00ffffff;

// ---- attributes ----
constexpr ULONG FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_HIDDEN = 0x2, FILE_ATTRIBUTE_SYSTEM = 0x4,
                FILE_ATTRIBUTE_DIRECTORY = 0x10, FILE_ATTRIBUTE_ARCHIVE = 0x20, FILE_ATTRIBUTE_DEVICE = 0x40,
                FILE_ATTRIBUTE_NORMAL = 0x80, FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

// NtReadFile/NtWriteFile's ByteOffset values that mean "no offset".
constexpr LONGLONG FILE_WRITE_TO_END_OF_FILE = -1;   // 0xffffffff'ffffffff: append
constexpr LONGLONG FILE_USE_FILE_POINTER_POSITION = -2;  // 0xffffffff'fffffffe

// ---- information classes (FILE_INFORMATION_CLASS) ----
enum FileInformationClass : ULONG {
    FileDirectoryInformation = 1,
    FileFullDirectoryInformation = 2,
    FileBothDirectoryInformation = 3,
    FileBasicInformation = 4,
    FileStandardInformation = 5,
    FileInternalInformation = 6,
    FileEaInformation = 7,
    FileAccessInformation = 8,
    FileNameInformation = 9,
    FileRenameInformation = 10,
    FileLinkInformation = 11,
    FileNamesInformation = 12,
    FileDispositionInformation = 13,
    FilePositionInformation = 14,
    FileModeInformation = 16,
    FileAlignmentInformation = 17,
    FileAllInformation = 18,
    FileAllocationInformation = 19,
    FileEndOfFileInformation = 20,
    FileStreamInformation = 22,
    FilePipeInformation = 23,
    FilePipeLocalInformation = 24,
    FileCompletionInformation = 30,
    FileNetworkOpenInformation = 34,
    FileAttributeTagInformation = 35,
    FileIdBothDirectoryInformation = 37,
    FileIdFullDirectoryInformation = 38,
    FileIoCompletionNotificationInformation = 41,
    FileNormalizedNameInformation = 48,
    FileIdInformation = 59,
    FileDispositionInformationEx = 64,
    FileRenameInformationEx = 65,
};

// ---- NtQueryObject ----
enum ObjectInformationClass : ULONG {
    ObjectNameInformation = 1,
};
// The object's full NT name; the characters follow the structure in the
// caller's buffer.
struct OBJECT_NAME_INFORMATION {
    UNICODE_STRING Name;
};
static_assert(sizeof(OBJECT_NAME_INFORMATION) == 16);

// ---- completion ports and named pipes ----
struct FILE_COMPLETION_INFORMATION {
    HANDLE Port;
    PVOID Key;
};
static_assert(sizeof(FILE_COMPLETION_INFORMATION) == 16);
struct FILE_IO_COMPLETION_NOTIFICATION_INFORMATION {
    ULONG Flags;  // FILE_SKIP_*
};
struct FILE_PIPE_INFORMATION {
    ULONG ReadMode;        // FILE_PIPE_BYTE_STREAM_MODE / FILE_PIPE_MESSAGE_MODE
    ULONG CompletionMode;  // FILE_PIPE_QUEUE_OPERATION / FILE_PIPE_COMPLETE_OPERATION
};
struct FILE_PIPE_LOCAL_INFORMATION {
    ULONG NamedPipeType, NamedPipeConfiguration, MaximumInstances, CurrentInstances, InboundQuota,
        ReadDataAvailable, OutboundQuota, WriteQuotaAvailable, NamedPipeState, NamedPipeEnd;
};
static_assert(sizeof(FILE_PIPE_LOCAL_INFORMATION) == 40);
struct FILE_PIPE_PEEK_BUFFER {
    ULONG NamedPipeState, ReadDataAvailable, NumberOfMessages, MessageLength;
    CHAR Data[1];
};
struct FILE_PIPE_WAIT_FOR_BUFFER {
    LARGE_INTEGER Timeout;
    ULONG NameLength;
    BOOLEAN TimeoutSpecified;
    WCHAR Name[1];
};
constexpr ULONG FILE_PIPE_BYTE_STREAM_TYPE = 0, FILE_PIPE_MESSAGE_TYPE = 1;
constexpr ULONG FILE_PIPE_BYTE_STREAM_MODE = 0, FILE_PIPE_MESSAGE_MODE = 1;
constexpr ULONG FILE_PIPE_QUEUE_OPERATION = 0, FILE_PIPE_COMPLETE_OPERATION = 1;
constexpr ULONG FILE_PIPE_INBOUND = 0, FILE_PIPE_OUTBOUND = 1, FILE_PIPE_FULL_DUPLEX = 2;
constexpr ULONG FILE_PIPE_DISCONNECTED_STATE = 1, FILE_PIPE_LISTENING_STATE = 2, FILE_PIPE_CONNECTED_STATE = 3,
                FILE_PIPE_CLOSING_STATE = 4;
constexpr ULONG FILE_PIPE_CLIENT_END = 0, FILE_PIPE_SERVER_END = 1;
// FSCTL_PIPE_* (CTL_CODE(FILE_DEVICE_NAMED_PIPE, ...)).
constexpr ULONG FSCTL_PIPE_DISCONNECT = 0x110004, FSCTL_PIPE_LISTEN = 0x110008, FSCTL_PIPE_PEEK = 0x11400c,
                FSCTL_PIPE_TRANSCEIVE = 0x11c017, FSCTL_PIPE_WAIT = 0x110018, FSCTL_PIPE_IMPERSONATE = 0x11001c,
                FSCTL_PIPE_GET_CONNECTION_ATTRIBUTE = 0x110030;

struct FILE_BASIC_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
    ULONG FileAttributes;
};
static_assert(sizeof(FILE_BASIC_INFORMATION) == 40);

struct FILE_STANDARD_INFORMATION {
    LARGE_INTEGER AllocationSize, EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending, Directory;
};
static_assert(sizeof(FILE_STANDARD_INFORMATION) == 24);

struct FILE_INTERNAL_INFORMATION {
    LARGE_INTEGER IndexNumber;
};
struct FILE_EA_INFORMATION {
    ULONG EaSize;
};
struct FILE_ACCESS_INFORMATION {
    ACCESS_MASK AccessFlags;
};
struct FILE_POSITION_INFORMATION {
    LARGE_INTEGER CurrentByteOffset;
};
struct FILE_MODE_INFORMATION {
    ULONG Mode;
};
struct FILE_ALIGNMENT_INFORMATION {
    ULONG AlignmentRequirement;
};
struct FILE_NAME_INFORMATION {
    ULONG FileNameLength;  // bytes
    WCHAR FileName[1];
};
static_assert(sizeof(FILE_NAME_INFORMATION) == 8);

struct FILE_ALL_INFORMATION {
    FILE_BASIC_INFORMATION BasicInformation;
    FILE_STANDARD_INFORMATION StandardInformation;
    FILE_INTERNAL_INFORMATION InternalInformation;
    FILE_EA_INFORMATION EaInformation;
    FILE_ACCESS_INFORMATION AccessInformation;
    FILE_POSITION_INFORMATION PositionInformation;
    FILE_MODE_INFORMATION ModeInformation;
    FILE_ALIGNMENT_INFORMATION AlignmentInformation;
    FILE_NAME_INFORMATION NameInformation;
};
static_assert(sizeof(FILE_ALL_INFORMATION) == 104);
static_assert(offsetof(FILE_ALL_INFORMATION, NameInformation) == 96);

struct FILE_END_OF_FILE_INFORMATION {
    LARGE_INTEGER EndOfFile;
};
struct FILE_ALLOCATION_INFORMATION {
    LARGE_INTEGER AllocationSize;
};

struct FILE_NETWORK_OPEN_INFORMATION {
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndOfFile;
    ULONG FileAttributes;
};
static_assert(sizeof(FILE_NETWORK_OPEN_INFORMATION) == 56);

struct FILE_ATTRIBUTE_TAG_INFORMATION {
    ULONG FileAttributes, ReparseTag;
};

struct FILE_ID_128 {
    BYTE Identifier[16];
};
struct FILE_ID_INFORMATION {
    ULONGLONG VolumeSerialNumber;
    FILE_ID_128 FileId;
};
static_assert(sizeof(FILE_ID_INFORMATION) == 24);
// One data stream of a file; entries follow one another at NextEntryOffset
// (0 on the last), each name ("::$DATA", ":name:$DATA") in place.
struct FILE_STREAM_INFORMATION {
    ULONG NextEntryOffset, StreamNameLength;  // bytes
    LARGE_INTEGER StreamSize, StreamAllocationSize;
    WCHAR StreamName[1];
};
static_assert(offsetof(FILE_STREAM_INFORMATION, StreamName) == 24);

struct FILE_DISPOSITION_INFORMATION {
    BOOLEAN DeleteFile;
};
constexpr ULONG FILE_DISPOSITION_DO_NOT_DELETE = 0, FILE_DISPOSITION_DELETE = 1,
                FILE_DISPOSITION_POSIX_SEMANTICS = 2, FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK = 4,
                FILE_DISPOSITION_ON_CLOSE = 8, FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE = 0x10;
struct FILE_DISPOSITION_INFORMATION_EX {
    ULONG Flags;
};

// FileRenameInformation's first member is a BOOLEAN, FileRenameInformationEx's
// a ULONG of flags; the layout is otherwise the same (the union Windows'
// headers declare).
constexpr ULONG FILE_RENAME_REPLACE_IF_EXISTS = 1, FILE_RENAME_POSIX_SEMANTICS = 2,
                FILE_RENAME_IGNORE_READONLY_ATTRIBUTE = 0x40;
struct FILE_RENAME_INFORMATION {
    union {
        BOOLEAN ReplaceIfExists;
        ULONG Flags;
    };
    HANDLE RootDirectory;
    ULONG FileNameLength;  // bytes
    WCHAR FileName[1];
};
static_assert(sizeof(FILE_RENAME_INFORMATION) == 24);
static_assert(offsetof(FILE_RENAME_INFORMATION, FileName) == 20);

// ---- directory listings (NtQueryDirectoryFile) ----
// Every class starts with NextEntryOffset and FileIndex; the ones with
// times and sizes share this header. The name's offset is per class.
struct FILE_DIRECTORY_HEADER {
    ULONG NextEntryOffset, FileIndex;
    LARGE_INTEGER CreationTime, LastAccessTime, LastWriteTime, ChangeTime, EndOfFile, AllocationSize;
    ULONG FileAttributes, FileNameLength;
};
static_assert(sizeof(FILE_DIRECTORY_HEADER) == 64);
constexpr ULONG kDirectoryNameOffset = 64;      // FILE_DIRECTORY_INFORMATION.FileName
constexpr ULONG kFullNameOffset = 68;           // FILE_FULL_DIR_INFORMATION.FileName (after EaSize)
constexpr ULONG kBothShortLengthOffset = 68;    // FILE_BOTH_DIR_INFORMATION.ShortNameLength
constexpr ULONG kBothShortNameOffset = 70;      // .ShortName[12]
constexpr ULONG kBothNameOffset = 94;           // .FileName
constexpr ULONG kIdBothFileIdOffset = 96;       // FILE_ID_BOTH_DIR_INFORMATION.FileId
constexpr ULONG kIdBothNameOffset = 104;        // .FileName
constexpr ULONG kIdFullFileIdOffset = 72;       // FILE_ID_FULL_DIR_INFORMATION.FileId
constexpr ULONG kIdFullNameOffset = 80;         // .FileName
constexpr ULONG kNamesNameOffset = 12;          // FILE_NAMES_INFORMATION.FileName (after FileNameLength)
constexpr ULONG SL_RESTART_SCAN = 1, SL_RETURN_SINGLE_ENTRY = 2;

// ---- volume information (NtQueryVolumeInformationFile) ----
enum FsInformationClass : ULONG {
    FileFsVolumeInformation = 1,
    FileFsSizeInformation = 3,
    FileFsDeviceInformation = 4,
    FileFsAttributeInformation = 5,
    FileFsFullSizeInformation = 7,
};
constexpr ULONG FILE_DEVICE_CD_ROM = 0x2, FILE_DEVICE_DISK = 0x7, FILE_DEVICE_NAMED_PIPE = 0x11,
                FILE_DEVICE_NULL = 0x15, FILE_DEVICE_SERIAL_PORT = 0x1b, FILE_DEVICE_UNKNOWN = 0x22,
                FILE_DEVICE_CONSOLE = 0x50;
constexpr ULONG FILE_REMOVABLE_MEDIA = 0x1, FILE_REMOTE_DEVICE = 0x10, FILE_DEVICE_IS_MOUNTED = 0x20;
constexpr ULONG FILE_CASE_SENSITIVE_SEARCH = 0x1, FILE_CASE_PRESERVED_NAMES = 0x2, FILE_UNICODE_ON_DISK = 0x4,
                FILE_PERSISTENT_ACLS = 0x8, FILE_SUPPORTS_HARD_LINKS = 0x400000,
                FILE_SUPPORTS_POSIX_UNLINK_RENAME = 0x400;

struct FILE_FS_VOLUME_INFORMATION {
    LARGE_INTEGER VolumeCreationTime;
    ULONG VolumeSerialNumber;
    ULONG VolumeLabelLength;  // bytes
    BOOLEAN SupportsObjects;
    WCHAR VolumeLabel[1];
};
static_assert(sizeof(FILE_FS_VOLUME_INFORMATION) == 24 && offsetof(FILE_FS_VOLUME_INFORMATION, VolumeLabel) == 18);
struct FILE_FS_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits, AvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit, BytesPerSector;
};
static_assert(sizeof(FILE_FS_SIZE_INFORMATION) == 24);
struct FILE_FS_DEVICE_INFORMATION {
    ULONG DeviceType, Characteristics;
};
struct FILE_FS_ATTRIBUTE_INFORMATION {
    ULONG FileSystemAttributes;
    LONG MaximumComponentNameLength;
    ULONG FileSystemNameLength;  // bytes
    WCHAR FileSystemName[1];
};
static_assert(sizeof(FILE_FS_ATTRIBUTE_INFORMATION) == 16);
struct FILE_FS_FULL_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits, CallerAvailableAllocationUnits, ActualAvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit, BytesPerSector;
};
static_assert(sizeof(FILE_FS_FULL_SIZE_INFORMATION) == 32);

// NtNotifyChangeDirectoryFile's records (ReadDirectoryChangesW's), each
// at a 4-byte boundary; NextEntryOffset 0 ends the list.
struct FILE_NOTIFY_INFORMATION {
    ULONG NextEntryOffset;
    ULONG Action;  // FILE_ACTION_*
    ULONG FileNameLength;  // bytes
    WCHAR FileName[1];
};
static_assert(sizeof(FILE_NOTIFY_INFORMATION) == 16);
constexpr ULONG FILE_ACTION_ADDED = 1, FILE_ACTION_REMOVED = 2, FILE_ACTION_MODIFIED = 3,
                FILE_ACTION_RENAMED_OLD_NAME = 4, FILE_ACTION_RENAMED_NEW_NAME = 5;
constexpr ULONG FILE_NOTIFY_CHANGE_FILE_NAME = 0x1, FILE_NOTIFY_CHANGE_DIR_NAME = 0x2,
                FILE_NOTIFY_CHANGE_ATTRIBUTES = 0x4, FILE_NOTIFY_CHANGE_SIZE = 0x8,
                FILE_NOTIFY_CHANGE_LAST_WRITE = 0x10, FILE_NOTIFY_CHANGE_LAST_ACCESS = 0x20,
                FILE_NOTIFY_CHANGE_CREATION = 0x40, FILE_NOTIFY_CHANGE_SECURITY = 0x100;

}  // namespace vine::nt

// The ntdll file exports other builtins call.
extern "C" {
WINAPI NTSTATUS NtCreateFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                             IO_STATUS_BLOCK* io, const LARGE_INTEGER* allocation, ULONG file_attributes,
                             ULONG sharing, ULONG disposition, ULONG options, PVOID ea_buffer, ULONG ea_length);
WINAPI NTSTATUS NtOpenFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                           IO_STATUS_BLOCK* io, ULONG sharing, ULONG options);
WINAPI NTSTATUS NtReadFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io,
                           PVOID buffer, ULONG length, const LARGE_INTEGER* offset, const ULONG* key);
WINAPI NTSTATUS NtWriteFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io,
                            const void* buffer, ULONG length, const LARGE_INTEGER* offset, const ULONG* key);
WINAPI NTSTATUS NtFlushBuffersFile(HANDLE file, IO_STATUS_BLOCK* io);
WINAPI NTSTATUS NtDeleteFile(const OBJECT_ATTRIBUTES* attributes);
// Vine's ntdll, for DeleteFileW: NtDeleteFile of a file, not a directory
// (STATUS_FILE_IS_A_DIRECTORY).
WINAPI NTSTATUS __vine_delete_file(const OBJECT_ATTRIBUTES* attributes);
// Vine's ntdll, for a DLL's own opens within one call: NtCreateFile (no
// allocation size or extended attributes) giving a private handle, which
// costs no server round trip for a directory and one for a regular file
// (dlls/ntdll/file_create.cpp). Only for handles that never reach the program.
WINAPI NTSTATUS __vine_create_private_file(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                           IO_STATUS_BLOCK* io, ULONG file_attributes, ULONG sharing,
                                           ULONG disposition, ULONG options);
WINAPI NTSTATUS NtQueryObject(HANDLE handle, ULONG info_class, void* buffer, ULONG length, ULONG* returned);
WINAPI NTSTATUS NtQueryAttributesFile(const OBJECT_ATTRIBUTES* attributes, vine::nt::FILE_BASIC_INFORMATION* info);
WINAPI NTSTATUS NtQueryFullAttributesFile(const OBJECT_ATTRIBUTES* attributes,
                                          vine::nt::FILE_NETWORK_OPEN_INFORMATION* info);
WINAPI NTSTATUS NtQueryInformationFile(HANDLE file, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                       ULONG info_class);
WINAPI NTSTATUS NtQueryVolumeInformationFile(HANDLE file, IO_STATUS_BLOCK* io, void* buffer, ULONG length,
                                             ULONG info_class);
WINAPI NTSTATUS NtQueryDirectoryFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                     IO_STATUS_BLOCK* io, void* buffer, ULONG length, ULONG info_class,
                                     BOOLEAN single_entry, const UNICODE_STRING* mask, BOOLEAN restart);
WINAPI NTSTATUS NtQueryDirectoryFileEx(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                       IO_STATUS_BLOCK* io, void* buffer, ULONG length, ULONG info_class,
                                       ULONG flags, const UNICODE_STRING* mask);
WINAPI NTSTATUS NtSetInformationFile(HANDLE file, IO_STATUS_BLOCK* io, const void* buffer, ULONG length,
                                     ULONG info_class);
WINAPI NTSTATUS NtFsControlFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io,
                                ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size);
WINAPI NTSTATUS NtDeviceIoControlFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                      IO_STATUS_BLOCK* io, ULONG code, PVOID in, ULONG in_size, PVOID out,
                                      ULONG out_size);
WINAPI NTSTATUS NtCreateNamedPipeFile(HANDLE* handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES* attributes,
                                      IO_STATUS_BLOCK* io, ULONG sharing, ULONG disposition, ULONG options,
                                      ULONG pipe_type, ULONG read_mode, ULONG completion_mode, ULONG max_instances,
                                      ULONG inbound_quota, ULONG outbound_quota, const LARGE_INTEGER* timeout);
WINAPI NTSTATUS NtLockFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context, IO_STATUS_BLOCK* io,
                           const LARGE_INTEGER* offset, const LARGE_INTEGER* length, ULONG key,
                           BOOLEAN fail_immediately, BOOLEAN exclusive);
WINAPI NTSTATUS NtUnlockFile(HANDLE file, IO_STATUS_BLOCK* io, const LARGE_INTEGER* offset,
                             const LARGE_INTEGER* length, ULONG key);
WINAPI NTSTATUS NtNotifyChangeDirectoryFile(HANDLE file, HANDLE event, PIO_APC_ROUTINE apc, PVOID apc_context,
                                            IO_STATUS_BLOCK* io, PVOID buffer, ULONG length, ULONG filter,
                                            BOOLEAN watch_tree);
WINAPI NTSTATUS NtCancelIoFile(HANDLE file, IO_STATUS_BLOCK* io);
WINAPI NTSTATUS NtCancelIoFileEx(HANDLE file, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io);
WINAPI NTSTATUS NtCancelSynchronousIoFile(HANDLE thread, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io);
}
