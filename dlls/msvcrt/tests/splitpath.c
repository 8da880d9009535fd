/* _splitpath/_makepath, their _s and wide forms. Built for msvcrt.dll and
 * for the Universal CRT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "vinetest.h"

int main(void)
{
    char drive[_MAX_DRIVE], dir[_MAX_DIR], name[_MAX_FNAME], ext[_MAX_EXT], path[_MAX_PATH], tiny[2];
    wchar_t wdrive[_MAX_DRIVE], wdir[_MAX_DIR], wname[_MAX_FNAME], wext[_MAX_EXT], wpath[_MAX_PATH];

    _splitpath("c:\\dir\\sub\\file.name.txt", drive, dir, name, ext);
    ok_str(drive, "c:");
    ok_str(dir, "\\dir\\sub\\");
    ok_str(name, "file.name");
    ok_str(ext, ".txt");
    _splitpath("file", drive, dir, name, ext);
    ok(!drive[0] && !dir[0] && strcmp(name, "file") == 0 && !ext[0], "a bare name");
    _splitpath("dir/sub/", drive, dir, name, ext);
    ok(!drive[0] && strcmp(dir, "dir/sub/") == 0 && !name[0] && !ext[0], "forward slashes, no name");
    _splitpath("a.b\\c", NULL, dir, name, ext);
    ok(strcmp(dir, "a.b\\") == 0 && strcmp(name, "c") == 0 && !ext[0], "a dot in the directory is not an extension");

    ok(_splitpath_s("x:\\y\\z.ext", drive, sizeof drive, dir, sizeof dir, name, sizeof name, ext, sizeof ext) == 0,
       "_splitpath_s");
    ok_str(ext, ".ext");
    ok(_splitpath_s("x:\\y\\z.ext", drive, sizeof drive, dir, sizeof dir, name, sizeof name, tiny, sizeof tiny) ==
           ERANGE, "_splitpath_s with a short buffer: ERANGE");
    ok(!drive[0] && !dir[0] && !name[0] && !tiny[0], "every part emptied");
    ok(_splitpath_s(NULL, drive, sizeof drive, NULL, 0, NULL, 0, NULL, 0) == EINVAL, "_splitpath_s(NULL): EINVAL");
    ok(_splitpath_s("a", drive, 0, NULL, 0, NULL, 0, NULL, 0) == EINVAL, "a buffer with size 0: EINVAL");

    ok(_wsplitpath_s(L"d:\\a\\b.c", wdrive, _MAX_DRIVE, wdir, _MAX_DIR, wname, _MAX_FNAME, wext, _MAX_EXT) == 0,
       "_wsplitpath_s");
    ok(wcscmp(wdrive, L"d:") == 0 && wcscmp(wdir, L"\\a\\") == 0 && wcscmp(wname, L"b") == 0 &&
           wcscmp(wext, L".c") == 0, "its parts");

    _makepath(path, "c", "\\dir", "file", "txt");
    ok_str(path, "c:\\dir\\file.txt");
    _makepath(path, NULL, "dir/", "file", ".txt");
    ok_str(path, "dir/file.txt");
    _makepath(path, "", "", "name", NULL);
    ok_str(path, "name");
    ok(_makepath_s(path, sizeof path, "e", "x", "y", "z") == 0, "_makepath_s");
    ok_str(path, "e:x\\y.z");
    ok(_makepath_s(path, 5, "e", "x", "y", "z") == ERANGE && !path[0], "_makepath_s too small: ERANGE, empty");
    ok(_wmakepath_s(wpath, _MAX_PATH, L"f", L"\\d", L"n", L"e") == 0 && wcscmp(wpath, L"f:\\d\\n.e") == 0,
       "_wmakepath_s");
    return vt_summary();
}
