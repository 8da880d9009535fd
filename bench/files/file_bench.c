/* bench/files/file_bench.c - file workloads of issue 9, built twice from
 * this one source: with mingw-w64 (Win32 calls, run under vine) and with gcc
 * for Linux (the POSIX calls doing the same work). Run in an empty scratch
 * directory; prints one line:
 *   small U create U missing U attrs U find N
 * small:   create, write 100 bytes, read them back, delete: 2,000 files, µs each
 * create:  create (and close) 10,000 empty files in one directory, µs each
 * missing: attributes of a missing name in that directory, 10,000 names, µs each
 * attrs:   attributes of each of the 10,000 existing files, µs each
 * find:    FindFirstFile/FindNextFile (opendir/readdir + stat) over it, ns per entry
 * Then everything is deleted. */
#include <stdio.h>
#include <string.h>

#define SMALL 2000
#define ENTRIES 10000

#ifdef _WIN32
#include <windows.h>
static double now_us(void)
{
    static LARGE_INTEGER frequency;
    LARGE_INTEGER counter;
    if (!frequency.QuadPart) QueryPerformanceFrequency(&frequency);
    QueryPerformanceCounter(&counter);
    return (double)counter.QuadPart * 1e6 / (double)frequency.QuadPart;
}
static int make_dir(const char *name) { return CreateDirectoryA(name, NULL) ? 0 : -1; }
static int remove_dir(const char *name) { return RemoveDirectoryA(name) ? 0 : -1; }
static int create_write_read_delete(const char *name, const char *data, int size)
{
    char back[128];
    DWORD n;
    HANDLE file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return -1;
    if (!WriteFile(file, data, size, &n, NULL) || (int)n != size) return -1;
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    if (!ReadFile(file, back, size, &n, NULL) || (int)n != size) return -1;
    CloseHandle(file);
    return DeleteFileA(name) ? 0 : -1;
}
static int create_empty(const char *name)
{
    HANDLE file = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return -1;
    CloseHandle(file);
    return 0;
}
static int exists(const char *name) { return GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES; }
static int remove_file(const char *name) { return DeleteFileA(name) ? 0 : -1; }
static long list(const char *dir)
{
    char pattern[64];
    WIN32_FIND_DATAA data;
    long count = 0;
    HANDLE find;
    snprintf(pattern, sizeof(pattern), "%s\\*", dir);
    find = FindFirstFileA(pattern, &data);
    if (find == INVALID_HANDLE_VALUE) return -1;
    do count++;
    while (FindNextFileA(find, &data));
    FindClose(find);
    return count;
}
#define SEP "\\"
#else
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
static int make_dir(const char *name) { return mkdir(name, 0777); }
static int remove_dir(const char *name) { return rmdir(name); }
static int create_write_read_delete(const char *name, const char *data, int size)
{
    char back[128];
    int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0666);
    if (fd < 0) return -1;
    if (write(fd, data, size) != size) return -1;
    lseek(fd, 0, SEEK_SET);
    if (read(fd, back, size) != size) return -1;
    close(fd);
    return unlink(name);
}
static int create_empty(const char *name)
{
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) return -1;
    return close(fd);
}
static int exists(const char *name)
{
    struct stat st;
    return stat(name, &st) == 0;
}
static int remove_file(const char *name) { return unlink(name); }
/* What FindNextFile returns per entry needs a stat of each. */
static long list(const char *dir)
{
    char path[300];
    struct stat st;
    struct dirent *entry;
    long count = 0;
    DIR *d = opendir(dir);
    if (!d) return -1;
    while ((entry = readdir(d))) {
        snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
        if (stat(path, &st) == 0) count++;
    }
    closedir(d);
    return count;
}
#define SEP "/"
#endif

int main(void)
{
    static const char data[100] = "0123456789abcdefghijklmnopqrstuvwxyz";
    char name[64];
    double start, small_us, create_us, missing_us, attrs_us, find_ns;
    long listed;
    int i;

    if (make_dir("fb")) return 1;
    start = now_us();
    for (i = 0; i < SMALL; i++) {
        snprintf(name, sizeof(name), "fb" SEP "small%d.txt", i);
        if (create_write_read_delete(name, data, sizeof(data))) return 2;
    }
    small_us = (now_us() - start) / SMALL;

    start = now_us();
    for (i = 0; i < ENTRIES; i++) {
        snprintf(name, sizeof(name), "fb" SEP "entry%05d.dat", i);
        if (create_empty(name)) return 3;
    }
    create_us = (now_us() - start) / ENTRIES;

    start = now_us();
    for (i = 0; i < ENTRIES; i++) {
        snprintf(name, sizeof(name), "fb" SEP "missing%05d.dat", i);
        if (exists(name)) return 4;
    }
    missing_us = (now_us() - start) / ENTRIES;

    start = now_us();
    for (i = 0; i < ENTRIES; i++) {
        snprintf(name, sizeof(name), "fb" SEP "entry%05d.dat", i);
        if (!exists(name)) return 5;
    }
    attrs_us = (now_us() - start) / ENTRIES;

    start = now_us();
    listed = list("fb");
    if (listed < ENTRIES) return 6;
    find_ns = (now_us() - start) * 1000 / listed;

    for (i = 0; i < ENTRIES; i++) {
        snprintf(name, sizeof(name), "fb" SEP "entry%05d.dat", i);
        if (remove_file(name)) return 7;
    }
    if (remove_dir("fb")) return 8;
    printf("small %.2f create %.2f missing %.2f attrs %.2f find %.1f\n", small_us, create_us, missing_us, attrs_us,
           find_ns);
    return 0;
}
