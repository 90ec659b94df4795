// standalone_main.c: a main() for fuzz targets built without libFuzzer. Runs the target
// once on every file named on the command line (directories: every file inside, sorted),
// so the regression corpus replays in the ordinary test suite and under the sanitizers.
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    return 1;
  }
  size_t cap = 1 << 16, len = 0;
  uint8_t *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      cap *= 2;
      uint8_t *grown = realloc(buf, cap);
      if (!grown) {
        free(buf);
        buf = NULL;
      }
      buf = grown;
    }
  }
  fclose(f);
  if (!buf)
    return 1;
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir) {
  struct stat top;
  if (stat(dir, &top) != 0) {
    printf("skipped %s (not present)\n", dir);
    return 0;
  }
  DIR *d = opendir(dir);
  if (!d)
    return run_file(dir);
  char **names = NULL;
  size_t count = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char **grown = realloc(names, sizeof(char *) * (count + 1));
    if (!grown)
      break;
    names = grown;
    size_t need = strlen(dir) + strlen(de->d_name) + 2;
    names[count] = malloc(need);
    if (!names[count])
      break;
    snprintf(names[count], need, "%s/%s", dir, de->d_name);
    count++;
  }
  closedir(d);
  if (!names)
    return 0;
  qsort(names, count, sizeof(char *), cmp);
  int rc = 0;
  for (size_t i = 0; i < count; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
      rc |= run_file(names[i]);
    else if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
      rc |= run_dir(names[i]);
    free(names[i]);
  }
  free(names);
  return rc;
}

int main(int argc, char **argv) {
  int rc = 0;
  int files = 0;
  for (int i = 1; i < argc; i++) {
    rc |= run_dir(argv[i]);
    files++;
  }
  printf("replayed %d path(s)\n", files);
  return rc;
}
