/* bench/aio under vine (mingw-w64).

     aio_win iocp FILE COUNT
         COUNT overlapped 4 KiB ReadFile calls on FILE (opened with
         FILE_FLAG_OVERLAPPED, associated with a completion port), each
         taken back with GetQueuedCompletionStatus; prints "ns/op: N"
     aio_win pipe COUNT
         a 64-byte round trip between this process and a child over a named
         pipe (the server writes, the child echoes), COUNT times after 1000
         untimed ones; prints "ns/op: N" per round trip
     aio_win echo NAME COUNT
         the child's side */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WARMUP 1000

static double now_ns(void)
{
    LARGE_INTEGER count, frequency;
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&frequency);
    return (double)count.QuadPart * 1e9 / (double)frequency.QuadPart;
}

static int bench_iocp(const char *path, long count)
{
    static char buffer[4096];
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    HANDLE port;
    LARGE_INTEGER size;
    OVERLAPPED ov, *got;
    DWORD bytes;
    ULONG_PTR key;
    long i;
    double start = 0;
    if (file == INVALID_HANDLE_VALUE || !GetFileSizeEx(file, &size)) return 1;
    port = CreateIoCompletionPort(file, NULL, 1, 1);
    if (!port) return 1;
    for (i = 0; i < WARMUP + count; i++) {
        ULONGLONG offset = ((ULONGLONG)i * 4096) % (ULONGLONG)size.QuadPart;
        if (i == WARMUP) start = now_ns();
        memset(&ov, 0, sizeof ov);
        ov.Offset = (DWORD)offset;
        ov.OffsetHigh = (DWORD)(offset >> 32);
        if (!ReadFile(file, buffer, sizeof buffer, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) return 1;
        if (!GetQueuedCompletionStatus(port, &bytes, &key, &got, INFINITE) || bytes != sizeof buffer || got != &ov)
            return 1;
    }
    printf("ns/op: %.0f\n", (now_ns() - start) / count);
    return 0;
}

static int full(HANDLE pipe, char *buffer, DWORD size)
{
    DWORD done = 0, got;
    while (done < size) {
        if (!ReadFile(pipe, buffer + done, size - done, &got, NULL) || !got) return 0;
        done += got;
    }
    return 1;
}

static int bench_pipe(const char *self, long count)
{
    char name[64], line[MAX_PATH + 128], buffer[64];
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    HANDLE pipe;
    DWORD put;
    long i;
    double start = 0;
    snprintf(name, sizeof name, "\\\\.\\pipe\\vine_bench_aio_%lu", GetCurrentProcessId());
    pipe = CreateNamedPipeA(name, PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE, 1, 4096, 4096, 0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) return 1;
    snprintf(line, sizeof line, "\"%s\" echo %s %ld", self, name, count);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return 1;
    if (!ConnectNamedPipe(pipe, NULL) && GetLastError() != ERROR_PIPE_CONNECTED) return 1;
    memset(buffer, 'x', sizeof buffer);
    for (i = 0; i < WARMUP + count; i++) {
        if (i == WARMUP) start = now_ns();
        if (!WriteFile(pipe, buffer, sizeof buffer, &put, NULL)) return 1;
        if (!full(pipe, buffer, sizeof buffer)) return 1;
    }
    printf("ns/op: %.0f\n", (now_ns() - start) / count);
    WaitForSingleObject(pi.hProcess, INFINITE);
    return 0;
}

static int echo(const char *name, long count)
{
    char buffer[64];
    DWORD put;
    long i;
    HANDLE pipe = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) return 1;
    for (i = 0; i < WARMUP + count; i++) {
        if (!full(pipe, buffer, sizeof buffer)) return 1;
        if (!WriteFile(pipe, buffer, sizeof buffer, &put, NULL)) return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    char self[MAX_PATH];
    GetModuleFileNameA(NULL, self, sizeof self);
    if (argc == 4 && !strcmp(argv[1], "iocp")) return bench_iocp(argv[2], atol(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "pipe")) return bench_pipe(self, atol(argv[2]));
    if (argc == 4 && !strcmp(argv[1], "echo")) return echo(argv[2], atol(argv[3]));
    fprintf(stderr, "usage: aio_win iocp FILE COUNT | pipe COUNT\n");
    return 2;
}
