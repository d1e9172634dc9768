/* wake: datagram wake-ups between agentd processes on one host. */
#include "engine/wake.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/xalloc.h"

/* Other processes' sockets are listed again at most this often: a process
 * started since is woken by its own poll until then. */
#define PEERS_TTL_NS (1000 * 1000 * 1000)
#define PEERS_MAX 64

struct wake {
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
    int fd;          /* sends, and receives when listening */
    bool listening;  /* fd is bound to dir/<our pid> */
    wake_fn on_wake;
    void *arg;
    pthread_t thread;
    pthread_mutex_t mu; /* the peer list */
    long peers[PEERS_MAX];
    int npeers;
    int64_t listed_ns; /* when the peers were listed; 0: never */
};

/* dir/<pid> as a socket address; false when it does not fit. */
static bool peer_addr(const struct wake *w, long pid, struct sockaddr_un *a)
{
    memset(a, 0, sizeof *a);
    a->sun_family = AF_UNIX;
    int n = snprintf(a->sun_path, sizeof a->sun_path, "%s/%ld", w->dir, pid);
    return n > 0 && (size_t)n < sizeof a->sun_path;
}

static void *listen_main(void *p)
{
    struct wake *w = p;
    for (;;) {
        int64_t run_at;
        ssize_t n = recv(w->fd, &run_at, sizeof run_at, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        if (n == 1)
            break; /* wake_close's own one-byte stop */
        if (n == (ssize_t)sizeof run_at)
            w->on_wake(w->arg, run_at);
    }
    return NULL;
}

int wake_open(const char *dir, wake_fn on_wake, void *arg, struct wake **out,
              struct err *err)
{
    *out = NULL;
    struct wake *w = xcalloc(1, sizeof *w);
    w->fd = -1;
    struct sockaddr_un a;
    int n = snprintf(w->dir, sizeof w->dir, "%s", dir);
    if (n <= 0 || (size_t)n >= sizeof w->dir || !peer_addr(w, getpid(), &a)) {
        free(w);
        return err_set(err, E_BAD_REQUEST,
                       "The wake-up directory %s is too long for a socket "
                       "path; a shorter database path (--db) avoids this",
                       dir);
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        int e = errno;
        free(w);
        return err_set(err, E_INTERNAL,
                       "Cannot create %s: %s; check that agentd may write "
                       "in the database's directory",
                       dir, strerror(e));
    }
    w->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (w->fd < 0) {
        int e = errno;
        free(w);
        return err_set(err, E_INTERNAL, "Cannot open a wake-up socket: %s",
                       strerror(e));
    }
    pthread_mutex_init(&w->mu, NULL);
    if (on_wake) {
        /* A socket left by an earlier process with our pid is stale. */
        unlink(a.sun_path);
        if (bind(w->fd, (struct sockaddr *)&a, sizeof a) != 0) {
            int e = errno;
            wake_close(w);
            return err_set(err, E_INTERNAL, "Cannot listen on %s: %s",
                           a.sun_path, strerror(e));
        }
        w->listening = true;
        w->on_wake = on_wake;
        w->arg = arg;
        if (pthread_create(&w->thread, NULL, listen_main, w) != 0) {
            w->on_wake = NULL;
            wake_close(w);
            return err_set(err, E_INTERNAL,
                           "Cannot start the wake-up listener");
        }
    }
    *out = w;
    return 0;
}

/* Lists the other processes' sockets (names that are pids). Called with
 * w->mu held. */
static void list_peers(struct wake *w)
{
    w->npeers = 0;
    w->listed_ns = clock_mono_ns();
    DIR *d = opendir(w->dir);
    if (!d)
        return;
    long self = (long)getpid();
    struct dirent *de;
    while ((de = readdir(d)) && w->npeers < PEERS_MAX) {
        char *end;
        long pid = strtol(de->d_name, &end, 10);
        if (end != de->d_name && !*end && pid > 0 && pid != self)
            w->peers[w->npeers++] = pid;
    }
    closedir(d);
}

void wake_send(struct wake *w, int64_t run_at)
{
    if (!w)
        return;
    long peers[PEERS_MAX];
    pthread_mutex_lock(&w->mu);
    if (!w->listed_ns || clock_mono_ns() - w->listed_ns > PEERS_TTL_NS)
        list_peers(w);
    int n = w->npeers;
    memcpy(peers, w->peers, (size_t)n * sizeof *peers);
    pthread_mutex_unlock(&w->mu);
    bool gone = false;
    for (int i = 0; i < n; i++) {
        struct sockaddr_un a;
        if (!peer_addr(w, peers[i], &a))
            continue;
        if (sendto(w->fd, &run_at, sizeof run_at, MSG_DONTWAIT,
                   (struct sockaddr *)&a, sizeof a) == 0 ||
            errno == EAGAIN)
            continue; /* delivered, or that process has wake-ups queued */
        /* Nobody listens there: remove it if its process is gone. */
        if ((errno == ECONNREFUSED || errno == ENOENT) &&
            kill((pid_t)peers[i], 0) != 0 && errno == ESRCH) {
            unlink(a.sun_path);
            gone = true;
        }
    }
    if (gone) {
        pthread_mutex_lock(&w->mu);
        w->listed_ns = 0;
        pthread_mutex_unlock(&w->mu);
    }
}

void wake_close(struct wake *w)
{
    if (!w)
        return;
    struct sockaddr_un a;
    if (w->listening && peer_addr(w, getpid(), &a)) {
        if (w->on_wake) {
            /* recv() is not interrupted by close(): stop the listener with
             * a one-byte datagram to ourselves. */
            char stop = 0;
            sendto(w->fd, &stop, 1, 0, (struct sockaddr *)&a, sizeof a);
            pthread_join(w->thread, NULL);
        }
        unlink(a.sun_path);
    }
    if (w->fd >= 0)
        close(w->fd);
    pthread_mutex_destroy(&w->mu);
    free(w);
}
