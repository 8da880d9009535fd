// FILE_INFO_BY_HANDLE_CLASS, the classes of Get/SetFileInformationByHandle
// (values from the documentation), shared by their two files.
#pragma once

#include "vine/wintypes.h"

namespace kernel32 {

enum FileInfoClass : DWORD {
    FileBasicInfo = 0,
    FileStandardInfo = 1,
    FileNameInfo = 2,
    FileRenameInfo = 3,
    FileDispositionInfo = 4,
    FileAllocationInfo = 5,
    FileEndOfFileInfo = 6,
    FileAttributeTagInfo = 9,
    FileIdBothDirectoryInfo = 10,
    FileIdBothDirectoryRestartInfo = 11,
    FileIoPriorityHintInfo = 12,
    FileFullDirectoryInfo = 14,
    FileFullDirectoryRestartInfo = 15,
    FileDispositionInfoEx = 21,
    FileRenameInfoEx = 22,
};

// A buffer smaller than the class's structure.

}  // namespace kernel32
