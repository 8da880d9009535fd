/* GetDiskFreeSpace(Ex)(A/W): the volume of a directory, of the current
 * directory when no name is given; the two forms agree, the numbers are
 * consistent (free <= total, the caller's free <= all free), and a missing
 * directory fails. */
#include <windows.h>
#include "vinetest.h"

int main(void)
{
    DWORD sectors = 0, bytes = 0, free_clusters = 0, total_clusters = 0;
    ULARGE_INTEGER caller_free, total, total_free;
    WCHAR temp[MAX_PATH], cwd[MAX_PATH];
    char temp_a[MAX_PATH];
    ULONGLONG cluster;

    GetTempPathW(MAX_PATH, temp);
    GetTempPathA(MAX_PATH, temp_a);
    ok(GetDiskFreeSpaceExW(temp, &caller_free, &total, &total_free), "GetDiskFreeSpaceExW of the temp directory (%lu)",
       GetLastError());
    ok(total.QuadPart > 0, "a volume of %llu bytes", total.QuadPart);
    ok(total_free.QuadPart <= total.QuadPart, "free (%llu) <= total", total_free.QuadPart);
    ok(caller_free.QuadPart <= total_free.QuadPart, "the caller's free (%llu) <= all free", caller_free.QuadPart);
    ok(GetDiskFreeSpaceExW(temp, NULL, NULL, NULL), "every output is optional");

    ok(GetDiskFreeSpaceW(temp, &sectors, &bytes, &free_clusters, &total_clusters), "GetDiskFreeSpaceW (%lu)",
       GetLastError());
    ok(bytes >= 512 && (bytes & (bytes - 1)) == 0, "sectors of a power of two bytes (%lu)", bytes);
    ok(sectors >= 1, "%lu sectors a cluster", sectors);
    cluster = (ULONGLONG)sectors * bytes;
    ok(total_clusters > 0 && free_clusters <= total_clusters, "%lu of %lu clusters free", free_clusters,
       total_clusters);
    if (total.QuadPart / cluster < 0xffffffffu)
        ok((ULONGLONG)total_clusters * cluster == total.QuadPart, "the same total as GetDiskFreeSpaceExW");
    ok(GetDiskFreeSpaceW(temp, NULL, NULL, NULL, NULL), "every output is optional");

    {
        ULARGE_INTEGER total_a;
        ok(GetDiskFreeSpaceExA(temp_a, NULL, &total_a, NULL), "GetDiskFreeSpaceExA");
        ok(total_a.QuadPart == total.QuadPart, "the same total from the A form");
        ok(GetDiskFreeSpaceA(temp_a, &sectors, &bytes, NULL, NULL), "GetDiskFreeSpaceA");
    }

    /* No name: the current directory's volume. */
    GetCurrentDirectoryW(MAX_PATH, cwd);
    SetCurrentDirectoryW(temp);
    {
        ULARGE_INTEGER total_cwd;
        ok(GetDiskFreeSpaceExW(NULL, NULL, &total_cwd, NULL), "GetDiskFreeSpaceExW(NULL)");
        ok(total_cwd.QuadPart == total.QuadPart, "the current directory's volume");
        ok(GetDiskFreeSpaceW(NULL, &sectors, &bytes, &free_clusters, &total_clusters), "GetDiskFreeSpaceW(NULL)");
    }
    SetCurrentDirectoryW(cwd);

    {
        WCHAR missing[MAX_PATH];
        lstrcpyW(missing, temp);
        lstrcatW(missing, L"vine_no_such_directory\\");
        SetLastError(0);
        ok(!GetDiskFreeSpaceExW(missing, &caller_free, &total, &total_free), "a missing directory fails");
        ok(GetLastError() == ERROR_FILE_NOT_FOUND || GetLastError() == ERROR_PATH_NOT_FOUND,
           "not found (%lu)", GetLastError());
    }
    return vt_summary();
}
