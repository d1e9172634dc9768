/* Unit tests: the durable job queue (engine/queue.c). */
#include "testutil.h"

#include <sys/wait.h>
#include <unistd.h>

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "core/clock.h"
#include "engine/queue.h"
#include "engine/wake.h"

static struct db *qdb(void)
{
    struct db *db = test_db();
    test_exec(db, "INSERT INTO workspaces (id, name, created_at, updated_at) "
                  "VALUES (1, 'w', 0, 0)");
    return db;
}

static void claims_due_jobs_in_order_and_leases_them(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    assert_int_equal(queue_push(db, 1, JOB_RUN, 11, 1, 3000, NULL, NULL, &e),
                     0);
    assert_int_equal(queue_push(db, 1, JOB_RUN, 10, 1, 1000, NULL, NULL, &e),
                     0);
    assert_int_equal(queue_push(db, 1, JOB_RUN, 12, 1, 9000, NULL, NULL, &e),
                     0);
    struct job jobs[8];
    /* At 5000 two are due, the older first. */
    int n = queue_claim(db, "w1", 5000, 100, 8, jobs, &e);
    assert_int_equal(n, 2);
    assert_int_equal(jobs[0].execution_id, 10);
    assert_int_equal(jobs[1].execution_id, 11);
    assert_int_equal(jobs[0].attempts, 1);
    assert_int_equal(jobs[0].due_at, 1000);
    /* Leased: nobody else gets them before the lease ends. */
    assert_int_equal(queue_claim(db, "w2", 5050, 100, 8, jobs, &e), 0);
    /* The lease ran out (the worker died): claimed again, counted. */
    n = queue_claim(db, "w2", 5100, 100, 8, jobs, &e);
    assert_int_equal(n, 2);
    assert_int_equal(jobs[0].attempts, 2);
    /* The next due time covers leases and future jobs. */
    assert_int_equal(queue_next_due(db, &e), 5200);
    db_close(db);
}

/* A claim leases without moving run_at: leased jobs at the front of the
 * queue are passed over, the ones behind them claimed, and the next due
 * time is the first lease's end or the first free job, whichever is
 * sooner, also when more than the first 64 jobs are leased. */
static void leased_jobs_are_passed_over_in_place(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    for (int i = 0; i < 70; i++)
        assert_int_equal(
            queue_push(db, 1, JOB_RUN, 100 + i, 1, 1000 + i, NULL, NULL, &e),
            0);
    queue_push(db, 1, JOB_RUN, 500, 1, 1500, NULL, NULL, &e);
    struct job jobs[80];
    assert_int_equal(queue_claim(db, "w1", 1100, 5000, 70, jobs, &e), 70);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs WHERE run_at = "
                                  "due_at"),
                     71);
    /* All 70 at the front are leased until 6100: the free job at 1500
     * is next, found past the first 64. */
    assert_int_equal(queue_next_due(db, &e), 1500);
    assert_int_equal(queue_claim(db, "w2", 1400, 5000, 80, jobs, &e), 0);
    assert_int_equal(queue_claim(db, "w2", 1500, 5000, 80, jobs, &e), 1);
    assert_int_equal(jobs[0].execution_id, 500);
    /* Everything leased: the first lease's end. */
    assert_int_equal(queue_next_due(db, &e), 6100);
    /* One finished, the rest of w1's leases ran out: claimed again, in
     * order, counted. */
    assert_int_equal(queue_done(db, jobs[0].id, &e), 0);
    assert_int_equal(queue_claim(db, "w2", 6100, 5000, 2, jobs, &e), 2);
    assert_int_equal(jobs[0].execution_id, 100);
    assert_int_equal(jobs[1].execution_id, 101);
    assert_int_equal(jobs[0].attempts, 2);
    db_close(db);
}

static void done_reschedule_and_cancel(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    int64_t id;
    assert_int_equal(queue_push(db, 1, JOB_RUN, 20, 2, 100, NULL, &id, &e), 0);
    struct job j;
    assert_int_equal(queue_claim(db, "w", 100, 1000, 1, &j, &e), 1);
    /* A wait: the same job, later, as good as new. */
    assert_int_equal(queue_reschedule(db, j.id, 5000, NULL, &e), 0);
    assert_int_equal(queue_claim(db, "w", 4999, 1000, 1, &j, &e), 0);
    assert_int_equal(queue_claim(db, "w", 5000, 1000, 1, &j, &e), 1);
    assert_int_equal(j.attempts, 1);
    assert_int_equal(j.due_at, 5000);
    assert_int_equal(queue_done(db, j.id, &e), 0);
    assert_int_equal(queue_next_due(db, &e), INT64_MAX);
    /* Cancel by execution and by agent. */
    queue_push(db, 1, JOB_RUN, 21, 3, 100, NULL, NULL, &e);
    queue_push(db, 1, JOB_RUN, 22, 3, 100, NULL, NULL, &e);
    queue_push(db, 1, JOB_SCHEDULE, 0, 3, 100, "sched:3", NULL, &e);
    assert_int_equal(queue_cancel_execution(db, 21, &e), 1);
    assert_int_equal(queue_cancel_agent(db, 3, JOB_SCHEDULE, &e), 1);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs"), 1);
    assert_int_equal(queue_cancel_agent(db, 3, NULL, &e), 1);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs"), 0);
    db_close(db);
}

/* A worker performing a step's calls keeps its job for as long as they
 * take; once another worker has taken the job over, the first can neither
 * extend nor release it. */
static void holds_are_kept_and_fenced(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    queue_push(db, 1, JOB_RUN, 40, 4, 100, NULL, NULL, &e);
    struct job j;
    assert_int_equal(queue_claim(db, "w1", 100, 1000, 1, &j, &e), 1);
    /* Extended past the claim's lease: nobody takes it at 1100. */
    assert_int_equal(queue_hold(db, j.id, "w1", 3000, &e), 1);
    assert_int_equal(queue_claim(db, "w2", 1100, 1000, 1, &j, &e), 0);
    assert_int_equal(test_int(db, "SELECT attempts FROM jobs"), 0);
    /* Not w2's to hold. */
    assert_int_equal(queue_hold(db, j.id, "w2", 9000, &e), 0);
    /* w1 stalls past its hold; w2 takes the job over. */
    assert_int_equal(queue_claim(db, "w2", 3000, 1000, 1, &j, &e), 1);
    assert_int_equal(queue_hold(db, j.id, "w1", 9000, &e), 0);
    assert_int_equal(queue_holds(db, j.id, "w1", &e), 0);
    assert_int_equal(queue_holds(db, j.id, "w2", &e), 1);
    assert_int_equal(queue_reschedule(db, j.id, 3000, "w1", &e), 0);
    assert_int_equal(test_int(db, "SELECT locked_until FROM jobs"), 4000);
    assert_int_equal(test_int(db, "SELECT run_at FROM jobs"), 3000);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs WHERE "
                                  "locked_by = 'w2'"),
                     1);
    /* w2 finishes its calls: the job is due again, unlocked. */
    assert_int_equal(queue_reschedule(db, j.id, 3500, "w2", &e), 0);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs WHERE "
                                  "locked_by IS NULL AND run_at = 3500"),
                     1);
    /* An unlocked job is nobody's to hold. */
    assert_int_equal(queue_hold(db, j.id, NULL, 9000, &e), 0);
    assert_int_equal(queue_holds(db, j.id, "w2", &e), 0);
    db_close(db);
}

static atomic_llong woken_at;

static void on_wake(void *arg, int64_t run_at)
{
    (void)arg;
    atomic_store(&woken_at, run_at);
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += de->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* Another process's wake-up reaches this one's listener; a socket whose
 * process is gone is removed by the next sender. */
static void wake_ups_reach_other_processes(void **state)
{
    (void)state;
    char dir[] = "/tmp/agentd-wake-XXXXXX";
    assert_non_null(mkdtemp(dir));
    struct err e = ERR_INIT;
    struct wake *w = NULL;
    assert_int_equal(wake_open(dir, on_wake, NULL, &w, &e), 0);
    assert_int_equal(entries(dir), 1);
    /* A dead process's socket: bound, then left behind. */
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    waitpid(dead, NULL, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof a.sun_path, "%s/%ld", dir, (long)dead);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    close(fd);
    assert_int_equal(entries(dir), 2);
    /* A sending process (a sender skips its own pid's socket). */
    pid_t child = fork();
    if (child == 0) {
        struct wake *s = NULL;
        struct err ce = ERR_INIT;
        if (wake_open(dir, NULL, NULL, &s, &ce))
            _exit(1);
        wake_send(s, 4242);
        wake_close(s);
        _exit(0);
    }
    int status = -1;
    waitpid(child, &status, 0);
    assert_int_equal(status, 0);
    for (int i = 0; i < 500 && atomic_load(&woken_at) != 4242; i++)
        usleep(10 * 1000);
    assert_int_equal(atomic_load(&woken_at), 4242);
    assert_int_equal(entries(dir), 1);
    /* Sending to ourselves does nothing. */
    atomic_store(&woken_at, 0);
    wake_send(w, 7);
    usleep(50 * 1000);
    assert_int_equal(atomic_load(&woken_at), 0);
    wake_close(w);
    assert_int_equal(entries(dir), 0);
    rmdir(dir);
}

static void idempotency_key_moves_instead_of_adding(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    int64_t a, b;
    assert_int_equal(
        queue_push(db, 1, JOB_SCHEDULE, 0, 7, 1000, "sched:7", &a, &e), 0);
    assert_int_equal(
        queue_push(db, 1, JOB_SCHEDULE, 0, 7, 8000, "sched:7", &b, &e), 0);
    assert_int_equal(a, b);
    assert_int_equal(test_int(db, "SELECT COUNT(*) FROM jobs"), 1);
    assert_int_equal(test_int(db, "SELECT run_at FROM jobs"), 8000);
    db_close(db);
}

static void retries_back_off_then_give_up(void **state)
{
    (void)state;
    clock_init(1, 0);
    struct db *db = qdb();
    struct err e = ERR_INIT;
    queue_push(db, 1, JOB_RUN, 30, 1, 0, NULL, NULL, &e);
    struct job j;
    int64_t now = 0;
    int64_t delays[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(queue_claim(db, "w", now, 1000, 1, &j, &e), 1);
        assert_int_equal(queue_retry(db, &j, now, "busy", &e), 1);
        int64_t at = test_int(db, "SELECT run_at FROM jobs");
        delays[i] = at - now;
        now = at;
    }
    /* Exponential: the second wait is longer than the first. */
    assert_true(delays[0] >= 1000);
    assert_true(delays[1] >= 4 * delays[0]);
    assert_int_equal(queue_claim(db, "w", now, 1000, 1, &j, &e), 1);
    assert_int_equal(j.attempts, QUEUE_MAX_ATTEMPTS);
    /* The third failure is the last: the caller gives up. */
    assert_int_equal(queue_retry(db, &j, now, "busy", &e), 0);
    db_close(db);
}

static void leases_of_dead_processes_are_released(void **state)
{
    (void)state;
    struct db *db = qdb();
    struct err e = ERR_INIT;
    queue_push(db, 1, JOB_RUN, 40, 1, 0, NULL, NULL, &e);
    queue_push(db, 1, JOB_RUN, 41, 1, 0, NULL, NULL, &e);
    struct job j[2];
    /* One held by a process that no longer exists, one by us. */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    char dead[64];
    snprintf(dead, sizeof dead, "box:%ld:0", (long)child);
    assert_int_equal(queue_claim(db, dead, 10, 60000, 1, j, &e), 1);
    char me[64];
    snprintf(me, sizeof me, "box:%ld:0", (long)getpid());
    assert_int_equal(queue_claim(db, me, 10, 60000, 1, j, &e), 1);
    assert_int_equal(queue_release_dead(db, "box", 20, &e), 1);
    assert_int_equal(queue_claim(db, "box:1:1", 20, 60000, 2, j, &e), 1);
    assert_int_equal(j[0].execution_id, 40);
    /* Another host's leases are left to expire. */
    assert_int_equal(queue_release_dead(db, "other", 20, &e), 0);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(claims_due_jobs_in_order_and_leases_them),
        cmocka_unit_test(leased_jobs_are_passed_over_in_place),
        cmocka_unit_test(done_reschedule_and_cancel),
        cmocka_unit_test(holds_are_kept_and_fenced),
        cmocka_unit_test(wake_ups_reach_other_processes),
        cmocka_unit_test(idempotency_key_moves_instead_of_adding),
        cmocka_unit_test(retries_back_off_then_give_up),
        cmocka_unit_test(leases_of_dead_processes_are_released),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
