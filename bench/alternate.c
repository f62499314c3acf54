/* Times two or more commands run alternately, so that a shared, noisy
 * machine slows each of them alike; prints each command's median and its
 * ratio to the last one (the floor).
 *
 *   sdesk_bench_alternate ROUNDS [--stdin PATTERN] CMD1 ARGS... -- CMD2 ARGS... [-- ...]
 *
 * Each round runs every command once, in order, with standard output to
 * /dev/null; a command that exits non-zero stops the run. `--stdin PATTERN`
 * before a command gives it, in round R (from 0), the file PATTERN with %d
 * replaced by R as standard input: a command that must read new input each
 * round (bench/mail.sh: each message has its own Message-ID). Used by
 * bench/README.md for `open` against the C floor (sdesk_bench_baseline).
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char** environ;

enum { k_max_commands = 8 };

static int compare_doubles(const void* a, const void* b)
{
  const double x = *(const double*)a;
  const double y = *(const double*)b;
  return (x > y) - (x < y);
}

/* One command: its argv and, when not NULL, the printf pattern of the file
 * it reads as standard input in each round. */
struct command {
  char** argv;
  const char* stdin_pattern;
};

/* Runs the command once, in round `round`; returns its wall time in ms, or
 * -1 if it failed. */
static double run_once(const struct command* command, int round)
{
  char** argv = command->argv;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (command->stdin_pattern != NULL) {
    /* The pattern is the user's: substitute %d by hand rather than hand
     * it to printf as a format. */
    char path[4096];
    const char* mark = strstr(command->stdin_pattern, "%d");
    if (mark == NULL) {
      snprintf(path, sizeof path, "%s", command->stdin_pattern);
    } else {
      snprintf(path, sizeof path, "%.*s%d%s", (int)(mark - command->stdin_pattern), command->stdin_pattern, round,
               mark + 2);
    }
    posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  struct timespec start;
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return -1;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  clock_gettime(CLOCK_MONOTONIC, &end);
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return -1;
  }
  return (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
}

int main(int argc, char** argv)
{
  if (argc < 3) {
    fprintf(stderr, "usage: sdesk_bench_alternate ROUNDS [--stdin PATTERN] CMD ARGS... "
                    "[-- [--stdin PATTERN] CMD ARGS...]...\n");
    return 2;
  }
  const int rounds = atoi(argv[1]);
  char** commands[k_max_commands];
  int count = 0;
  commands[count++] = &argv[2];
  for (int i = 2; i < argc; ++i) {
    if (strcmp(argv[i], "--") == 0) {
      argv[i] = NULL;
      if (count == k_max_commands || i + 1 == argc) {
        fprintf(stderr, "sdesk_bench_alternate: 1 to %d non-empty commands\n", k_max_commands);
        return 2;
      }
      commands[count++] = &argv[i + 1];
    }
  }
  if (rounds < 1) {
    fprintf(stderr, "sdesk_bench_alternate: ROUNDS must be a positive number\n");
    return 2;
  }
  struct command parsed[k_max_commands];
  for (int c = 0; c < count; ++c) {
    parsed[c].argv = commands[c];
    parsed[c].stdin_pattern = NULL;
    if (strcmp(commands[c][0], "--stdin") == 0) {
      if (commands[c][1] == NULL || commands[c][2] == NULL) {
        fprintf(stderr, "sdesk_bench_alternate: --stdin needs a PATTERN and a command\n");
        return 2;
      }
      parsed[c].stdin_pattern = commands[c][1];
      parsed[c].argv = commands[c] + 2;
      commands[c] = parsed[c].argv;
    }
  }
  double* times = malloc(sizeof(double) * (size_t)rounds * (size_t)count);
  for (int r = 0; r < rounds; ++r) {
    for (int c = 0; c < count; ++c) {
      const double ms = run_once(&parsed[c], r);
      if (ms < 0) {
        fprintf(stderr, "sdesk_bench_alternate: '%s' failed\n", commands[c][0]);
        return 1;
      }
      times[c * rounds + r] = ms;
    }
  }
  double medians[k_max_commands];
  for (int c = 0; c < count; ++c) {
    qsort(&times[c * rounds], (size_t)rounds, sizeof(double), compare_doubles);
    medians[c] = rounds % 2 ? times[c * rounds + rounds / 2]
                            : (times[c * rounds + rounds / 2 - 1] + times[c * rounds + rounds / 2]) / 2;
  }
  for (int c = 0; c < count; ++c) {
    char label[61] = "";
    for (char** word = commands[c]; *word != NULL; ++word) {
      const char* base = word == commands[c] && strrchr(*word, '/') ? strrchr(*word, '/') + 1 : *word;
      strncat(label, base, sizeof label - strlen(label) - 1);
      strncat(label, " ", sizeof label - strlen(label) - 1);
    }
    printf("%-60s median %7.3f ms  ratio to last %5.2f\n", label, medians[c], medians[c] / medians[count - 1]);
  }
  free(times);
  return 0;
}
