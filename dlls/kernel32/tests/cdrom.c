/* CD-ROM drives: R: is a CD-ROM drive whose device is not there
 * (cdrom_drive.sh links dosdevices/r: to a mount point and r:: to a
 * missing /dev/srN). GetDriveTypeW says DRIVE_CDROM; \\.\R: opens; the
 * IOCTL_CDROM_* and IOCTL_STORAGE_* controls check their buffers as
 * Windows' cdrom driver does (ERROR_INSUFFICIENT_BUFFER, ERROR_BAD_LENGTH,
 * ERROR_INVALID_PARAMETER) and then report ERROR_NOT_READY for the drive
 * that cannot answer; a hard disk's volume, and a file on it, have no
 * CD-ROM controls (ERROR_INVALID_FUNCTION). Wine 8 cannot cross-check
 * this: it takes such a letter for a fixed disk. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <winioctl.h>
#include <ntddcdrm.h>
#include "vinetest.h"

/* ntddcdrm.h's, which mingw-w64's header lacks. */
#ifndef IOCTL_CDROM_MEDIA_REMOVAL
#define IOCTL_CDROM_MEDIA_REMOVAL CTL_CODE(IOCTL_CDROM_BASE, 0x0201, METHOD_BUFFERED, FILE_READ_ACCESS)
#endif
#ifndef IOCTL_CDROM_EJECT_MEDIA
#define IOCTL_CDROM_EJECT_MEDIA CTL_CODE(IOCTL_CDROM_BASE, 0x0202, METHOD_BUFFERED, FILE_READ_ACCESS)
#endif

static HANDLE drive;

/* DeviceIoControl fails with `error`. */
static void fails_with(const char *what, DWORD code, void *in, DWORD in_size, void *out, DWORD out_size, DWORD error)
{
    DWORD returned = 0xdead;
    BOOL result;
    SetLastError(0);
    result = DeviceIoControl(drive, code, in, in_size, out, out_size, &returned, NULL);
    ok(!result && GetLastError() == error, "%s: %d, error %lu (wanted %lu)", what, result, GetLastError(), error);
}

static void test_drive_type(void)
{
    ok(GetDriveTypeW(L"R:\\") == DRIVE_CDROM, "GetDriveTypeW(R:\\): %u", GetDriveTypeW(L"R:\\"));
    ok(GetDriveTypeW(L"R:") == DRIVE_CDROM, "GetDriveTypeW(R:): %u", GetDriveTypeW(L"R:"));
    ok(GetDriveTypeW(L"C:\\") == DRIVE_FIXED, "GetDriveTypeW(C:\\): %u", GetDriveTypeW(L"C:\\"));
    ok(GetLogicalDrives() & (1u << ('R' - 'A')), "R: is a logical drive: %lx", GetLogicalDrives());
}

/* The parameters are checked before the drive is asked. */
static void test_validation(void)
{
    CDROM_TOC toc;
    CDROM_READ_TOC_EX ex;
    DISK_GEOMETRY geometry;
    GET_MEDIA_TYPES types;
    PREVENT_MEDIA_REMOVAL removal = {TRUE};
    ULONG changes = 0;

    fails_with("READ_TOC short of a CDROM_TOC", IOCTL_CDROM_READ_TOC, NULL, 0, &toc, sizeof toc - 1,
               ERROR_INSUFFICIENT_BUFFER);
    memset(&ex, 0, sizeof ex);
    fails_with("READ_TOC_EX short input", IOCTL_CDROM_READ_TOC_EX, &ex, 2, &toc, sizeof toc, ERROR_BAD_LENGTH);
    fails_with("READ_TOC_EX one byte out", IOCTL_CDROM_READ_TOC_EX, &ex, sizeof ex, &toc, 1,
               ERROR_INSUFFICIENT_BUFFER);
    ex.Reserved2 = 1;
    fails_with("READ_TOC_EX reserved byte", IOCTL_CDROM_READ_TOC_EX, &ex, sizeof ex, &toc, sizeof toc,
               ERROR_INVALID_PARAMETER);
    memset(&ex, 0, sizeof ex);
    ex.Format = 6;
    fails_with("READ_TOC_EX format 6", IOCTL_CDROM_READ_TOC_EX, &ex, sizeof ex, &toc, sizeof toc,
               ERROR_INVALID_PARAMETER);
    ex.Format = CDROM_READ_TOC_EX_FORMAT_SESSION;
    ex.SessionTrack = 1;
    fails_with("READ_TOC_EX session with a track", IOCTL_CDROM_READ_TOC_EX, &ex, sizeof ex, &toc, sizeof toc,
               ERROR_INVALID_PARAMETER);
    fails_with("GET_DRIVE_GEOMETRY short", IOCTL_CDROM_GET_DRIVE_GEOMETRY, NULL, 0, &geometry, sizeof geometry - 1,
               ERROR_INSUFFICIENT_BUFFER);
    fails_with("GET_MEDIA_TYPES_EX short", IOCTL_STORAGE_GET_MEDIA_TYPES_EX, NULL, 0, &types, sizeof types - 1,
               ERROR_INSUFFICIENT_BUFFER);
    fails_with("GET_MEDIA_TYPES short", IOCTL_STORAGE_GET_MEDIA_TYPES, NULL, 0, &geometry, sizeof geometry - 1,
               ERROR_INSUFFICIENT_BUFFER);
    fails_with("MEDIA_REMOVAL without input", IOCTL_STORAGE_MEDIA_REMOVAL, NULL, 0, NULL, 0, ERROR_BAD_LENGTH);
    fails_with("CDROM_MEDIA_REMOVAL without input", IOCTL_CDROM_MEDIA_REMOVAL, NULL, 0, NULL, 0, ERROR_BAD_LENGTH);
    fails_with("CHECK_VERIFY short count", IOCTL_STORAGE_CHECK_VERIFY, NULL, 0, &changes, 2,
               ERROR_INSUFFICIENT_BUFFER);
    (void)removal;
}

/* Well-formed controls reach a drive that is not there: not ready. */
static void test_no_drive(void)
{
    CDROM_TOC toc;
    CDROM_READ_TOC_EX ex;
    CDROM_TOC_SESSION_DATA session;
    DISK_GEOMETRY geometry;
    GET_MEDIA_TYPES types;
    PREVENT_MEDIA_REMOVAL removal = {TRUE};
    ULONG changes = 0;

    fails_with("READ_TOC", IOCTL_CDROM_READ_TOC, NULL, 0, &toc, sizeof toc, ERROR_NOT_READY);
    memset(&ex, 0, sizeof ex);
    ex.Format = CDROM_READ_TOC_EX_FORMAT_TOC;
    ex.Msf = 1;
    ex.SessionTrack = 1;
    fails_with("READ_TOC_EX", IOCTL_CDROM_READ_TOC_EX, &ex, sizeof ex, &toc, sizeof toc, ERROR_NOT_READY);
    fails_with("GET_LAST_SESSION", IOCTL_CDROM_GET_LAST_SESSION, NULL, 0, &session, sizeof session, ERROR_NOT_READY);
    fails_with("GET_DRIVE_GEOMETRY", IOCTL_CDROM_GET_DRIVE_GEOMETRY, NULL, 0, &geometry, sizeof geometry,
               ERROR_NOT_READY);
    fails_with("GET_MEDIA_TYPES_EX", IOCTL_STORAGE_GET_MEDIA_TYPES_EX, NULL, 0, &types, sizeof types,
               ERROR_NOT_READY);
    fails_with("STORAGE_CHECK_VERIFY", IOCTL_STORAGE_CHECK_VERIFY, NULL, 0, NULL, 0, ERROR_NOT_READY);
    fails_with("STORAGE_CHECK_VERIFY2 with a count", IOCTL_STORAGE_CHECK_VERIFY2, NULL, 0, &changes, sizeof changes,
               ERROR_NOT_READY);
    fails_with("CDROM_CHECK_VERIFY", IOCTL_CDROM_CHECK_VERIFY, NULL, 0, NULL, 0, ERROR_NOT_READY);
    fails_with("STORAGE_EJECT_MEDIA", IOCTL_STORAGE_EJECT_MEDIA, NULL, 0, NULL, 0, ERROR_NOT_READY);
    fails_with("CDROM_EJECT_MEDIA", IOCTL_CDROM_EJECT_MEDIA, NULL, 0, NULL, 0, ERROR_NOT_READY);
    fails_with("STORAGE_LOAD_MEDIA", IOCTL_STORAGE_LOAD_MEDIA, NULL, 0, NULL, 0, ERROR_NOT_READY);
    fails_with("STORAGE_MEDIA_REMOVAL", IOCTL_STORAGE_MEDIA_REMOVAL, &removal, sizeof removal, NULL, 0,
               ERROR_NOT_READY);
    fails_with("CDROM_MEDIA_REMOVAL", IOCTL_CDROM_MEDIA_REMOVAL, &removal, sizeof removal, NULL, 0, ERROR_NOT_READY);
}

/* A volume that is no CD-ROM drive, and a file, have no CD controls. */
static void test_not_a_cdrom(void)
{
    CDROM_TOC toc;
    HANDLE saved = drive;
    drive = CreateFileW(L"\\\\.\\C:", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(drive != INVALID_HANDLE_VALUE, "open \\\\.\\C:: %lu", GetLastError());
    if (drive != INVALID_HANDLE_VALUE) {
        fails_with("READ_TOC on C:", IOCTL_CDROM_READ_TOC, NULL, 0, &toc, sizeof toc, ERROR_INVALID_FUNCTION);
        CloseHandle(drive);
    }
    drive = CreateFileA("cdrom_plain.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                        FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(drive != INVALID_HANDLE_VALUE, "create a file: %lu", GetLastError());
    if (drive != INVALID_HANDLE_VALUE) {
        /* Windows' file systems pass a file's device controls to the volume's
         * device: a hard disk's knows no CD-ROM control. */
        fails_with("READ_TOC on a file", IOCTL_CDROM_READ_TOC, NULL, 0, &toc, sizeof toc, ERROR_INVALID_FUNCTION);
        CloseHandle(drive);
    }
    drive = saved;
}

int main(void)
{
    test_drive_type();
    drive = CreateFileW(L"\\\\.\\R:", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    ok(drive != INVALID_HANDLE_VALUE, "open \\\\.\\R:: %lu", GetLastError());
    if (drive == INVALID_HANDLE_VALUE) return vt_summary();
    test_validation();
    test_no_drive();
    CloseHandle(drive);
    test_not_a_cdrom();
    return vt_summary();
}
