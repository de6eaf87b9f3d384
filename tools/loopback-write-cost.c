/*
 * The floor under fan-out to many connections on this machine: the CPU time of one small write(2) to a loopback TCP
 * socket and of one read(2) of it, with no server around them (docs/performance.md, "40 channels of 200").
 * Opens N connected loopback pairs, then for R rounds writes one 100-byte message to every sending socket and reads
 * every receiving socket, timing each phase with the thread's CPU clock. Run it pinned to one core:
 *
 *   gcc -O2 -o /tmp/loopback-write-cost tools/loopback-write-cost.c && taskset -c 0 /tmp/loopback-write-cost 8000 20
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

static double cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 8000, rounds = argc > 2 ? atoi(argv[2]) : 20;
    struct rlimit lim;
    getrlimit(RLIMIT_NOFILE, &lim);
    if ((rlim_t) (2 * n + 16) > lim.rlim_cur) {
        fprintf(stderr, "needs %d open files, the limit is %lu\n", 2 * n + 16, (unsigned long) lim.rlim_cur);
        return 1;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    if (bind(listener, (struct sockaddr *) &addr, sizeof addr) || listen(listener, 4096)
            || getsockname(listener, (struct sockaddr *) &addr, &len)) {
        perror("listen");
        return 1;
    }
    int *out = malloc(n * sizeof *out), *in = malloc(n * sizeof *in), one = 1;
    for (int i = 0; i < n; i++) {
        out[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(out[i], (struct sockaddr *) &addr, sizeof addr)) {
            perror("connect");
            return 1;
        }
        in[i] = accept(listener, NULL, NULL);
        setsockopt(out[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(out[i], F_SETFL, O_NONBLOCK);
        fcntl(in[i], F_SETFL, O_NONBLOCK);
    }
    char message[100], buffer[65536];
    memset(message, 'x', sizeof message);
    double writing = 0, reading = 0;
    long writes = 0, reads = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = cpu_us();
        for (int i = 0; i < n; i++) {
            writes += write(out[i], message, sizeof message) == sizeof message;
        }
        double t1 = cpu_us();
        for (int i = 0; i < n; i++) {
            reads += read(in[i], buffer, sizeof buffer) > 0;
        }
        reading += cpu_us() - t1;
        writing += t1 - t0;
    }
    printf("%d connections, %d rounds: %.2f us CPU per write, %.2f us per read; one write to every connection "
           "takes %.1f ms\n", n, rounds, writing / writes, reading / reads, writing / rounds / 1000);
    return 0;
}
