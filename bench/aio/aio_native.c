/* Native baselines for bench/aio (gcc -O2).

     aio_native pread FILE COUNT
         COUNT 4 KiB preads of FILE (16 MiB, in the page cache) at offsets
         stepping through it; prints "ns/op: N"
     aio_native socketpair COUNT
         a 64-byte round trip between two processes over a Unix socket pair
         (the parent writes, the child echoes), COUNT times after 1000
         untimed ones; prints "ns/op: N" per round trip */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 1000

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int bench_pread(const char *path, long count)
{
    char buffer[4096];
    int fd = open(path, O_RDONLY);
    off_t size;
    long i;
    double start;
    if (fd < 0) return 1;
    size = lseek(fd, 0, SEEK_END);
    for (i = 0; i < WARMUP; i++)
        if (pread(fd, buffer, sizeof buffer, (i * 4096) % size) != sizeof buffer) return 1;
    start = now_ns();
    for (i = 0; i < count; i++)
        if (pread(fd, buffer, sizeof buffer, (i * 4096) % size) != sizeof buffer) return 1;
    printf("ns/op: %.0f\n", (now_ns() - start) / count);
    close(fd);
    return 0;
}

static int full(int fd, char *buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, buffer + done, size - done);
        if (n <= 0) return 0;
        done += (size_t)n;
    }
    return 1;
}

static int bench_socketpair(long count)
{
    char buffer[64];
    int pair[2];
    long i;
    double start = 0;
    pid_t child;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 1;
    memset(buffer, 'x', sizeof buffer);
    child = fork();
    if (child == 0) {
        close(pair[0]);
        for (i = 0; i < WARMUP + count; i++) {
            if (!full(pair[1], buffer, sizeof buffer)) _exit(1);
            if (write(pair[1], buffer, sizeof buffer) != sizeof buffer) _exit(1);
        }
        _exit(0);
    }
    close(pair[1]);
    for (i = 0; i < WARMUP + count; i++) {
        if (i == WARMUP) start = now_ns();
        if (write(pair[0], buffer, sizeof buffer) != sizeof buffer) return 1;
        if (!full(pair[0], buffer, sizeof buffer)) return 1;
    }
    printf("ns/op: %.0f\n", (now_ns() - start) / count);
    waitpid(child, NULL, 0);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "pread")) return bench_pread(argv[2], atol(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "socketpair")) return bench_socketpair(atol(argv[2]));
    fprintf(stderr, "usage: aio_native pread FILE COUNT | socketpair COUNT\n");
    return 2;
}
