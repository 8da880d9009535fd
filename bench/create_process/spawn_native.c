/* spawn_native - the native baseline: posix_spawn + waitpid of a trivial
   Linux program, timed the way spawn_windows.exe times CreateProcess.

   usage: spawn_native RUNS CHILD

   Prints one line per run: "TOTAL_US CREATE_US" (posix_spawn alone, then
   through waitpid). */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: spawn_native RUNS CHILD\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    char *child_argv[] = {argv[2], NULL};
    for (int i = 0; i < runs; i++) {
        pid_t pid;
        int status;
        double start = now_us();
        if (posix_spawn(&pid, argv[2], NULL, NULL, child_argv, environ) != 0) {
            perror("spawn_native: posix_spawn");
            return 1;
        }
        double created = now_us();
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn_native: the child failed\n");
            return 1;
        }
        printf("%.1f %.1f\n", now_us() - start, created - start);
    }
    return 0;
}
