/* timeit - measures whole-process wall time of several commands, interleaved.

   usage: timeit [-n RUNS] [-w WARMUP] LABEL COMMAND [ARGS...] [-- LABEL COMMAND [ARGS...]]...

   Each round runs every command once, in order (so a drift in machine load
   touches all of them alike); there are WARMUP untimed rounds first. A run
   is fork + execvp + waitpid, timed with CLOCK_MONOTONIC from just before the
   fork to just after the wait; the child's stdin, stdout and stderr are
   /dev/null. A command that fails (nonzero exit, signal, exec error) stops
   the measurement with exit status 1.

   Prints one tab-separated line per command:
     LABEL RUNS MEDIAN_US MIN_US P10_US P90_US MEAN_US */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct command {
    const char *label;
    char **argv;
    double *samples; /* microseconds */
};

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Runs one command; returns its wall time in microseconds, or -1 on failure. */
static double run_once(const struct command *cmd, int null_fd)
{
    double start = now_us();
    pid_t pid = fork();
    if (pid < 0) {
        perror("timeit: fork");
        return -1;
    }
    if (pid == 0) {
        dup2(null_fd, 0);
        dup2(null_fd, 1);
        dup2(null_fd, 2);
        execvp(cmd->argv[0], cmd->argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("timeit: waitpid");
            return -1;
        }
    }
    double elapsed = now_us() - start;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status))
            fprintf(stderr, "timeit: %s: %s exited with status %d\n", cmd->label, cmd->argv[0], WEXITSTATUS(status));
        else
            fprintf(stderr, "timeit: %s: %s killed by signal %d\n", cmd->label, cmd->argv[0], WTERMSIG(status));
        return -1;
    }
    return elapsed;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(const double *sorted, int n, double p)
{
    double pos = p * (n - 1);
    int lo = (int)pos;
    int hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

static void usage(void)
{
    fprintf(stderr, "usage: timeit [-n RUNS] [-w WARMUP] LABEL COMMAND [ARGS...] [-- LABEL COMMAND [ARGS...]]...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 200, warmup = 5, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-w") && i + 1 < argc)
            warmup = atoi(argv[++i]);
        else
            usage();
    }
    if (runs < 1 || warmup < 0 || i >= argc)
        usage();

    struct command *cmds = calloc(argc, sizeof(*cmds));
    int ncmds = 0;
    while (i < argc) {
        if (i + 1 >= argc || !strcmp(argv[i], "--") || !strcmp(argv[i + 1], "--"))
            usage();
        struct command *cmd = &cmds[ncmds++];
        cmd->label = argv[i++];
        cmd->argv = &argv[i];
        while (i < argc && strcmp(argv[i], "--"))
            i++;
        if (i < argc)
            argv[i++] = NULL; /* terminates this command's argv */
        cmd->samples = calloc(runs, sizeof(double));
        if (!cmd->samples) {
            perror("timeit");
            return 1;
        }
    }

    int null_fd = open("/dev/null", O_RDWR);
    if (null_fd < 0) {
        perror("timeit: /dev/null");
        return 1;
    }
    for (int round = -warmup; round < runs; round++) {
        for (int c = 0; c < ncmds; c++) {
            double t = run_once(&cmds[c], null_fd);
            if (t < 0)
                return 1;
            if (round >= 0)
                cmds[c].samples[round] = t;
        }
    }
    for (int c = 0; c < ncmds; c++) {
        double *s = cmds[c].samples, sum = 0;
        qsort(s, runs, sizeof(double), compare);
        for (int r = 0; r < runs; r++)
            sum += s[r];
        printf("%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", cmds[c].label, runs, percentile(s, runs, 0.5), s[0],
               percentile(s, runs, 0.1), percentile(s, runs, 0.9), sum / runs);
    }
    return 0;
}
