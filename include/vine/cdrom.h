// CD-ROM drives as data: the IOCTL_CDROM_* and IOCTL_STORAGE_* controls a
// program sends to \\.\D: and the structures they carry (ntddcdrm.h,
// ntddstor.h and winioctl.h layouts, from the Windows driver documentation).
// One definition for ntdll, which runs the controls on Linux's cdrom ioctls
// (dlls/ntdll/cdrom.cpp, cdrom_toc.cpp), and the layout test.
#pragma once

#include "vine/nt_file.h"
#include "vine/wintypes.h"

namespace vine::nt {

// CTL_CODE(device, function, METHOD_BUFFERED, access).
constexpr ULONG buffered_control(ULONG device, ULONG function, ULONG access) {
    return (device << 16) | (access << 14) | (function << 2);
}
constexpr ULONG FILE_DEVICE_MASS_STORAGE = 0x2d;
constexpr ULONG kAnyAccess = 0, kReadAccess = 1;

constexpr ULONG IOCTL_CDROM_READ_TOC = buffered_control(FILE_DEVICE_CD_ROM, 0x0000, kReadAccess),
                IOCTL_CDROM_GET_LAST_SESSION = buffered_control(FILE_DEVICE_CD_ROM, 0x000e, kReadAccess),
                IOCTL_CDROM_GET_DRIVE_GEOMETRY = buffered_control(FILE_DEVICE_CD_ROM, 0x0013, kReadAccess),
                IOCTL_CDROM_READ_TOC_EX = buffered_control(FILE_DEVICE_CD_ROM, 0x0015, kReadAccess),
                IOCTL_CDROM_CHECK_VERIFY = buffered_control(FILE_DEVICE_CD_ROM, 0x0200, kReadAccess),
                IOCTL_CDROM_MEDIA_REMOVAL = buffered_control(FILE_DEVICE_CD_ROM, 0x0201, kReadAccess),
                IOCTL_CDROM_EJECT_MEDIA = buffered_control(FILE_DEVICE_CD_ROM, 0x0202, kReadAccess),
                IOCTL_CDROM_LOAD_MEDIA = buffered_control(FILE_DEVICE_CD_ROM, 0x0203, kReadAccess);
constexpr ULONG IOCTL_STORAGE_CHECK_VERIFY = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0200, kReadAccess),
                IOCTL_STORAGE_CHECK_VERIFY2 = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0200, kAnyAccess),
                IOCTL_STORAGE_MEDIA_REMOVAL = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0201, kReadAccess),
                IOCTL_STORAGE_EJECT_MEDIA = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0202, kReadAccess),
                IOCTL_STORAGE_LOAD_MEDIA = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0203, kReadAccess),
                IOCTL_STORAGE_LOAD_MEDIA2 = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0203, kAnyAccess),
                IOCTL_STORAGE_GET_MEDIA_TYPES = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0300, kAnyAccess),
                IOCTL_STORAGE_GET_MEDIA_TYPES_EX = buffered_control(FILE_DEVICE_MASS_STORAGE, 0x0301, kAnyAccess);

constexpr ULONG MAXIMUM_NUMBER_TRACKS = 100, MINIMUM_CDROM_READ_TOC_EX_SIZE = 2;
constexpr UCHAR kLeadOutTrack = 0xaa;  // the TOC's last entry: where the lead-out starts

struct TRACK_DATA {
    UCHAR Reserved;
    UCHAR Control : 4;
    UCHAR Adr : 4;
    UCHAR TrackNumber;
    UCHAR Reserved1;
    UCHAR Address[4];  // MSF (0, M, S, F) or a big-endian LBA
};
struct CDROM_TOC {
    UCHAR Length[2];  // big-endian: the bytes after this field
    UCHAR FirstTrack;
    UCHAR LastTrack;
    TRACK_DATA TrackData[MAXIMUM_NUMBER_TRACKS];
};
struct CDROM_TOC_SESSION_DATA {
    UCHAR Length[2];
    UCHAR FirstCompleteSession;
    UCHAR LastCompleteSession;
    TRACK_DATA TrackData[1];
};
constexpr UCHAR CDROM_READ_TOC_EX_FORMAT_TOC = 0, CDROM_READ_TOC_EX_FORMAT_SESSION = 1,
                CDROM_READ_TOC_EX_FORMAT_FULL_TOC = 2, CDROM_READ_TOC_EX_FORMAT_PMA = 3,
                CDROM_READ_TOC_EX_FORMAT_ATIP = 4, CDROM_READ_TOC_EX_FORMAT_CDTEXT = 5;
struct CDROM_READ_TOC_EX {
    UCHAR Format : 4;
    UCHAR Reserved1 : 3;
    UCHAR Msf : 1;
    UCHAR SessionTrack;
    UCHAR Reserved2;
    UCHAR Reserved3;
};

// MEDIA_TYPE (winioctl.h): what DISK_GEOMETRY names.
constexpr ULONG RemovableMedia = 11;
struct DISK_GEOMETRY {
    LARGE_INTEGER Cylinders;
    ULONG MediaType;
    ULONG TracksPerCylinder;
    ULONG SectorsPerTrack;
    ULONG BytesPerSector;
};
// STORAGE_MEDIA_TYPE: DDS_4mm is 0x20, CD_ROM the 20th after it.
constexpr ULONG CD_ROM = 0x33;
constexpr ULONG MEDIA_READ_ONLY = 0x4, MEDIA_CURRENTLY_MOUNTED = 0x80000000;
struct DEVICE_MEDIA_INFO {
    union {
        struct {
            LARGE_INTEGER Cylinders;
            ULONG MediaType;
            ULONG TracksPerCylinder;
            ULONG SectorsPerTrack;
            ULONG BytesPerSector;
            ULONG NumberMediaSides;
            ULONG MediaCharacteristics;
        } DiskInfo, RemovableDiskInfo;
    } DeviceSpecific;
};
struct GET_MEDIA_TYPES {
    ULONG DeviceType;
    ULONG MediaInfoCount;
    DEVICE_MEDIA_INFO MediaInfo[1];
};
struct PREVENT_MEDIA_REMOVAL {
    BOOLEAN PreventMediaRemoval;
};

static_assert(sizeof(TRACK_DATA) == 8 && sizeof(CDROM_TOC) == 804 && sizeof(CDROM_READ_TOC_EX) == 4);

}  // namespace vine::nt
